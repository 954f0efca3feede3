"""`supervision.json`: the voids, certifications and hand-count corrections in force, published
beside the reports.

Transparency (the mission's fourth property): a void changes published totals, so it is an input
anyone re-deriving them needs; a certification changes an outcome's status, so it is published
with who certified, under which grant, when, and the digest of the inputs it froze; a certified
hand-count correction (issue 11) replaces a constituency's figures, so it is published with its
totals, the hash of the audit record it came from, who certified it and why; the lots (قرعه) the
boards drew and the withdrawals (انصراف) decide outcomes, so they are published with who, when,
the seed and the tie (issue 12) and `verify-results` re-derives every outcome with them; a lot
also publishes the commitment and the secret its seed comes from (`lot_findings` checks them).
A certification is published with the board's reason and decision reference, and stays published
once undone, with its undoing (who, in which role and place, when, why, by which decision): an
undone certification makes no outcome final (`certification_findings` checks what a file says of
them).
Format `sandogh/supervision@1` (docs/publish.md; `corrections`, `lots` or `withdrawals` absent in
files written before them reads as none; so does a void's `at`, the time it was decided, which a
station's page shows beside the decision; a certification's `reason`, `reference` or `undone`
absent reads as blank, blank and in force). `read_supervision` is its reader for `sandogh
verify-results`, which applies the voids to the signed reports' sheets and the corrections to
their sums as the centre does
(`core.supervision.apply_voids`, `core.supervision.correct_totals`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sandogh.core.access import Grant, Role
from sandogh.core.candidacy.withdrawal import Withdrawal, withdrawal_json, withdrawal_of
from sandogh.core.counting.tally import InvalidKind
from sandogh.core.rules.settled import SettledLot, reveal_problems, settled_json, settled_of
from sandogh.core.supervision import (
    CandidateVoid,
    Certification,
    ConstituencyVoid,
    Decision,
    HandCountCorrection,
    StationVoid,
    Undoing,
    Void,
    certified_over,
    correction_json,
)
from sandogh.core.supervision.voids import worded
from sandogh.publish.findings import Disagreement, Finding
from sandogh.publish.index import JSONObject

FORMAT = "sandogh/supervision@1"


class SupervisionFileError(ValueError):
    """A `supervision.json` that does not read; the message names what is wrong."""


def supervision_json(
    election: str,
    voids: Iterable[tuple[Void, datetime.datetime]],
    certifications: Iterable[Certification],
    corrections: Iterable[HandCountCorrection] = (),
    *,
    undone: Iterable[Undoing] = (),
    lots: Iterable[SettledLot] = (),
    withdrawals: Iterable[Withdrawal] = (),
) -> JSONObject:
    """The document; `certifications` (in force) and `undone` are listed together in the order
    they were made."""
    made = [(c, None) for c in certifications] + [(u.certification, u) for u in undone]
    made.sort(key=lambda pair: pair[0].at)
    return {
        "format": FORMAT,
        "election": election,
        "voids": [_void_json(void, at) for void, at in voids],
        "certifications": [_certification_json(c, u) for c, u in made],
        "corrections": [_correction_json(c) for c in corrections],
        "lots": [settled_json(lot) for lot in lots],
        "withdrawals": [withdrawal_json(w) for w in withdrawals],
    }


def _correction_json(made: HandCountCorrection) -> JSONObject:
    return {
        **correction_json(made),
        "by": made.by,
        "role": made.grant.role.value,
        "place": made.grant.place,
        "at": made.at.astimezone(datetime.UTC).isoformat(),
    }


def _void_json(void: Void, at: datetime.datetime) -> JSONObject:
    decision = void.decision
    said: JSONObject = {
        "reason": decision.reason,
        "reference": decision.reference,
        "case": decision.case,
    }
    when = at.astimezone(datetime.UTC).isoformat()
    match void:
        case StationVoid(station=station, contest=contest):
            return {
                "kind": "station",
                "station": station,
                "contest": contest,
                "decision": said,
                "at": when,
            }
        case CandidateVoid(contest=contest, candidate=candidate, stations=stations):
            return {
                "kind": "candidate",
                "contest": contest,
                "candidate": candidate,
                "stations": list(stations),
                "decision": said,
                "at": when,
            }
        case ConstituencyVoid(contest=contest, constituency=constituency):
            return {
                "kind": "constituency",
                "contest": contest,
                "constituency": constituency,
                "decision": said,
                "at": when,
            }


def _certification_json(made: Certification, undone: Undoing | None) -> JSONObject:
    return {
        "contest": made.contest,
        "constituency": made.constituency,
        "by": made.by,
        "role": made.grant.role.value,
        "place": made.grant.place,
        "at": made.at.astimezone(datetime.UTC).isoformat(),
        "digest": made.digest,
        "reason": made.reason,
        "reference": made.reference,
        "undone": None
        if undone is None
        else {
            "by": undone.by,
            "role": undone.role,
            "place": undone.place,
            "at": undone.at.astimezone(datetime.UTC).isoformat(),
            "reason": undone.reason,
            "reference": undone.reference,
        },
    }


@dataclass(frozen=True)
class Supervision:
    """What a published `supervision.json` holds."""

    voids: tuple[Void, ...] = ()
    certifications: tuple[Certification, ...] = ()
    corrections: tuple[HandCountCorrection, ...] = ()
    lots: tuple[SettledLot, ...] = ()
    withdrawals: tuple[Withdrawal, ...] = ()
    voided_at: tuple[datetime.datetime | None, ...] = ()  # each void's time; None: not written
    undone: tuple[Undoing, ...] = ()  # the certifications undone, each with its undoing


def read_supervision(document: Any, election: str) -> Supervision:
    """The voids, certifications and hand-count corrections of a published `supervision.json`."""
    try:
        if document.get("format") != FORMAT or document.get("election") != election:
            raise SupervisionFileError(f"not a {FORMAT} document of election {election}")
        voids = tuple(_void(item) for item in document["voids"])
        voided_at = tuple(_decided_at(item) for item in document["voids"])
        listed = [_certification(item, election) for item in document["certifications"]]
        fixed = tuple(_correction(item) for item in document.get("corrections", []))
        lots = tuple(settled_of(item) for item in document.get("lots", []))
        withdrawn = tuple(withdrawal_of(item) for item in document.get("withdrawals", []))
    except (AttributeError, KeyError, TypeError, ValueError) as error:
        raise SupervisionFileError(f"supervision.json: {error}") from error
    in_force = tuple(made for made, undone in listed if undone is None)
    undone = tuple(undone for _, undone in listed if undone is not None)
    return Supervision(voids, in_force, fixed, lots, withdrawn, voided_at, undone)


def certification_findings(
    certifications: Iterable[Certification], undone: Iterable[Undoing], where: str
) -> list[Finding]:
    """What a published file cannot say of its certifications (findings of kind
    `certification`, `detail` naming which): an undoing with no reason in words (`reason`) or
    dated before the certification it undoes (`early`); a certification in force over a scope
    one before it holds already (`twice`: the centre refuses it)."""
    found = []
    for each in undone:
        made = each.certification
        scope = _scope(made)
        if not worded(each.reason, numbers=False):
            found.append(Finding(Disagreement.CERTIFICATION, scope, where, detail="reason"))
        if each.at < made.at:
            at, before = each.at.isoformat(), made.at.isoformat()
            found.append(Finding(Disagreement.CERTIFICATION, scope, where, "", at, before, "early"))
    held: list[Certification] = []
    for made in certifications:
        over = next(certified_over(held, made.contest, made.constituency), None)
        if over is not None:
            at, before = made.at.isoformat(), over.at.isoformat()
            found.append(
                Finding(Disagreement.CERTIFICATION, _scope(made), where, "", at, before, "twice")
            )
        held.append(made)
    return found


def _scope(made: Certification) -> str:
    return f"{made.contest}/{made.constituency or '*'}"


def lot_findings(lots: Iterable[SettledLot], where: str) -> list[Finding]:
    """Each published lot whose secret does not hash to its commitment, whose seed is not the
    one the secret and the tie fix (`core.rules.lot_commitment`), whose commitment does not come
    before it, or which has no commitment at all: its seed could have been chosen."""
    return [
        Finding(Disagreement.LOT, f"{lot.contest}/{lot.constituency}", where, *problem)
        for lot in lots
        for problem in reveal_problems(lot)
    ]


def _void(item: Any) -> Void:
    said = item["decision"]
    decision = Decision(str(said["reason"]), str(said["reference"]), said.get("case"))
    kind = item["kind"]
    if kind == "station":
        return StationVoid(str(item["station"]), item.get("contest"), decision)
    if kind == "candidate":
        stations = tuple(str(s) for s in item["stations"])
        return CandidateVoid(str(item["contest"]), str(item["candidate"]), stations, decision)
    if kind == "constituency":
        return ConstituencyVoid(str(item["contest"]), str(item["constituency"]), decision)
    raise SupervisionFileError(f"a void of unknown kind {kind!r}")


def _decided_at(item: Any) -> datetime.datetime | None:
    """A void's `at`: absent in files written before it; else a time with its offset, since a
    page shows it in Tehran's time."""
    if "at" not in item:
        return None
    at = datetime.datetime.fromisoformat(item["at"])
    if at.utcoffset() is None:
        raise ValueError(f"a void's time {item['at']!r} has no offset from UTC")
    return at


