"""Voids, certifications and hand-count corrections as results read them: each with the log
entry that recorded it.

Issue 9, section 3: a void or certification that has no log entry is refused at read time; so is
a certified hand-count correction (issue 11), whose entry must hold its very totals. Every
reader of results (`services.results.tally`, and so the publisher's totals and
`supervision.json`) takes them from here; a row the log does not record (written into the
database by hand) raises `UnrecordedDecisionError`, naming the row and why, rather than being
believed. The matching itself is `core.supervision.recorded`.
"""

from __future__ import annotations

import datetime
from typing import Any

from sandogh.core.candidacy.withdrawal import Withdrawal, withdrawal_of
from sandogh.core.canonical_json import JSONValue
from sandogh.core.counting.tally import Counts, InvalidKind
from sandogh.core.errors import SandoghError
from sandogh.core.log import Checkpoint, EventType
from sandogh.core.rules.settled import SettledLot, settled_of
from sandogh.core.supervision import Certification, HandCountCorrection
from sandogh.core.supervision.recorded import (
    certification_unrecorded,
    correction_unrecorded,
    void_unrecorded,
)
from sandogh.services.acting import Actor, acted
from sandogh.services.audit_errors import StoredHandCountError
from sandogh.services.audit_ports import HandCountCertified, StoredHandCount
from sandogh.services.outcome_decision_ports import StoredDecision
from sandogh.services.ports import UnitOfWork, VoidRecord

LOT, WITHDRAWAL = "lot", "withdrawal"  # the kinds of `services.outcome_decisions`
LOT_COMMITMENT = "lot-commitment"  # `services.lot_commitments`


class UnrecordedDecisionError(SandoghError):
    """A stored void or certification that no event-log entry records: refused."""

    def __init__(self, what: str, number: int | str, why: str) -> None:
        self.what = what  # "void", "certification" or "hand-count correction"
        self.number = number  # the row's number in the store (a correction: its contest)
        self.why = why
        super().__init__(f"{what} {number} is not in the event log: {why}")


def recorded_voids(work: UnitOfWork, election: str) -> list[VoidRecord]:
    """Every void of the election, each checked against the log entry it names."""
    records = work.voids.all(election)
    entries = work.events.at([r.logged.sequence for r in records if r.logged is not None])
    for record in records:
        entry = None if record.logged is None else entries.get(record.logged.sequence)
        why = void_unrecorded(
            record.logged,
            entry,
            election=election,
            number=record.id,
            void=record.void,
            by=record.by,
            at=record.at,
        )
        if why is not None:
            raise UnrecordedDecisionError("void", record.id, why)
    return records


def recorded_certifications(work: UnitOfWork, election: str) -> list[Certification]:
    """The certifications in force, each checked against the log entry it names."""
    records = work.certifications.records_in_force(election)
    entries = work.events.at([r.logged.sequence for r in records if r.logged is not None])
    for record in records:
        entry = None if record.logged is None else entries.get(record.logged.sequence)
        why = certification_unrecorded(record.logged, entry, record.certification)
        if why is not None:
            raise UnrecordedDecisionError("certification", record.id, why)
    return [record.certification for record in records]


def recorded_corrections(work: UnitOfWork, election: str) -> list[HandCountCorrection]:
    """The certified hand-count corrections of the election, each checked against the log
    entry it names, by contest."""
    certified = [h for h in work.audits.hand_counts(election) if h.certified is not None]
    logged = {h.contest: h.certified.logged for h in certified if h.certified is not None}
    entries = work.events.at([at.sequence for at in logged.values() if at is not None])
    found = []
    for stored in certified:
        made = correction_of(stored)
        at = logged[stored.contest]
        why = correction_unrecorded(
            at, None if at is None else entries.get(at.sequence), election, made
        )
        if why is not None:
            raise UnrecordedDecisionError("hand-count correction", stored.contest, why)
        found.append(made)
    return found


def correction_of(
    stored: StoredHandCount, certifying: HandCountCertified | None = None
) -> HandCountCorrection:
    """The correction a stored hand count makes, certified as it was or as `certifying`."""
    certified = certifying or stored.certified
    if certified is None:
        raise StoredHandCountError(f"{stored.contest}: not certified", subject=stored.contest)
    counts = hand_count_counts(stored)
    contest, _, constituency = stored.contest.partition(":")
    return HandCountCorrection(
        contest,
        constituency,
        counts.cast,
        counts.valid,
        counts.invalid,
        counts.votes,
        certified.audit,
        certified.by,
        certified.grant,
        certified.at,
        certified.reason,
    )


