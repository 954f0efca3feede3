"""Use cases of an audit's rounds: draw one, record the boards' readings blind, close it
(compare, measure, decide, log its hash), and the full hand count (docs/audit.md §6).

Every figure is `core.audit.replay`'s over what is stored: the rounds' sizes and the readings.
A board's readings are stored before any cast-vote record is looked at; the records are joined
only when the round closes (`close_round`), and the confirmation codes are then erased, since
a code is the voter's receipt (docs/audit.md §7, secrecy). The round's hash is logged in the
event log when it closes, before the next round can be drawn.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from sandogh.core.audit.audit_record import (
    plan_hash,
    record_hash,
    records_hash,
    round_json,
    shows_json,
    totals_json,
)
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
from sandogh.core.canonical_json import canonical_json
from sandogh.core.log import EventType
from sandogh.services.audit_errors import (
    AuditEndedError,
    NoOpenRoundError,
    NoSeedError,
    NotAllReadError,
    ReadingRefusedError,
    RecordsDifferFromLogError,
    RecordsNotCommittedError,
    RoundOpenError,
)
from sandogh.services.audit_logged import require_logged
from sandogh.services.audit_ports import StoredReading, StoredRound
from sandogh.services.audits import Audit, load_audit, log
from sandogh.services.elections import SYSTEM, UnitOfWorkFactory
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


def draw_round(
    uow: UnitOfWorkFactory,
    election_id: str | None,
    *,
    now: datetime.datetime,
    actor: str = SYSTEM,
) -> Drawn:
    """Draw the next round at the sizes the estimate asks and give the boards' pull lists."""
    with uow() as work:
        found = history(work, election_id)
        audit = found.audit
        if audit.seed is None:
            raise NoSeedError(f"{audit.election}: roll the seed first", subject=audit.election)
        if found.open is not None:
            raise RoundOpenError(
                f"round {found.open.number} is still open", subject=str(found.open.number)
            )
        asked = dict(found.next_sizes())
        if not asked:
            raise AuditEndedError(f"the audit of {audit.election} has ended", subject="")
        number = len(found.rounds) + 1
        stored = StoredRound(audit.election, number, asked, asked, now)
        work.audits.add_round(stored)
        drawn = History(audit, (*found.rounds, stored), (), (), ()).drawn(number)
        details: dict[str, str | int] = {"election": audit.election, "round": number}
        details.update({f"size {name}": size for name, size in sorted(asked.items())})
        log(work, audit.tallied, EventType.AUDIT_ROUND_DRAWN, details, now=now, actor=actor)
        work.commit()
    return drawn


def record_readings(
    uow: UnitOfWorkFactory,
    election_id: str | None,
    papers: Sequence[PaperReading] = (),
    batches: Sequence[BatchReading] = (),
    *,
    now: datetime.datetime,
    actor: str = SYSTEM,
) -> int:
    """Store what the boards read, blind: nothing is compared yet. Refused, all together: a
    paper or station the open round did not draw, or one read twice; no open round."""
    with uow() as work:
        found = history(work, election_id)
        audit = found.audit
        if found.open is None:
            raise NoOpenRoundError(f"{audit.election}: no round is open", subject=audit.election)
        number = found.open.number
        drawn = found.drawn(number).units()
        stored = {(r.sample, r.unit) for r in found.readings}
        entries = [
            StoredReading(
                audit.election, number, "", str(p.paper), shows_json(p.shows), p.code, now, actor
            )
            for p in papers
        ] + [
            StoredReading(
                audit.election, number, b.sample, b.station, totals_json(b.hand), None, now, actor
            )
            for b in batches
        ]
        problems = list(_unreadable(audit, found.drawn(number).contests, papers))
        seen: set[tuple[str, str]] = set()
        for entry in entries:
            key = (entry.sample, entry.unit)
            if key in stored or key in seen:
                problems.append((entry.unit, "read-twice"))
            elif key not in drawn:
                problems.append((entry.unit, "not-drawn"))
            seen.add(key)
        if problems:
            raise ReadingRefusedError(problems)
        for entry in entries:
            work.audits.add_reading(entry)
        details: dict[str, str | int] = {"election": audit.election, "round": number}
        details |= {"papers": len(papers), "batches": len(batches)}
        log(work, audit.tallied, EventType.AUDIT_READINGS_RECORDED, details, now=now, actor=actor)
        work.commit()
    return len(entries)


