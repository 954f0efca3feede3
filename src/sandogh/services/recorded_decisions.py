"""Voids, certifications and hand-count corrections as results read them: each with the log
entry that recorded it.

Issue 9, section 3: a void or certification that has no log entry is refused at read time; so is
a certified hand-count correction (issue 11), whose entry must hold its very totals, and a
certification's undoing (issue 13), held to its own entry; and a certification or undoing the log
records must be in the store (a row deleted, or an undoing taken back, by hand). Every reader of
results (`services.results.tally`, and so the publisher's totals and `supervision.json`, and the
console's results) takes them from here; a row the log does not record (written into the
database by hand) raises `UnrecordedDecisionError`, naming the row and why, rather than being
believed. The matching itself is `core.supervision.recorded`; the other direction, every
decision the log records found in the store (a row deleted by hand), `services.decision_entries`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sandogh.core.candidacy.withdrawal import Withdrawal, withdrawal_of
from sandogh.core.canonical_json import JSONValue
from sandogh.core.log import Checkpoint, EventType
from sandogh.core.log.chain import Entry
from sandogh.core.rules.settled import SettledLot, settled_of
from sandogh.core.supervision import HandCountCorrection
from sandogh.core.supervision.recorded import (
    certification_unrecorded,
    correction_unrecorded,
    undoing_unrecorded,
    void_unrecorded,
)
from sandogh.services.acting import Actor, acted
from sandogh.services.audit_ports import StoredHandCount
from sandogh.services.decision_entries import (
    CERTIFYING,
    DECISION_TYPES,
    certifications_stored,
    every_entry_stored,
)
from sandogh.services.hand_count_figures import correction_of
from sandogh.services.outcome_decision_ports import StoredDecision
from sandogh.services.ports import CertificationRecord, UnitOfWork, VoidRecord
from sandogh.services.unrecorded import (
    LOT,
    LOT_COMMITMENT,
    WITHDRAWAL,
    UnrecordedDecisionError,
)


def recorded_voids(work: UnitOfWork, election: str) -> list[VoidRecord]:
    """Every void of the election, each checked against the log entry it names."""
    records = work.voids.all(election)
    _check_voids(records, work.events.at(_sequences(v.logged for v in records)), election)
    return records


def _check_voids(records: list[VoidRecord], entries: Mapping[int, Entry], election: str) -> None:
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


def _sequences(logged: Iterable[Checkpoint | None]) -> list[int]:
    return [at.sequence for at in logged if at is not None]


def recorded_certifications(work: UnitOfWork, election: str) -> list[CertificationRecord]:
    """Every certification of the election, in force or undone, each checked against the log
    entry it names and its undoing against its own; and every undoing the log records must be
    one the store holds (a row whose undoing was taken back by hand is refused too)."""
    records = work.certifications.records(election)
    entries = work.events.at(_sequences(_certifications_logged(records)))
    _check_certifications(records, entries)
    certifications_stored(work.events.of_types(CERTIFYING, election), records)
    return records


def _certifications_logged(records: list[CertificationRecord]) -> list[Checkpoint | None]:
    return [r.logged for r in records] + [r.undo_logged for r in records]


def _check_certifications(records: list[CertificationRecord], entries: Mapping[int, Entry]) -> None:
    for record in records:
        entry = None if record.logged is None else entries.get(record.logged.sequence)
        why = certification_unrecorded(record.logged, entry, record.certification)
        if why is None and record.undone is not None:
            at = record.undo_logged
            undoing = None if at is None else entries.get(at.sequence)
            why = undoing_unrecorded(at, undoing, record.undone, record.logged)
            why = None if why is None else f"its undoing: {why}"
        if why is not None:
            raise UnrecordedDecisionError("certification", record.id, why)


def recorded_corrections(work: UnitOfWork, election: str) -> list[HandCountCorrection]:
    """The certified hand-count corrections of the election, each checked against the log
    entry it names, by contest."""
    certified = _certified_counts(work, election)
    entries = work.events.at(_sequences(_counts_logged(certified)))
    return _checked_corrections(certified, entries, election)


def _certified_counts(work: UnitOfWork, election: str) -> list[StoredHandCount]:
    return [h for h in work.audits.hand_counts(election) if h.certified is not None]


def _counts_logged(certified: list[StoredHandCount]) -> list[Checkpoint | None]:
    return [h.certified.logged for h in certified if h.certified is not None]


def _checked_corrections(
    certified: list[StoredHandCount], entries: Mapping[int, Entry], election: str
) -> list[HandCountCorrection]:
    logged = {h.contest: h.certified.logged for h in certified if h.certified is not None}
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


def recorded_of_kind(work: UnitOfWork, election: str, kind: str) -> list[StoredDecision]:
    """The stored decisions of `kind`, each checked against the log entry it names."""
    stored = [d for d in work.outcome_decisions.all(election) if d.kind == kind]
    return _checked_decisions(stored, work.events.at([d.logged.sequence for d in stored]))


def _checked_decisions(
    stored: list[StoredDecision], entries: Mapping[int, Entry]
) -> list[StoredDecision]:
    for decision in stored:
        entry = entries.get(decision.logged.sequence)
        if entry is None or entry.hash != decision.logged.hash:
            why = "its log entry is missing or another"
        else:
            # every detail but the envelope `record_decision` puts around the data: a row's
            # data emptied by hand is not "a part of what the log records"
            details = {k: v for k, v in entry.event.details.items() if k not in _ENVELOPE}
            why = "" if details == dict(decision.data) else "the log records other details"
        if why:
            raise UnrecordedDecisionError(decision.kind, decision.number, why)
    return stored


#: what `record_decision` logs around a decision's data
_ENVELOPE = ("election", "decision", "acting_at")


def recorded_lots(work: UnitOfWork, election: str) -> list[SettledLot]:
    """The lots, each checked against its log entry, and its commitment against one recorded."""
    return _lots(
        recorded_of_kind(work, election, LOT_COMMITMENT), recorded_of_kind(work, election, LOT)
    )


def _lots(commitments: list[StoredDecision], drawn: list[StoredDecision]) -> list[SettledLot]:
    committed = {(str(d.data["commitment"]), str(d.data["at"])) for d in commitments}
    lots = []
    for decision in drawn:
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


@dataclass(frozen=True)
class Recorded:
    """Every decision results are read with, each checked against the log entry it names."""

    voids: list[VoidRecord]
    corrections: list[HandCountCorrection]
    certifications: list[CertificationRecord]
    lots: list[SettledLot]
    withdrawals: list[Withdrawal]
    #: the log entries they name, by sequence: a certification's holds its tree's root
    entries: Mapping[int, Entry] = field(default_factory=dict)


def recorded_decisions(work: UnitOfWork, election: str) -> Recorded:
    """What `recorded_voids`, `recorded_corrections`, `recorded_certifications`,
    `recorded_lots` and `recorded_withdrawals` each return, checked as each checks it (and in
    that order), with every log entry they name read at once: a read of one unit's results
    (`services.unit_tally`) made a dozen queries of them, most of its time (issue 14)."""
    voids = work.voids.all(election)
    counts = _certified_counts(work, election)
    certifications = work.certifications.records(election)
    decisions = work.outcome_decisions.all(election)
    named = [
        *(v.logged for v in voids),
        *_counts_logged(counts),
        *_certifications_logged(certifications),
        *(d.logged for d in decisions),
    ]
    entries = work.events.at(_sequences(named))
    _check_voids(voids, entries, election)
    corrections = _checked_corrections(counts, entries, election)
    _check_certifications(certifications, entries)

    def of(kind: str) -> list[StoredDecision]:
        return _checked_decisions([d for d in decisions if d.kind == kind], entries)

    lots = _lots(of(LOT_COMMITMENT), of(LOT))
    withdrawals = [withdrawal_of(d.data) for d in of(WITHDRAWAL)]
    every_entry_stored(
        work.events.of_types(DECISION_TYPES, election),
        voids=voids,
        counts=counts,
        certifications=certifications,
        decisions=decisions,
    )
    return Recorded(voids, corrections, certifications, lots, withdrawals, entries)
