"""Registering the staff of a station: each person, the role they sign under, their own key.

Issue 9, section 2 (`core.report.staff`): a staff signature on a station report counts only when
its key was registered for that station and role; the registered keys reach the station's box in
its enrolment document (the count needs them, and they sign its reports) and go into the
pre-election record. A key serves one person of one station per election day, and is never also a
box's key: a signature must say who, not which machine.

Review S19, F8: an operator registers, under a grant with the right at the station — the
headquarters (MANAGE_READINESS) its staff; the supervisory board (a supervisor's grant over the
station) its own observer (ناظر), whom the law has that board appoint and who is never staff
(`core.readiness.roster`). A person, by name, holds one role at a station, so no one is both the
board's observer and the station's head; a station has one head and one secretary (Majlis
Elections Law art. 40, executive regulations art. 59). Once the pre-election record is sealed, a
new key is refused: it reaches the record only as a signed amendment (`sandogh anchor
draft-amendment --staff-key`, `anchor sign`, `anchor amend`; `services.anchor.amend_record`).
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from sandogh.core.access import Action, Role, covers
from sandogh.core.definition.geography import Geography
from sandogh.core.errors import SandoghError
from sandogh.core.log import EventType
from sandogh.core.report import KeyMaterialError, PublicKey, StaffRole
from sandogh.core.report.staff import Conflict, RegisteredStaff, person_problems, staff_conflict
from sandogh.services.acting import AccessDeniedError, Actor, acted, guarded, require
from sandogh.services.days import Day, day_of
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.services.ports import UnitOfWork


class StaffRefusal(StrEnum):
    NOT_A_STATION = "not-a-station"  # no unit of that code, or not a polling station
    MALFORMED_KEY = "malformed-key"
    MALFORMED_PERSON = "malformed-person"
    KEY_REGISTERED = "key-registered"  # for someone, or as a box's key
    OBSERVER_AND_STAFF = "observer-and-staff"  # the board's observer is never the station's staff
    PERSON_REGISTERED = "person-registered"  # the person holds another role at the station
    ROLE_FILLED = "role-filled"  # the station has its head (or secretary) already
    SEALED = "sealed"  # after the record is sealed, only a signed amendment adds a key


#: How a key reaches a sealed record: a signed amendment (cli.anchor).
AMENDMENT_PATH = "sandogh anchor draft-amendment --staff-key …, anchor sign, anchor amend"


class StaffError(SandoghError):
    def __init__(self, reason: StaffRefusal, message: str, held: RegisteredStaff | None = None):
        self.reason = reason
        self.held = held  # the registration in the way, where one is
        super().__init__(f"staff registration refused ({reason}): {message}")


def register_staff(
    uow: UnitOfWorkFactory,
    actor: Actor,
    *,
    election_id: str,
    station: str,
    person: str,
    role: StaffRole,
    public_key: str,
    now: datetime.datetime,
) -> RegisteredStaff:
    """Register `person` of `station` to sign as `role` with `public_key` (`ed25519:HEX`), as
    `actor`, who needs the right at the station (an observer: the supervisory board's grant).

    Registering the same person, station, role and key again changes nothing; any other use of
    a registered key, or of an enrolled box's key, a second role for a person, a second head or
    secretary, or any new key once the record is sealed, is refused."""
    staff = _staff(election_id, station, person, role, public_key)

    def use_case(work: UnitOfWork) -> RegisteredStaff:
        registered = _register(work, actor, staff, now, _Reads.of(work, [staff]))
        work.commit()
        return registered

    return guarded(uow, actor, now, use_case)


@dataclass(frozen=True)
class StaffToRegister:
    """One person of `register_many`: as `register_staff`'s arguments."""

    station: str
    person: str
    role: StaffRole
    public_key: str


def register_many(
    uow: UnitOfWorkFactory,
    actor: Actor,
    *,
    election_id: str,
    staff: Sequence[StaffToRegister],
    now: datetime.datetime,
) -> list[RegisteredStaff]:
    """`register_staff` for each of `staff`, every check the same, in one transaction: a refusal
    of anyone registers none of them."""
    people = [_staff(election_id, s.station, s.person, s.role, s.public_key) for s in staff]

    def use_case(work: UnitOfWork) -> list[RegisteredStaff]:
        registered = []
        if people:
            reads = _Reads.of(work, people)
            registered = [_register(work, actor, person, now, reads) for person in people]
        work.commit()
        return registered

    return guarded(uow, actor, now, use_case)


def _staff(
    election_id: str, station: str, person: str, role: StaffRole, public_key: str
) -> RegisteredStaff:
    try:
        key = PublicKey.from_text(public_key)
    except KeyMaterialError:
        raise StaffError(
            StaffRefusal.MALFORMED_KEY, f"{public_key!r} is not ed25519: and 64 lowercase hex"
        ) from None
    problems = person_problems(person)
    if problems:
        raise StaffError(StaffRefusal.MALFORMED_PERSON, "; ".join(p.message for p in problems))
    return RegisteredStaff(election_id, station, person, role, key)


@dataclass(frozen=True)
class _Reads:
    """What each person of one call is checked against, read once for them all: the day,
    whether its record is sealed, and the boxes enrolled under any of their keys (registering
    staff changes none of them; read a person at a time, they cost a national preparation
    117,280 reads of each)."""

    day: Day
    sealed: bool
    boxes: Collection[str]  # the keys (hex) of the call's that are a box's

    @classmethod
    def of(cls, work: UnitOfWork, people: Sequence[RegisteredStaff]) -> _Reads:
        """The reads of `people`, all of one election (the call's)."""
        election_id = people[0].election
        day = day_of(work, election_id)
        keys = {person.key.raw.hex() for person in people}
        boxes = work.devices.of_keys(election_id, keys).keys()
        return cls(day, work.records.sealed(election_id) is not None, frozenset(boxes))


def _register(
    work: UnitOfWork,
    actor: Actor,
    staff: RegisteredStaff,
    now: datetime.datetime,
    reads: _Reads,
) -> RegisteredStaff:
    """`staff` registered in `work`, which the caller commits."""
    election_id, station, key, role = staff.election, staff.station, staff.key, staff.role
    day = reads.day
    if station not in day.geography or not day.is_station(station):
        raise StaffError(
            StaffRefusal.NOT_A_STATION, f"{station} is not a polling station of {election_id}"
        )
    _require_right(day.geography, actor, role, station, election_id)
    held = work.staff.find(election_id, key)
    if held == staff:
        return held
    if held is not None:
        raise StaffError(
            StaffRefusal.KEY_REGISTERED,
            f"{key.text} is registered for {held.person} ({held.role}) of {held.station}",
            held,
        )
    if key.raw.hex() in reads.boxes:
        raise StaffError(StaffRefusal.KEY_REGISTERED, f"{key.text} is a ballot box's key")
    _refuse_conflicts(work.staff.of_station(election_id, station), staff)
    if reads.sealed:
        raise StaffError(
            StaffRefusal.SEALED,
            f"the pre-election record of {election_id} is sealed: a new staff key is added "
            f"by a signed amendment ({AMENDMENT_PATH})",
        )
    work.staff.add(staff)
    details = {"election": election_id, "person": staff.person, "role": role.value}
    work.events.record(
        acted(actor, now, EventType.STAFF_REGISTERED, station, {**details, "key": key.text})
    )
    return staff


def _require_right(
    geography: Geography, actor: Actor, role: StaffRole, station: str, election: str
) -> None:
    if role is not StaffRole.SUPERVISOR:
        require(geography, actor, Action.MANAGE_READINESS, [station], election)
    elif actor.grant.role is not Role.SUPERVISOR or not covers(
        geography, actor.grant.place, station
    ):
        raise AccessDeniedError(
            actor,
            Action.MANAGE_READINESS,
            election,
            [station],
            "the supervisory board registers its own observers",
        )


def _refuse_conflicts(registered: Iterable[RegisteredStaff], staff: RegisteredStaff) -> None:
    found = staff_conflict(registered, staff)
    if found is None:
        return
    conflict, held = found
    if conflict is Conflict.ROLE_FILLED:
        message = f"{staff.station} has its {staff.role} already: {held.person}"
    else:
        message = f"{staff.person} is registered as {held.role} of {staff.station}"
    raise StaffError(StaffRefusal(conflict.value), message, held)


def staff_of(
    uow: UnitOfWorkFactory, *, election_id: str, station: str | None = None
) -> list[RegisteredStaff]:
    """The registered staff of the election, or of one station, by station, role and key."""
    with uow() as work:
        day_of(work, election_id)
        if station is None:
            return work.staff.of_election(election_id)
        return work.staff.of_station(election_id, station)
