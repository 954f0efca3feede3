"""Every decision the event log records, found in the store (the outsider's F3 of session 24).

`services.recorded_decisions` holds each stored decision to the entry it names (row to log); this
holds the log to the store: every entry (done, of the election) recording a void, a lot, its
commitment, a withdrawal, a certification or its undoing, a hand count certified or undone, must
be a row the store holds as the entry left it. A row deleted by hand (`delete from voids` brought
the voided ballots back into every result, with nothing refused), or an undoing taken back, is
refused by the next read, with the entry named. The entries are few (decisions, not reports) and
read in one query with the rows, in the read's own transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sandogh.core.log import Disposition, EventType
from sandogh.core.log.chain import Entry
from sandogh.services.audit_ports import StoredHandCount
from sandogh.services.outcome_decision_ports import StoredDecision
from sandogh.services.ports import CertificationRecord, VoidRecord
from sandogh.services.unrecorded import (
    LOT,
    LOT_COMMITMENT,
    WITHDRAWAL,
    UnrecordedDecisionError,
)

CERTIFYING = (EventType.RESULT_CERTIFIED, EventType.CERTIFICATION_UNDONE)
_VOIDING = (
    EventType.STATION_VOIDED,
    EventType.CANDIDATE_VOTES_VOIDED,
    EventType.CONSTITUENCY_VOIDED,
)
#: a decision of `services.outcome_decisions` by its entry's type (a candidacy's withdrawal,
#: before the vote, is logged with the same type but not as a `decision`)
_DECIDING = {
    EventType.LOT_DRAWN: LOT,
    EventType.CANDIDATE_WITHDRAWN: WITHDRAWAL,
    EventType.LOT_COMMITTED: LOT_COMMITMENT,
}
_HAND_COUNTING = (EventType.HAND_COUNT_CERTIFIED, EventType.HAND_COUNT_UNCERTIFIED)
#: every type of entry that records a decision results are read with
DECISION_TYPES = (*CERTIFYING, *_VOIDING, *_DECIDING, *_HAND_COUNTING)


def every_entry_stored(
    logged: Iterable[Entry],
    *,
    voids: Sequence[VoidRecord],
    counts: Sequence[StoredHandCount],
    certifications: Sequence[CertificationRecord],
    decisions: Sequence[StoredDecision],
) -> None:
    """Refuse (`UnrecordedDecisionError`) a store without a decision that an entry of `logged`
    (the election's entries of `DECISION_TYPES`) records: `counts` are the certified hand
    counts."""
    done = sorted(
        (e for e in logged if e.event.disposition is Disposition.DONE), key=lambda e: e.sequence
    )
    _voids_stored(done, voids)
    _decisions_stored(done, decisions)
    _counts_stored(done, counts)
    certifications_stored([e for e in done if e.event.type in CERTIFYING], certifications)


def _voids_stored(done: list[Entry], voids: Sequence[VoidRecord]) -> None:
    named = {v.logged.sequence for v in voids if v.logged is not None}
    for entry in done:
        if entry.event.type in _VOIDING and entry.sequence not in named:
            why = f"the store holds no void that entry {entry.sequence} records"
            raise UnrecordedDecisionError("void", None, why, entry=entry.sequence)


def _decisions_stored(done: list[Entry], decisions: Sequence[StoredDecision]) -> None:
    named = {(d.kind, d.logged.sequence) for d in decisions}
    for entry in done:
        kind = _DECIDING.get(entry.event.type)
        if kind is None or entry.event.details.get("decision") != kind:
            continue
        if (kind, entry.sequence) not in named:
            why = f"the store holds no {kind} that entry {entry.sequence} records"
            raise UnrecordedDecisionError(kind, None, why, entry=entry.sequence)


def _counts_stored(done: list[Entry], certified: Sequence[StoredHandCount]) -> None:
    """The last entry of each hand count (`CONTEST:CONSTITUENCY`) says whether it is certified:
    a certification must be the stored hand count's, an undoing must leave none certified."""
    last: dict[str, Entry] = {}
    for entry in done:
        if entry.event.type in _HAND_COUNTING:
            details = entry.event.details
            last[f"{details.get('contest')}:{details.get('constituency')}"] = entry
    held = {h.contest: h for h in certified if h.certified is not None}
    for contest, entry in last.items():
        stored = held.pop(contest, None)
        if entry.event.type is EventType.HAND_COUNT_UNCERTIFIED:
            if stored is not None:
                why = f"it is held certified, but entry {entry.sequence} records its undoing"
                raise UnrecordedDecisionError("hand-count correction", contest, why)
            continue
        at = None if stored is None or stored.certified is None else stored.certified.logged
        if at is None or at.sequence != entry.sequence:
            why = f"the store holds no certified hand count that entry {entry.sequence} records"
            raise UnrecordedDecisionError("hand-count correction", None, why, entry=entry.sequence)


def certifications_stored(logged: list[Entry], records: Sequence[CertificationRecord]) -> None:
    """Refuse a store without a certification, or an undoing, that the log records: a row
    deleted by hand, or its undoing taken back (a certification so put back in force)."""
    made = {r.logged.sequence for r in records if r.logged is not None}
    undone = {r.undo_logged.sequence for r in records if r.undo_logged is not None}
    stored = {EventType.RESULT_CERTIFIED: made, EventType.CERTIFICATION_UNDONE: undone}
    undoings = {EventType.CERTIFICATION_UNDONE}
    # the certifications' entries first, then the undoings', each by sequence
    for entry in sorted(logged, key=lambda e: (e.event.type in undoings, e.sequence)):
        if entry.sequence in stored[entry.event.type]:
            continue
        held = _held(records, entry)
        if held is None:
            why = f"the store holds no certification that entry {entry.sequence} records"
            raise UnrecordedDecisionError("certification", None, why, entry=entry.sequence)
        why = f"it is held in force, but entry {entry.sequence} records its undoing"
        raise UnrecordedDecisionError("certification", held.id, why)


def _held(records: Sequence[CertificationRecord], undoing: Entry) -> CertificationRecord | None:
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
