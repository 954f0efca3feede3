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
from collections.abc import Iterator, Sequence

from sandogh.core.audit.audit_record import (
    plan_hash,
    record_hash,
    records_hash,
    round_json,
    shows_json,
    totals_json,
)
from sandogh.core.audit.cast_records import CastRecords
from sandogh.core.audit.replay import RoundResult, replay
from sandogh.core.audit.rounds import BatchReading, PaperReading
from sandogh.core.canonical_json import canonical_json
from sandogh.core.log import EventType
from sandogh.services.audit_errors import (
    AuditEndedError,
    NoOpenRoundError,
    NoSeedError,
    NotAllReadError,
    ReadingRefusedError,
    RecordsNotCommittedError,
    RoundOpenError,
)
from sandogh.services.audit_history import Drawn, History, history, round_input
from sandogh.services.audit_ports import StoredReading, StoredRound
from sandogh.services.audits import Audit, log
from sandogh.services.elections import SYSTEM, UnitOfWorkFactory
from sandogh.services.ports import UnitOfWork

# the use cases, and the round as drawn (`audit_history`) that `cli.audit_view` names from here
__all__ = ["Drawn", "close_round", "draw_round", "record_readings"]


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