def _unreadable(
    audit: Audit, contests: Sequence[str], papers: Sequence[PaperReading]
) -> Iterator[tuple[str, str]]:
    """What no paper can show (issue 11, F9/F10): a column of no contest of the round, a mark
    for no candidate standing where the paper was cast, more marks than the seats (the
    assorters' bounds hold only for ballots the contest allows, docs/audit.md §2.2: such a
    ballot is read `invalid`). The unit names the paper and the contest."""
    stations = {s.code: s for s in audit.manifest.stations}
    plans = {c.key: c for c in audit.plan.contests}
    for paper in papers:
        station = stations.get(paper.paper.station)
        for contest, reading in sorted((paper.shows or {}).items()):
            where = f"{paper.paper} {contest}"
            if contest not in contests:
                yield where, "not-audited"
                continue
            place = None if station is None else station.constituency(contest)
            plan = plans.get(f"{contest}:{place}")
            standing = set() if plan is None else {c.code for c in plan.candidates}
            if not reading.marks <= standing:
                yield where, "not-standing"
            elif plan is not None and len(reading.marks) > plan.constituency.seats:
                yield where, "too-many-marks"


def close_round(
    uow: UnitOfWorkFactory,
    election_id: str | None,
    records: CastRecords | None,
    *,
    now: datetime.datetime,
    actor: str = SYSTEM,
) -> RoundResult:
    """Join each paper read to the record its code names, measure, decide, and store and log
    the round's record and hash. Refused while a paper or station drawn is not read, and when
    `records` are not the ones the plan committed to before the seed (None: no records, for a
    plan that committed none)."""
    with uow() as work:
        found = history(work, election_id)
        audit = found.audit
        opened = found.open
        if opened is None:
            raise NoOpenRoundError(f"{audit.election}: no round is open", subject=audit.election)
        assert audit.seed is not None
        mine = [r for r in found.readings if r.round == opened.number]
        missing = found.drawn(opened.number).units() - {(r.sample, r.unit) for r in mine}
        if missing:
            raise NotAllReadError(sorted(unit for _, unit in missing))
        committed = audit.plan.records
        given_hash = None if records is None else records_hash(records)
        if given_hash != (None if committed is None else committed.sha256):
            raise RecordsNotCommittedError(
                given_hash or "-", "-" if committed is None else committed.sha256
            )
        order = sorted(records or {})  # the records' canonical order, as they are hashed
        spent = frozenset(order[i] for i in _used_before(work, audit.election) if i < len(order))
        given = round_input(opened, mine, compared=False, records=records, spent=spent)
        results = replay(audit.plan, audit.manifest, audit.seed, (*found.inputs, given))
        result = results[-1]
        previous = (
            results[-2].hash if len(results) > 1 else plan_hash(audit.plan, audit.seed.digits)
        )
        record = round_json(
            opened.number,
            previous,
            given,
            asked=result.asked,
            found=result.discrepancies,
            risks=result.contests,
        )
        if record_hash(record) != result.hash:  # replay and record must agree, always
            raise AssertionError("the round record does not hash to the replay's hash")
        if not work.audits.close_round(
            audit.election, opened.number, canonical_json(record), result.hash
        ):  # another closing of the same round won the race: it is logged once
            raise NoOpenRoundError(
                f"round {opened.number} was closed meanwhile", subject=str(opened.number)
            )
        for checked in given.papers:
            work.audits.compared(audit.election, "", str(checked.paper), shows_json(checked.record))
        details: dict[str, str | int] = {
            "election": audit.election,
            "round": opened.number,
            "hash": result.hash,
        }
        details |= {f"decision {c.contest}": c.decision.value for c in result.contests}
        typed = {r.code for r in mine if r.code is not None and not r.sample}
        details["records used"] = ",".join(str(i) for i, c in enumerate(order) if c in typed)
        log(work, audit.tallied, EventType.AUDIT_ROUND_CLOSED, details, now=now, actor=actor)
        work.commit()
    return result


def _used_before(work: UnitOfWork, election: str) -> set[int]:
    """The records earlier rounds of `election` used, by their place in the records' canonical
    order as logged at each close (R3 of the S18 re-attack): a record is matched once in the
    audit, yet the codes, voters' receipts, are erased at close; the places name a record only
    to whoever holds the records file."""
    used: set[int] = set()
    for e in work.events.of_type(EventType.AUDIT_ROUND_CLOSED, election):
        places = e.event.details.get("records used", "")
        used |= {int(i) for i in str(places).split(",") if i}
    return used
