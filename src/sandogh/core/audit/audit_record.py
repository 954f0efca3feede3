"""The published record of an audit: its plan and each round, chained by hash (docs/audit.md §7).

Each round's record holds what the round read and what it measured, and the hash of the record
before it (the plan's for round 1), so a reading changed after a round was published changes
that round's hash and every later one's; the services log each hash when the round closes. The
records are canonical JSON (RFC 8785, `core.canonical_json`); every rational is written as its
exact "numerator/denominator" text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from sandogh.core.audit.cast_records import CastRecord, CastRecords, commitment_json
from sandogh.core.audit.plan import AuditPlan, ContestPlan
from sandogh.core.audit.reading import Reading, Totals
from sandogh.core.audit.rounds import BatchReading, Checked, ContestRisk, Discrepancy, RoundInput
from sandogh.core.canonical_json import (
    JSONValue,
    canonical_json,
    json_string,
    plain_bytes,
    plain_json,
)
from sandogh.core.report.digests import sha256_text
from sandogh.core.rules.lots import DrawnLot, Lot

PLAN_FORMAT = "sandogh/audit-plan@1"
ROUND_FORMAT = "sandogh/audit-round@1"


def rational(value: Fraction) -> str:
    return str(value)


def reading_json(reading: Reading | None) -> JSONValue:
    """A paper not found is null; no contest (or void) "absent"; invalid "invalid"; a valid
    ballot the sorted codes it marks."""
    if reading is None:
        return None
    if not reading.cast:
        return "absent"
    if not reading.valid:
        return "invalid"
    return [*sorted(reading.marks)]


def shows_json(shows: Mapping[str, Reading] | None) -> JSONValue:
    if shows is None:
        return None
    return {contest: reading_json(r) for contest, r in sorted(shows.items())}


def records_json(records: CastRecords) -> JSONValue:
    """The boxes' records as committed: {CODE: {"station": S, "reads": READS}} (in the order
    given: canonical JSON sorts the codes)."""
    return {
        code: {"reads": shows_json(r.reads), "station": r.station} for code, r in records.items()
    }


def records_hash(records: CastRecords) -> str:
    """SHA-256 of the records' canonical JSON (RFC 8785): what the plan commits to.

    The bytes hashed are `canonical_json(records_json(records))`'s (a hypothesis test holds
    them equal), written a few thousand records at a time straight into the hash: a record's
    types are known, so nothing is walked to check them, and a reading is written once for all
    the records that hold it (an audit's 1.3 M records were hashed twice, at the start and the
    close, in 9 s each). Records holding a string the fast form may not write canonically (a
    character beyond U+FFFF or a lone surrogate) are hashed through `canonical_json` whole."""
    digest = hashlib.sha256()
    written: dict[int, tuple[Reading, str]] = {}
    codes = sorted(records)
    before = b"{"
    for start in range(0, len(codes), _CHUNK):
        members = [
            _record_member(code, records[code], written) for code in codes[start : start + _CHUNK]
        ]
        encoded = plain_bytes(",".join(members))
        if encoded is None:
            return sha256_text(canonical_json(records_json(records)))
        digest.update(before + encoded)
        before = b","
    digest.update(b"{}" if before == b"{" else b"}")
    return "sha256:" + digest.hexdigest()


_CHUNK = 4096  # records encoded and hashed at once: a few hundred kilobytes


def _record_member(code: str, record: CastRecord, written: dict[int, tuple[Reading, str]]) -> str:
    """`"CODE":{"reads":{…},"station":"S"}` as `records_json` and `canonical_json` write it
    when every string is within U+FFFF (members sorted by code point). `written` holds each
    reading's text by its object's id, and the reading with it, so that no id is reused while
    it is in there (the boxes' runs share one object; a dataclass's hash and equality cost)."""
    reads = record.reads
    shown = []
    for contest in sorted(reads):
        reading = reads[contest]
        known = written.get(id(reading))
        if known is None:
            known = written[id(reading)] = (reading, plain_json(reading_json(reading)))
        text = known[1]
        shown.append(f"{json_string(contest)}:{text}")
    station = json_string(record.station)
    return f'{json_string(code)}:{{"reads":{{{",".join(shown)}}},"station":{station}}}'


def totals_json(totals: Totals | None) -> JSONValue:
    if totals is None:
        return None
    votes: dict[str, JSONValue] = dict(sorted(totals.votes.items()))
    return {"cards": totals.cards, "cast": totals.cast, "valid": totals.valid, "votes": votes}


def _contest_json(contest: ContestPlan) -> JSONValue:
    assertions: list[JSONValue] = [
        {
            "cast": rational(a.assorter.cast),
            "key": a.key,
            "margin": rational(a.assorter.margin(contest.reported)),
            "marks": {c: rational(w) for c, w in sorted(a.assorter.marks.items())},
            "max_marks": a.assorter.max_marks,
            "upper": rational(a.assorter.upper),
            "valid": rational(a.assorter.valid),
        }
        for a in contest.assertions
    ]
    stations: dict[str, JSONValue] = {
        code: totals_json(t) for code, t in sorted(contest.stations.items())
    }
    return {
        "assertions": assertions,
        "contest": contest.contest,
        "constituency": contest.constituency.id,
        "elected": [*contest.outcome.elected],
        "detail": contest.detail,
        "hand_count": None if contest.hand_count is None else contest.hand_count.value,
        "kind": contest.kind.value,
        "lots": [_lot_json(lot) for lot in contest.outcome.lots],
        "reported": totals_json(contest.reported),
        "sample": contest.sample,
        "stations": stations,
        "withdrawn": [*sorted(contest.withdrawn)],
    }


def _lot_json(lot: DrawnLot) -> JSONValue:
    """A tie the outcome settled by lot, as the outcome records it: the seed and who drew it
    (what a verifier decides again with), the stake, the tied and the order drawn."""
    return {
        "drawn_by": [*lot.drawn_by],
        "order": [*lot.order],
        "seed": lot.seed,
        "stake": lot.stake.value,
        "tied": [*lot.tied],
    }


@dataclass(frozen=True)
class Settled:
    """What a contest's outcome was decided with besides its counts: the lot that broke its
    ties (None when no tie decided anything) and its withdrawn candidates' codes."""

    lot: Lot | None = None
    withdrawn: frozenset[str] = frozenset()


