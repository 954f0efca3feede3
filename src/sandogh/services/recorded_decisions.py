"""Voids, certifications and hand-count corrections as results read them: each with the log
entry that recorded it.

Issue 9, section 3: a void or certification that has no log entry is refused at read time; so is
a certified hand-count correction (issue 11), whose entry must hold its very totals, and a
certification's undoing (issue 13), held to its own entry; and a certification or undoing the log
records must be in the store (a row deleted, or an undoing taken back, by hand). Every reader of
results (`services.results.tally`, and so the publisher's totals and `supervision.json`, and the
console's results) takes them from here; a row the log does not record (written into the
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
from sandogh.core.log import Checkpoint, Disposition, EventType
from sandogh.core.log.chain import Entry
from sandogh.core.rules.settled import SettledLot, settled_of
from sandogh.core.supervision import HandCountCorrection
from sandogh.core.supervision.recorded import (
    certification_unrecorded,
    correction_unrecorded,
    undoing_unrecorded,
    void_unrecorded,
)
from sandogh.locale import to_persian_digits
from sandogh.services.acting import Actor, acted
from sandogh.services.audit_errors import StoredHandCountError
from sandogh.services.audit_ports import HandCountCertified, StoredHandCount
from sandogh.services.outcome_decision_ports import StoredDecision
from sandogh.services.ports import CertificationRecord, UnitOfWork, VoidRecord

LOT, WITHDRAWAL = "lot", "withdrawal"  # the kinds of `services.outcome_decisions`
LOT_COMMITMENT = "lot-commitment"  # `services.lot_commitments`


class UnrecordedDecisionError(SandoghError):
    """A stored void, certification (or its undoing) or other decision that the event log does
    not record as stored, or one the log records that the store lacks (`number` None: named by
    its `entry`): refused, and said in Persian (`fa`) and English (`en`) where a page shows it."""

    def __init__(
        self, what: str, number: int | str | None, why: str, *, entry: int | None = None
    ) -> None:
        self.what = what  # "void", "certification", "hand-count correction", a decision's kind
        self.number = number  # the row's number in the store (a correction: its contest)
        self.entry = entry
        self.why = why
        named = f"{what} {number}" if number is not None else f"the {what} of log entry {entry}"
        what_fa = _WHAT_FA.get(what, what)
        named_fa = (
            f"{what_fa} شماره {to_persian_digits(str(number))}"
            if number is not None
            else f"{what_fa} رویداد {to_persian_digits(str(entry))} دفتر رویدادها"
        )
        stored = f"The stored {named}" if number is not None else f"The {what} of log entry {entry}"
        self.en = (
            f"{stored} is not as the event log records it ({why}): the store was "
            "changed outside sandogh, and nothing is shown or published from it until it is put "
            "right."
        )
        self.fa = (
            f"{named_fa} در پایگاه داده با آنچه دفتر رویدادها ثبت کرده است نمی‌خواند و بیرون از "
            "سامانه تغییر کرده است؛ تا پایگاه داده درست نشود، چیزی از آن نشان داده یا منتشر "
            "نمی‌شود."
        )
        super().__init__(f"{named} is not as the event log records it: {why}")


_WHAT_FA = {
    "void": "ابطال",
    "certification": "تأیید صحت",
    "hand-count correction": "شمارش دستی تأییدشده",
    LOT: "قرعه",
    WITHDRAWAL: "انصراف",
    LOT_COMMITMENT: "تعهد قرعه",
}


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


def recorded_certifications(work: UnitOfWork, election: str) -> list[CertificationRecord]:
    """Every certification of the election, in force or undone, each checked against the log
    entry it names and its undoing against its own; and every undoing the log records must be
    one the store holds (a row whose undoing was taken back by hand is refused too)."""
    records = work.certifications.records(election)
    named = [r.logged for r in records] + [r.undo_logged for r in records]
    entries = work.events.at([at.sequence for at in named if at is not None])
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
    _every_entry_stored(work, election, records)
    return records


def _every_entry_stored(
    work: UnitOfWork, election: str, records: list[CertificationRecord]
) -> None:
    """Refuse a store without a certification, or an undoing, that the log records: a row
    deleted by hand, or its undoing taken back (a certification so put back in force)."""
    made = {r.logged.sequence for r in records if r.logged is not None}
    undone = {r.undo_logged.sequence for r in records if r.undo_logged is not None}
    for kind, stored in (
        (EventType.RESULT_CERTIFIED, made),
        (EventType.CERTIFICATION_UNDONE, undone),
    ):
        for entry in work.events.of_type(kind, election):
            if entry.sequence in stored or entry.event.disposition is not Disposition.DONE:
                continue
            held = _held(records, entry)
            if held is None:
                why = f"the store holds no certification that entry {entry.sequence} records"
                raise UnrecordedDecisionError("certification", None, why, entry=entry.sequence)
            why = f"it is held in force, but entry {entry.sequence} records its undoing"
            raise UnrecordedDecisionError("certification", held.id, why)


def _held(records: list[CertificationRecord], undoing: Entry) -> CertificationRecord | None:
    """The certification in force that an undoing's entry undid: the one of the entry it names,
    or (an entry written before it named one) of its scope and digest."""
    details = undoing.event.details
    if undoing.event.type is not EventType.CERTIFICATION_UNDONE:
        return None
    undid = details.get("certification")
    scope = (details.get("contest"), details.get("constituency"), details.get("digest"))
    for record in records:
        c = record.certification
        if record.undone is not None:
            continue
        if undid is None and (c.contest, c.constituency, c.digest) == scope:
            return record
        if undid is not None and record.logged is not None and record.logged.sequence == undid:
            return record
    return None


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
