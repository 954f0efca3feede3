"""A void, a certification or a hand-count correction is believed only with the event-log entry
that recorded it.

DESIGN.md §3 ("One record of events": station voided, result certified) and issue 9, section 3:
"a void or certification that has no log entry is refused at read time". A stored decision names
the entry that recorded it (its sequence and hash, a `core.log.Checkpoint`); the entry must be
there with that hash, sealed as it reads (`core.log.chain`), and must record this decision: its
type, actor (and role, where the decision keeps it) and time, and the details that identify it. A
row written into the database by hand, without the use case that logs it, names no such entry and
is refused. A certification's undoing is held so too, to its own entry, which names the entry of
the certification it undid (`undoing_unrecorded`).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from sandogh.core.canonical_json import JSONValue
from sandogh.core.log.chain import Entry, entry_hash
from sandogh.core.log.events import Disposition, Event, EventType
from sandogh.core.log.verify import Checkpoint
from sandogh.core.supervision.certification import Certification, Undoing
from sandogh.core.supervision.corrections import HandCountCorrection, correction_json
from sandogh.core.supervision.voids import Void, VoidKind, kind_of, void_json

VOIDED = {
    VoidKind.STATION: EventType.STATION_VOIDED,
    VoidKind.CANDIDATE: EventType.CANDIDATE_VOTES_VOIDED,
    VoidKind.CONSTITUENCY: EventType.CONSTITUENCY_VOIDED,
}


@dataclass(frozen=True)
class _Recorded:
    """What the entry that recorded a decision holds: its type, actor, time and details."""

    type: EventType
    actor: str
    at: datetime.datetime
    details: Mapping[str, JSONValue]
    role: str | None = None  # the role the entry names, where the decision keeps it


def void_unrecorded(
    logged: Checkpoint | None,
    entry: Entry | None,
    *,
    election: str,
    number: int,
    void: Void,
    by: str,
    at: datetime.datetime,
) -> str | None:
    """Why `entry` (the one `logged` names) does not record void `number`, or None if it does."""
    details: dict[str, JSONValue] = {"election": election, "void": number, **void_json(void)}
    return _unrecorded(logged, entry, _Recorded(VOIDED[kind_of(void)], by, at, details))


def certification_unrecorded(
    logged: Checkpoint | None, entry: Entry | None, made: Certification
) -> str | None:
    """Why `entry` (the one `logged` names) does not record `made`, or None if it does."""
    details: dict[str, JSONValue] = {
        "election": made.election,
        "contest": made.contest,
        "constituency": made.constituency,
        "digest": made.digest,
        "acting_at": made.grant.place,
        # blank only before they were asked, when the entry has neither (so one blanked by hand
        # in a later row is refused)
        "reason": made.reason or None,
        "reference": made.reference or None,
    }
    role = made.grant.role.value
    recorded = _Recorded(EventType.RESULT_CERTIFIED, made.by, made.at, details, role)
    return _unrecorded(logged, entry, recorded)


def undoing_unrecorded(
    logged: Checkpoint | None,
    entry: Entry | None,
    undone: Undoing,
    certified: Checkpoint | None,
) -> str | None:
    """Why `entry` (the one `logged` names) does not record `undone`, the undoing of the
    certification that `certified` records, or None if it does."""
    made = undone.certification
    details: dict[str, JSONValue] = {
        "election": made.election,
        "contest": made.contest,
        "constituency": made.constituency,
        "digest": made.digest,
        "certified_by": made.by,
        "acting_at": undone.place,
        "reason": undone.reason or None,
        "reference": undone.reference or None,  # blank only before it was asked
    }
    recorded = _Recorded(EventType.CERTIFICATION_UNDONE, undone.by, undone.at, details, undone.role)
    why = _unrecorded(logged, entry, recorded)
    if why is not None or entry is None or logged is None:
        return why
    # an entry written before it named the certification it undid is matched by the rest
    named = entry.event.details.get("certification")
    if named is not None and (certified is None or named != certified.sequence):
        of = "none" if certified is None else f"entry {certified.sequence}"
        return f"entry {logged.sequence} undoes the certification of entry {named}, not of {of}"
    return None


def correction_unrecorded(
    logged: Checkpoint | None, entry: Entry | None, election: str, made: HandCountCorrection
) -> str | None:
    """Why `entry` (the one `logged` names) does not record `made` with these very totals, or
    None if it does."""
    details: dict[str, JSONValue] = {
        "election": election,
        **correction_json(made),
        "acting_at": made.grant.place,
    }
    recorded = _Recorded(EventType.HAND_COUNT_CERTIFIED, made.by, made.at, details)
    return _unrecorded(logged, entry, recorded)


def _unrecorded(logged: Checkpoint | None, entry: Entry | None, expected: _Recorded) -> str | None:
    if logged is None:
        return "it names no log entry"
    if entry is None:
        return f"the log holds no entry {logged.sequence}"
    if entry.hash != logged.hash:
        return f"entry {logged.sequence} has hash {entry.hash}, not {logged.hash}"
    if entry_hash(entry.sequence, entry.previous_hash, entry.event) != entry.hash:
        return f"entry {logged.sequence} does not hash to the hash it carries"
    return _other_event(logged.sequence, entry.event, expected)


def _other_event(sequence: int, event: Event, expected: _Recorded) -> str | None:
    if (event.type, event.disposition) != (expected.type, Disposition.DONE):
        return f"entry {sequence} records {event.type} ({event.disposition}), not {expected.type}"
    if (event.actor, event.time) != (expected.actor, expected.at):
        return (
            f"entry {sequence} was recorded by {event.actor} at {event.time.isoformat()}, "
            f"not by {expected.actor} at {expected.at.isoformat()}"
        )
    if expected.role is not None and event.role != expected.role:
        return f"entry {sequence} was recorded in the role {event.role}, not {expected.role}"
    for name, value in expected.details.items():
        if event.details.get(name) != value:
            return f"entry {sequence} records {name} {event.details.get(name)!r}, not {value!r}"
    return None


def entry_unrecorded(
    logged: Checkpoint | None,
    entry: Entry | None,
    type_: EventType,
    *,
    actor: str,
    at: datetime.datetime,
    details: Mapping[str, JSONValue],
) -> str | None:
    """Why `entry` does not record an event `type_` of `actor` at `at` with (at least) `details`,
    or None if it does: the same check for any other stored decision (candidacy's steps)."""
    return _unrecorded(logged, entry, _Recorded(type_, actor, at, details))