def settled_of(plan: Mapping[str, JSONValue]) -> dict[str, Settled]:
    """Each contest's `Settled` by key (`CONTEST:CONSTITUENCY`) from a plan in the shape
    `plan_json` writes (a published one is read by `formats.audit_record_files` first). One
    lot breaks every tie of a contest, as `core.rules.decide` takes it: the first one recorded;
    a later one with another seed is then a difference of the plan decided again."""
    found: dict[str, Settled] = {}
    contests = plan["contests"]
    assert isinstance(contests, list)
    for contest in contests:
        assert isinstance(contest, dict)
        # a plan stored before lots and withdrawn were recorded has neither: none were used
        lots, withdrawn = contest.get("lots", []), contest.get("withdrawn", [])
        assert isinstance(lots, list)
        assert isinstance(withdrawn, list)
        lot = None
        if lots:
            first = lots[0]
            assert isinstance(first, dict)
            drawn_by = first["drawn_by"]
            assert isinstance(drawn_by, list)
            lot = Lot(str(first["seed"]), tuple(str(who) for who in drawn_by))
        key = f"{contest['contest']}:{contest['constituency']}"
        found[key] = Settled(lot, frozenset(str(code) for code in withdrawn))
    return found


def plan_json(plan: AuditPlan) -> dict[str, JSONValue]:
    samples: list[JSONValue] = [
        {"frame": s.frame.name, "method": s.method.value} for s in plan.samples
    ]
    contests: list[JSONValue] = [_contest_json(c) for c in plan.contests]
    found: dict[str, JSONValue] = {
        "contests": contests,
        "election": plan.election,
        "format": PLAN_FORMAT,
        "inflator": rational(plan.inflator),
        "manifest_hash": plan.manifest_hash,
        "risk_limit": rational(plan.risk_limit),
        "samples": samples,
    }
    if plan.records is not None:  # a plan without records committed compares nothing
        found["records"] = commitment_json(plan.records)
    return found


def plan_hash(plan: AuditPlan, seed_digits: str) -> str:
    """The hash round 1 chains to: the plan with the seed it was drawn with."""
    return sha256_text(canonical_json({"plan": plan_json(plan), "seed": seed_digits}))


def _paper_json(checked: Checked) -> JSONValue:
    return {
        "paper": str(checked.paper),
        "record": shows_json(checked.record),
        "shows": shows_json(checked.shows),
    }


def _batch_json(reading: BatchReading) -> JSONValue:
    return {"hand": totals_json(reading.hand), "sample": reading.sample, "station": reading.station}


def _risk_json(risk: ContestRisk) -> JSONValue:
    assertions: dict[str, JSONValue] = {a.key: rational(a.p_value) for a in risk.assertions}
    return {
        "decision": risk.decision.value,
        "next_size": risk.next_size,
        "p_values": assertions,
        "detail": risk.detail,
        "reason": None if risk.reason is None else risk.reason.value,
    }


def _discrepancy_json(d: Discrepancy) -> JSONValue:
    return {
        "assertion": d.assertion,
        "contest": d.contest,
        "overstatement": rational(d.overstatement),
        "sample": d.sample,
        "unit": d.unit,
    }


def round_json(
    number: int,
    previous: str,
    given: RoundInput,
    *,
    asked: Mapping[str, int],
    found: Iterable[Discrepancy],
    risks: Iterable[ContestRisk],
) -> dict[str, JSONValue]:
    papers: list[JSONValue] = [
        _paper_json(c) for c in sorted(given.papers, key=lambda c: str(c.paper))
    ]
    batches: list[JSONValue] = [
        _batch_json(b) for b in sorted(given.batches, key=lambda b: (b.sample, b.station))
    ]
    sizes: dict[str, JSONValue] = dict(sorted(given.sizes.items()))
    return {
        "asked": dict(sorted(asked.items())),
        "batches": batches,
        "discrepancies": [_discrepancy_json(d) for d in found],
        "format": ROUND_FORMAT,
        "number": number,
        "papers": papers,
        "previous": previous,
        "risk": {r.contest: _risk_json(r) for r in risks},
        "sizes": sizes,
    }


def record_hash(record: Mapping[str, JSONValue]) -> str:
    return sha256_text(canonical_json(record))