def _certification(item: Any, election: str) -> tuple[Certification, Undoing | None]:
    made = Certification(
        election=election,
        contest=str(item["contest"]),
        constituency=item.get("constituency"),
        by=str(item["by"]),
        grant=Grant(Role(item["role"]), str(item["place"])),
        at=_instant(item["at"], "a certification's time"),
        digest=str(item["digest"]),
        reason=str(item.get("reason", "")),
        reference=str(item.get("reference", "")),
    )
    undone = item.get("undone")
    if undone is None:
        return made, None
    return made, Undoing(
        made,
        by=str(undone["by"]),
        role=str(undone["role"]),
        place=str(undone["place"]),
        at=_instant(undone["at"], "an undoing's time"),
        reason=str(undone["reason"]),
        reference=str(undone.get("reference", "")),
    )


def _instant(text: Any, what: str) -> datetime.datetime:
    """A published time, with its offset: an undoing is compared with its certification's."""
    at = datetime.datetime.fromisoformat(text)
    if at.utcoffset() is None:
        raise ValueError(f"{what} {text!r} has no offset from UTC")
    return at


def _correction(item: Any) -> HandCountCorrection:
    return HandCountCorrection(
        contest=str(item["contest"]),
        constituency=str(item["constituency"]),
        cast=_count(item["cast"]),
        valid=_count(item["valid"]),
        invalid={InvalidKind(k): _count(n) for k, n in item["invalid"].items()},
        votes={str(code): _count(n) for code, n in item["votes"].items()},
        audit=str(item["audit"]),
        by=str(item["by"]),
        grant=Grant(Role(item["role"]), str(item["place"])),
        at=datetime.datetime.fromisoformat(item["at"]),
        reason=str(item["reason"]),
    )


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{value!r} is not a count")
    return value