def stored_counts(counts: Counts) -> JSONValue:
    """The totals of a hand count as `StoredHandCount.counts` keeps them; `hand_count_counts`
    reads them back."""
    votes: dict[str, JSONValue] = dict(counts.votes)
    invalid: dict[str, JSONValue] = {k.value: n for k, n in counts.invalid.items()}
    return {"cast": counts.cast, "valid": counts.valid, "invalid": invalid, "votes": votes}


def hand_count_counts(stored: StoredHandCount) -> Counts:
    """The totals a stored hand count holds; a row that does not read raises
    `StoredHandCountError` naming the path of what is wrong."""
    at = f"hand_counts[{stored.contest}].counts"
    data = _mapping(stored.counts, at, stored.contest)
    invalid = _mapping(data.get("invalid", {}), f"{at}.invalid", stored.contest)
    kinds = {}
    for kind, n in invalid.items():
        if kind not in {k.value for k in InvalidKind}:
            raise StoredHandCountError(f"{at}.invalid.{kind}: no such kind", subject=stored.contest)
        kinds[InvalidKind(kind)] = _count(n, f"{at}.invalid.{kind}", stored.contest)
    votes = _mapping(data.get("votes"), f"{at}.votes", stored.contest)
    return Counts(
        cast=_count(data.get("cast"), f"{at}.cast", stored.contest),
        valid=_count(data.get("valid"), f"{at}.valid", stored.contest),
        invalid=kinds,
        votes={
            str(code): _count(n, f"{at}.votes.{code}", stored.contest) for code, n in votes.items()
        },
    )


def _mapping(value: Any, path: str, subject: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise StoredHandCountError(f"{path}: {value!r} is not an object", subject=subject)
    return value


def _count(value: Any, path: str, subject: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise StoredHandCountError(f"{path}: {value!r} is not a count", subject=subject)
    return value


def recorded_of_kind(work: UnitOfWork, election: str, kind: str) -> list[StoredDecision]:
    """The stored decisions of `kind`, each checked against the log entry it names."""
    stored = [d for d in work.outcome_decisions.all(election) if d.kind == kind]
    entries = work.events.at([d.logged.sequence for d in stored])
    for decision in stored:
        entry = entries.get(decision.logged.sequence)
        if entry is None or entry.hash != decision.logged.hash:
            why = "its log entry is missing or another"
        else:
            details = {k: v for k, v in entry.event.details.items() if k in decision.data}
            why = "" if details == dict(decision.data) else "the log records other details"
        if why:
            raise UnrecordedDecisionError(kind, decision.number, why)
    return stored


def recorded_lots(work: UnitOfWork, election: str) -> list[SettledLot]:
    """The lots, each checked against its log entry, and its commitment against one recorded."""
    committed = {
        (str(d.data["commitment"]), str(d.data["at"]))
        for d in recorded_of_kind(work, election, LOT_COMMITMENT)
    }
    lots = []
    for decision in recorded_of_kind(work, election, LOT):
        made = settled_of(decision.data)
        revealed = made.revealed
        if revealed is not None and (
            (revealed.commitment, revealed.committed_at.isoformat()) not in committed
        ):
            raise UnrecordedDecisionError(LOT, decision.number, "its commitment is not recorded")
        lots.append(made)
    return lots


def record_decision(
    work: UnitOfWork,
    actor: Actor,
    election: str,
    place: str,
    *,
    kind: str,
    key: str,
    data: dict[str, JSONValue],
    type_: EventType,
    now: datetime.datetime,
) -> None:
    """Log a lot, withdrawal or commitment and store it naming its entry, in one commit."""
    details: dict[str, JSONValue] = {"election": election, "decision": kind, **data}
    entry = work.events.record(acted(actor, now, type_, place, details))
    number = len(work.outcome_decisions.all(election)) + 1
    logged = Checkpoint(entry.sequence, entry.hash)
    work.outcome_decisions.add(StoredDecision(election, number, kind, key, data, logged))
    work.commit()


def recorded_withdrawals(work: UnitOfWork, election: str) -> list[Withdrawal]:
    return [withdrawal_of(d.data) for d in recorded_of_kind(work, election, WITHDRAWAL)]
