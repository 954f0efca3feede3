"""An audit's rounds as the store holds them, replayed (docs/audit.md §6): each round's input to
`core.audit.replay` from its sizes and readings, held to the hashes logged when it closed, and a
round's pull lists as drawn; the use cases of `services.audit_rounds` act on them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sandogh.core.audit.cast_records import CastRecords
from sandogh.core.audit.reading import Reading
from sandogh.core.audit.record_reading import paper_from_text, shows_from_json, totals_from_json
from sandogh.core.audit.replay import RoundResult, first_sizes, replay, start
from sandogh.core.audit.rounds import (
    BatchReading,
    Checked,
    ContestRisk,
    PaperReading,
    RoundInput,
    compare,
)
from sandogh.core.audit.sample_record import SampleRecord, draw_rounds
from sandogh.core.audit.sampling import (
    BatchDraw,
    FrameIndex,
    PaperDraw,
    PaperPull,
    StationPull,
    paper_pull_list,
    station_pull_list,
)
from sandogh.services.audit_errors import RecordsDifferFromLogError
from sandogh.services.audit_logged import require_logged
from sandogh.services.audit_ports import StoredReading, StoredRound
from sandogh.services.audits import Audit, load_audit
from sandogh.services.ports import UnitOfWork


@dataclass(frozen=True)
class Drawn:
    """A round as drawn: each sample's total after it and the boards' pull lists."""

    number: int
    sizes: Mapping[str, int]
    asked: Mapping[str, int]
    papers: tuple[PaperPull, ...]
    stations: tuple[tuple[str, StationPull], ...]  # (sample, station to recount)
    contests: tuple[str, ...]  # the contests each paper is read for, the sheet's columns

    def units(self) -> set[tuple[str, str]]:
        """(sample, unit) of everything to read: a paper's sample is empty (read once for
        every sample that drew it)."""
        return {("", str(p.paper)) for p in self.papers} | {
            (name, pull.station) for name, pull in self.stations
        }


@dataclass(frozen=True)
class History:
    """What the store holds of an audit's rounds, replayed."""

    audit: Audit
    rounds: tuple[StoredRound, ...]
    inputs: tuple[RoundInput, ...]  # of the closed rounds
    results: tuple[RoundResult, ...]
    readings: tuple[StoredReading, ...]

    @property
    def open(self) -> StoredRound | None:
        return self.rounds[-1] if self.rounds and not self.rounds[-1].closed else None

    def decisions(self) -> tuple[ContestRisk, ...]:
        if self.results:
            return self.results[-1].contests
        return start(self.audit.plan, self.audit.manifest)

    def next_sizes(self) -> Mapping[str, int]:
        if self.results:
            return self.results[-1].next_sizes
        return first_sizes(self.audit.plan, self.audit.manifest)

    def samples(self, rounds: int) -> dict[str, SampleRecord]:
        """Each sample after the first `rounds` rounds."""
        audit = self.audit
        assert audit.seed is not None
        found = {}
        for sample in audit.plan.samples:
            name = sample.frame.name
            sizes = tuple(r.sizes[name] for r in self.rounds[:rounds] if name in r.sizes)
            index = FrameIndex.of(audit.manifest, sample.frame)
            found[name] = draw_rounds(audit.seed, index, sample.method, sizes)
        return found

    def drawn(self, number: int) -> Drawn:
        """Round `number`'s pull lists: what it drew that no earlier round did."""
        before, after = self.samples(number - 1), self.samples(number)
        new_papers: list[PaperDraw] = []
        earlier: list[PaperDraw] = []
        stations: list[tuple[str, StationPull]] = []
        for name, record in after.items():
            done = before[name].draws
            new = record.draws[len(done) :]
            new_papers.extend(d for d in new if isinstance(d, PaperDraw))
            earlier.extend(d for d in done if isinstance(d, PaperDraw))
            batch_new = [d for d in new if isinstance(d, BatchDraw)]
            batch_done = [d for d in done if isinstance(d, BatchDraw)]
            pulls = station_pull_list(self.audit.manifest, batch_new, batch_done)
            stations.extend((name, pull) for pull in pulls)
        stored = self.rounds[number - 1]
        return Drawn(
            number,
            stored.sizes,
            stored.asked,
            paper_pull_list(self.audit.manifest, new_papers, earlier),
            tuple(stations),
            tuple(sorted({c.contest for c in self.audit.plan.contests})),
        )


def history(work: UnitOfWork, election_id: str | None) -> History:
    """The audit and its rounds, the closed ones replayed and held to the hashes logged."""
    audit = load_audit(work, election_id)
    rounds = tuple(work.audits.rounds(audit.election))
    readings = tuple(work.audits.readings(audit.election))
    inputs = tuple(
        round_input(r, [x for x in readings if x.round == r.number], compared=True)
        for r in rounds
        if r.closed
    )
    require_logged(work, audit, rounds)
    results: tuple[RoundResult, ...] = ()
    if inputs:
        assert audit.seed is not None
        results = replay(audit.plan, audit.manifest, audit.seed, inputs)
        for result in results:
            if result.hash != rounds[result.number - 1].hash:
                raise RecordsDifferFromLogError(
                    f"round {result.number} of {audit.election}: its stored readings no "
                    "longer give the hash logged when it closed",
                    subject=f"round {result.number}",
                )
    return History(audit, rounds, inputs, results, readings)


def round_input(
    stored: StoredRound,
    readings: Sequence[StoredReading],
    *,
    compared: bool,
    records: CastRecords | None = None,
    spent: frozenset[str] = frozenset(),
) -> RoundInput:
    """A round's input to the replay: the papers with the records joined at close (`compared`)
    or joined now from `records`, none of those an earlier round used (`spent`)."""
    entered = [r for r in readings if not r.sample]
    if compared:
        papers = tuple(
            Checked(
                paper_from_text(r.unit), _shows(r), shows_from_json(r.record, f"{r.unit}.record")
            )
            for r in entered
        )
    else:
        blind = [PaperReading(paper_from_text(r.unit), _shows(r), r.code) for r in entered]
        papers = compare(blind, {} if records is None else records, spent)
    batches = tuple(
        BatchReading(r.sample, r.unit, totals_from_json(r.shows, f"{r.sample}.{r.unit}.hand"))
        for r in readings
        if r.sample
    )
    return RoundInput(dict(stored.sizes), papers, batches)


def _shows(reading: StoredReading) -> Mapping[str, Reading] | None:
    return shows_from_json(reading.shows, f"{reading.unit}.shows")
