"""Writing one election's files from the store for the publisher (`publish.snapshot`): every
file of it, or what a pass's changes of the log change, and its E2E record.

`publish.snapshot.Publisher` reads the event log and decides which elections to write and how;
an `ElectionWrites` reads what else the files need (the reports, the boxes, the records, the
sheets of the stations that reported) in short units of work and writes them through the
`Published` state of the election.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sandogh.core.definition.model import UnitKind
from sandogh.publish.changes import Change, ChangeKind
from sandogh.publish.e2e_record import E2EOptions, E2ERecord
from sandogh.publish.processes import write_files
from sandogh.publish.published import Published
from sandogh.publish.reading import (
    read_anchor,
    read_builds,
    read_candidacy,
    read_devices,
    read_stations,
)
from sandogh.publish.unit_files import every_page_changes, linked_everywhere, write_units
from sandogh.publish.writer import Writer
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.services.results import tally

#: the voting stations from which an election's files are written by several processes: below,
#: forking costs more than it saves
PARALLEL_FROM = 2_000

#: the changes the E2E record follows: its own, and the reports, boxes and sealed record that
#: say why a voting station has no chain (`publish.e2e_absent`)
_E2E_INPUTS = frozenset(
    (ChangeKind.E2E, ChangeKind.REPORT, ChangeKind.DEVICES, ChangeKind.ANCHOR, ChangeKind.DECISION)
)


class ElectionWrites:
    """Writes the files of the elections of the snapshot under `root`, reading the store
    through `reads`; the arguments are `publish.snapshot.Publisher`'s."""

    def __init__(
        self,
        reads: UnitOfWorkFactory,
        root: Path,
        *,
        nist_down_to: UnitKind,
        clock: Callable[[], float],
        e2e: E2EOptions,
        workers: int,
        parallel_from: int,
    ) -> None:
        self._reads = reads
        self._root = root
        self._nist_down_to = nist_down_to
        self._clock = clock
        self.e2e_options = e2e
        self._e2e: dict[str, E2ERecord] = {}
        self._workers = workers
        self._parallel_from = parallel_from

    def large(self, state: Published) -> bool:
        """Whether the election's files (and its whole site) are written by several processes."""
        return len(state.index.voting_stations) >= self._parallel_from

    def everything(self, writer: Writer, state: Published) -> None:
        """Every file of the election, its reports and E2E record too."""
        election = state.index.election_id
        workers = self._workers if self.large(state) else 1
        with self._reads() as work:
            write_files(writer, state.report_files(work.reports.all(election)), workers)
        read_devices(self._reads, state)  # the record was read with the election's sheets
        read_builds(self._reads, state)
        read_candidacy(self._reads, state)
        now = self._clock()
        state.write_everything(writer, nist_down_to=self._nist_down_to, now=now, workers=workers)
        self.e2e(writer, state)

    def e2e(self, writer: Writer, state: Published) -> None:
        """The election's E2E record, once its ceremony record is loaded (`publish.e2e_record`).
        The chains are read whole in one short unit of work, not streamed through a long one:
        on SQLite an open unit of work holds the store."""
        election = state.index.election_id
        with self._reads() as work:
            ceremony = work.e2e.ceremony(election)
            chains = [] if ceremony is None else list(work.e2e.chains(election))
        if ceremony is None:
            return
        record = self._e2e.get(election)
        if record is None:
            stored = state.index.stored.election
            record = E2ERecord(stored, state.tallied.geography, self.e2e_options)
            self._e2e[election] = record
        record.write(writer, f"{state.folder}/e2e", ceremony, chains)

    def changes(self, writer: Writer, state: Published, changes: list[Change]) -> set[str] | None:
        """Write what `changes` (recorded in the timeline already, none of them one that reads
        the election again whole) change; the units whose pages changed, or None when every
        page changes (`publish.unit_files.every_page_changes`: the record sealed, say)."""
        linked = linked_everywhere(self._root, state)
        sheets = read_stations(self._reads, writer, state, changes)
        self._records(writer, state, {c.kind for c in changes})
        if any(c.kind in _E2E_INPUTS for c in changes):
            self.e2e(writer, state)
        geography = state.index.geography
        for change in changes:
            state.timeline.touch(state.times, geography, change)
        units = {c.station for c in changes if c.kind is ChangeKind.REPORT and c.station}
        decided = any(c.kind is ChangeKind.DECISION for c in changes)
        if decided:  # read again whole: it holds the sheets read too
            with self._reads() as work:
                units |= state.retake(tally(work, state.index.election_id, signed=True))
            state.write_supervision(writer)
        elif sheets:
            state.refigure(sheets)
        for station in sheets:
            units.update(geography.ancestors(station))
        units = write_units(writer, state, units, sheets, decided=decided)
        return None if every_page_changes(self._root, state, linked, writer.written) else units

    def _records(self, writer: Writer, state: Published, kinds: set[ChangeKind]) -> None:
        """Write again the files of the records no report changes: the pre-election record,
        the builds, candidacy."""
        if ChangeKind.ANCHOR in kinds:
            read_anchor(self._reads, state)
            state.write_anchor(writer)
        if ChangeKind.BUILDS in kinds:
            read_builds(self._reads, state)
            state.write_builds(writer)
        if ChangeKind.CANDIDACY in kinds:
            read_candidacy(self._reads, state)
            state.write_candidacy(writer)
