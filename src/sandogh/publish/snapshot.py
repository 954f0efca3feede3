"""Regenerating the snapshot's `data/` tree from the store: whole, and after each change.

`Publisher.regenerate` reads each election whole — its results (`services.results.tally`), every
signed report, every ballot box — and writes every file of docs/publish.md. `Publisher.poll`
then follows the event log (`publish.changes`) from the last entry it read, and rewrites only
what the new entries change: for a station's final report, the station's report file, its
results and those of every unit above it in each of its contests (`publish.totals` adds only
those up again), the outcomes of its constituencies, its county's station CSV, `snapshot.json`
and `elections.json` (`publish.unit_files`). A board's void, certification or its undoing reads
the results again whole and writes the units whose figures, voids or times differ, and every
outcome whose bytes change (`Published.retake`); anything else it cannot narrow down (results
imported, a lot, a withdrawal, a hand count) writes the election whole again. Files are
written only when their bytes change (`publish.writer`), and a snapshot kept current this way
equals, byte for byte, one regenerated whole from the same store (tests/publish/test_snapshot.py).
`Publisher.catch_up` does the same for a snapshot an earlier run left, from the `log_sequence`
its `snapshot.json` records.

Two files cover the whole election, `csv/totals.csv` and the NIST report, and at national scale
take tens of seconds to write (bench/night_pass.py); a whole regeneration, a catch-up and
`flush` write them with the rest, but a poll never does: after it, a process of their own
(`publish.bulk`) writes them from the election as the poll left it, at most every
`bulk_interval` seconds, and a later poll puts them in place once it has ended, so that no
report waits for them. `snapshot.json`'s `as_of` says which `sequence` the files in place
reflect.

The log is read through the `EventLog` port, which yields every entry from the first; entries
already seen are skipped. Reading is split into short units of work (log, results, reports,
boxes), each a consistent read (with `reads`, one that holds no lock): a report accepted
between two of them is in the results but not yet in the log read, and is applied again at the
next poll, which changes nothing but its times.

Given the centre's log key, every publication (a regeneration, a catch-up, a poll or flush that
wrote something) takes a signed checkpoint of the event log's head, if it moved since the last
(`services.audit.take_checkpoint`), and writes every checkpoint taken, by the centre or here, to
`log/checkpoints.json`, the key's public half to `log/key.txt` (`publish.log_anchor`), and signs
`log/attestation.json`: the SHA-256 of every election's `supervision.json`, `builds.json` and
`candidacy.json` at the last checkpoint (`core.log.attestation`, `publish.log_anchor.ATTESTED`),
so that the decisions no box signs are the log key's word.

An E2E election's record is written under `data/<election>/e2e/` with the rest, and again when
a station's ballot chain comes (`publish.e2e_record`).

After writing, the results site is rendered for the units whose pages changed, by
`sandogh.publish.site.render_site` when that module is installed (`publish.site_passes`: what it
reads is kept from one pass to the next while the files it came from are not written again).
"""

from __future__ import annotations

import contextlib
import datetime
import time
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sandogh.core.definition.model import UnitKind
from sandogh.core.log.attestation import attest
from sandogh.core.report import SigningKey
from sandogh.publish.bulk import BulkWriter
from sandogh.publish.changes import Change, ChangeKind, Timeline, changes_in
from sandogh.publish.documents import elections_json
from sandogh.publish.e2e_record import E2EOptions
from sandogh.publish.election_writes import PARALLEL_FROM, ElectionWrites
from sandogh.publish.log_anchor import attested_files, write_attestation, write_log_anchor
from sandogh.publish.processes import cpu_seconds
from sandogh.publish.published import Published
from sandogh.publish.reading import other_snapshots, read_anchor, written_up_to
from sandogh.publish.site_passes import SiteRendering
from sandogh.publish.writer import Writer
from sandogh.services.audit import checkpoints, take_checkpoint
from sandogh.services.collector import HeldBetweenPasses
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.services.errors import ElectionNotFoundError
from sandogh.services.results import tally


@dataclass
class Regeneration:
    """What one regeneration did: files written and left as they were, and by election the
    units whose pages changed (None: every unit)."""

    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    units: dict[str, set[str] | None] = field(default_factory=dict)
    rendered: int | None = None  # pages the site rendered; None without the site module
    reading_log: float = 0.0  # seconds spent reading the event log (on the publisher's clock)
    #: CPU seconds spent rendering the site, its processes' included (the night's largest part)
    rendering: float = 0.0
    #: when the centre took each report a poll wrote out (the log's time): the publisher's lag
    arrived: list[datetime.datetime] = field(default_factory=list)


class Publisher:
    """Keeps the snapshot under `root` current with the store `uow` opens.

    `elections`: the ids to publish (default: every election stored, and every one loaded
    later); `nist_down_to`: the smallest units the NIST report gives votes for; `log_key`: the
    centre's log key, to take and publish checkpoints with (none are without it), at the time
    `now` gives; `e2e`: where the guardians' tallies go and come from (`publish.e2e_record`);
    `hold`: keep what is alive after each publication out of the collector's full collections
    (`services.collector.HeldBetweenPasses`), for a process that publishes and nothing else.
    """

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        root: Path,
        *,
        elections: Collection[str] | None = None,
        bulk_interval: float = 0.0,
        nist_down_to: UnitKind = UnitKind.STATION,
        render: bool = True,
        clock: Callable[[], float] = time.monotonic,
        log_key: SigningKey | None = None,
        now: Callable[[], datetime.datetime] = lambda: datetime.datetime.now(datetime.UTC),
        e2e: E2EOptions | None = None,
        workers: int = 1,
        parallel_from: int = PARALLEL_FROM,
        reads: UnitOfWorkFactory | None = None,
        hold: bool = False,
    ) -> None:
        self._uow = uow
        self._reads = reads or uow
        self._root = root
        self._chosen = None if elections is None else frozenset(elections)
        self._bulk_interval = bulk_interval
        self._nist_down_to = nist_down_to
        self._render = render
        self._clock = clock
        self._log_key = log_key
        self._now = now
        self._log_sequence = 0
        self._timelines: dict[str, Timeline] = {}
        self._published: dict[str, Published] = {}
        self._workers = workers
        self._writes = ElectionWrites(
            self._reads,
            root,
            nist_down_to=nist_down_to,
            clock=clock,
            e2e=e2e or E2EOptions(),
            workers=workers,
            parallel_from=parallel_from,
        )
        self._site = SiteRendering(root)
        self._bulk = BulkWriter(root, nist_down_to)
        self._held = HeldBetweenPasses() if hold else None

    @property
    def log_sequence(self) -> int:
        """The last entry of the event log read."""
        return self._log_sequence

    def published(self, election: str) -> Published:
        """The election as last written (KeyError before it is)."""
        return self._published[election]

    def regenerate(self) -> Regeneration:
        """Write every file of every election from the store."""
        elections = self._elections_to_publish()
        self._restart()
        done = Regeneration()
        loaded = [self._load(election) for election in elections]  # each refused before any
        with self._writing() as writer:
            for state in loaded:
                self._writes.everything(writer, state)
                done.units[state.index.election_id] = None
            done = self._finish(writer, done, publication=True)
        if self._render:
            self._site.prime(elections)
        self._passed()
        return done

    def poll(self) -> Regeneration:
        """Read the log entries added since the last read; write what they change."""
        started = self._clock()
        by_election: dict[str, list[Change]] = {}
        for change in self._read_log():
            by_election.setdefault(change.election, []).append(change)
        done = Regeneration(reading_log=self._clock() - started)
        done.arrived = [
            c.time for cs in by_election.values() for c in cs if c.kind is ChangeKind.REPORT
        ]
        with self._writing() as writer:
            moved = self._bulk.collect(writer, self._published)  # before `snapshot.json`
            for election, changes in by_election.items():
                state = self._published.get(election)
                if state is not None:
                    done.units[election] = self._apply(writer, state, changes)
                elif (self._chosen is None or election in self._chosen) and self._stored(election):
                    self._writes.everything(writer, self._load(election))
                    done.units[election] = None
            for state in moved:
                state.write_snapshot(writer)
            done = self._finish(writer, done)
        self._start_bulk()
        self._passed()
        return done

    def catch_up(self) -> Regeneration:
        """Bring the snapshot an earlier run wrote under `root` up to date: write only what the
        log entries after its `log_sequence` change (every file of an election it lacks)."""
        elections = self._elections_to_publish()
        written = {election: written_up_to(self._root, election) for election in elections}
        changes = self._restart()
        done = Regeneration()
        loaded = [self._load(election) for election in elections]  # each refused before any
        with self._writing() as writer:
            for state in loaded:
                election = state.index.election_id
                after = written[election]
                if after is None:
                    self._writes.everything(writer, state)
                    done.units[election] = None
                    continue
                later = [c for c in changes if c.election == election and c.log_sequence > after]
                if later:
                    done.units[election] = self._apply(writer, state, later)
                if (
                    self._writes.e2e_options != E2EOptions()
                ):  # the guardians' tallies, out or back in
                    self._writes.e2e(writer, state)
            self._write_bulk(writer)
            done = self._finish(writer, done, publication=True)
        if self._render:
            self._site.prime(elections)
        self._passed()
        return done

    def write_e2e(self) -> Regeneration:
        """Write the E2E record of every election published again: the guardians' decrypted
        tallies given since (`E2EOptions.decrypted`) join it."""
        with self._writing() as writer:
            for state in self._published.values():
                self._writes.e2e(writer, state)
            return self._finish(writer, Regeneration())

    def flush(self) -> Regeneration:
        """Write the whole-election files that lag behind (see the module docstring): those
        being written apart, once written, and any still behind here."""
        with self._writing() as writer:
            for state in self._bulk.collect(writer, self._published, wait=True):
                state.write_snapshot(writer)
            self._write_bulk(writer)
            return self._finish(writer, Regeneration())

    @property
    def bulk_writing(self) -> int | None:
        """The process writing the whole-election files apart now, if any (`publish.bulk`)."""
        return self._bulk.running

    def _passed(self) -> None:
        if self._held is not None:
            self._held.passed()

    @contextlib.contextmanager
    def _writing(self) -> Iterator[Writer]:
        """A writer for one publication. Should it fail half written, the site keeps nothing
        it read (`publish.site_passes`): which files changed is known only to the writer."""
        try:
            yield Writer(self._root)
        except BaseException:
            self._site.restart()
            raise

    # ---- reading (`publish.reading`) ---------------------------------------------------------

    def _restart(self) -> list[Change]:
        """Forget what was read, and the whole-election files being written from it; read the
        whole log again."""
        self._bulk.abandon()
        self._timelines, self._published, self._log_sequence = {}, {}, 0
        self._site.restart()
        return self._read_log()

    def _read_log(self) -> list[Change]:
        after = self._log_sequence
        with self._reads() as work:
            fresh = list(work.events.entries(after))
        if fresh:
            self._log_sequence = fresh[-1].sequence
        changes = list(changes_in(fresh))
        for change in changes:
            self._timelines.setdefault(change.election, Timeline()).record(change)
        return changes

    def _elections_to_publish(self) -> list[str]:
        with self._reads() as work:
            stored = work.elections.ids()
        for missing in sorted((self._chosen or frozenset()) - set(stored)):
            raise ElectionNotFoundError(missing, stored)
        return sorted(stored if self._chosen is None else self._chosen)

    def _stored(self, election: str) -> bool:
        """Whether the election is stored: its candidacy is recorded before it is loaded."""
        with self._reads() as work:
            return work.elections.get(election) is not None

    def _load(self, election: str) -> Published:
        with self._reads() as work:
            tallied = tally(work, election, signed=True)
        timeline = self._timelines.setdefault(election, Timeline())
        state = Published.of(tallied, timeline)
        # the record too is held to the log (its seal's entry) before anything is written
        read_anchor(self._reads, state)
        self._published[election] = state
        return state

    # ---- writing (`publish.election_writes`) ---------------------------------------------------

    def _apply(self, writer: Writer, state: Published, changes: list[Change]) -> set[str] | None:
        """Write what `changes` (recorded in the timeline already) change; the units whose
        pages changed, or None when the election was read again whole or every page changes."""
        if any(c.kind in (ChangeKind.EVERYTHING, ChangeKind.LOADED) for c in changes):
            self._writes.everything(writer, self._load(state.index.election_id))
            return None
        return self._writes.changes(writer, state, changes)

    def _write_bulk(self, writer: Writer) -> None:
        """Write here the whole-election files that lag behind."""
        for state in self._published.values():
            if state.bulk_sequence != state.timeline.sequence:
                state.write_bulk(writer, nist_down_to=self._nist_down_to, now=self._clock())
                state.write_snapshot(writer)

    def _start_bulk(self) -> None:
        """Start writing apart the whole-election files that lag behind and were last written
        `bulk_interval` seconds ago or more, unless they are being written (`publish.bulk`)."""
        now = self._clock()
        due = [
            state
            for state in self._published.values()
            if state.bulk_sequence != state.timeline.sequence
            and now - state.bulk_written_at >= self._bulk_interval
        ]
        self._bulk.start(due, now)

    def _finish(
        self, writer: Writer, done: Regeneration, *, publication: bool = False
    ) -> Regeneration:
        if self._log_key is not None and (publication or writer.written):
            take_checkpoint(self._uow, self._log_key, now=self._now())
            taken = checkpoints(self._reads)
            write_log_anchor(writer, taken, self._log_key.public_key)
            if taken:  # none before the log's first entry: nothing is decided yet
                files = attested_files(self._root)
                write_attestation(writer, attest(self._log_key, taken[-1], self._now(), files))
        if writer.written:
            snapshots = [state.snapshot() for state in self._published.values()]
            snapshots += other_snapshots(self._root, {s["election"] for s in snapshots})
            writer.write_json("data/elections.json", elections_json(snapshots))
        done.written, done.unchanged = writer.written, writer.unchanged
        if self._render and done.units:
            started = cpu_seconds()
            workers = {
                election: self._site_workers(election, codes)
                for election, codes in done.units.items()
            }
            done.rendered = self._site.render(done.units, workers, done.written)
            done.rendering = cpu_seconds() - started
        return done

    def _site_workers(self, election: str, units: set[str] | None) -> int:
        """The processes that render an election's site: several for every page of a large
        one, as its files were written (`ElectionWrites.everything`)."""
        state = self._published.get(election)
        large = state is not None and self._writes.large(state)
        return self._workers if units is None and large else 1
