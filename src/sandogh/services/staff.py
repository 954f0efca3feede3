"""Registering the staff of a station: each person, the role they sign under, their own key.

Issue 9, section 2 (`core.report.staff`): a staff signature on a station report counts only when
its key was registered for that station and role; the registered keys reach the station's box in
its enrolment document (the count needs them, and they sign its reports) and go into the
pre-election record. A key serves one person of one station per election day, and is never also a
box's key: a signature must say who, not which machine.
"""

from __future__ import annotations

import datetime
from enum import StrEnum

from sandogh.core.errors import SandoghError
from sandogh.core.log import Disposition, Event, EventType
from sandogh.core.report import KeyMaterialError, PublicKey, StaffRole
from sandogh.core.report.staff import RegisteredStaff, person_problems
from sandogh.services.days import day_of
from sandogh.services.elections import SYSTEM, UnitOfWorkFactory


class StaffRefusal(StrEnum):
    NOT_A_STATION = "not-a-station"  # no unit of that code, or not a polling station
    MALFORMED_KEY = "malformed-key"
    MALFORMED_PERSON = "malformed-person"
    KEY_REGISTERED = "key-registered"  # for someone, or as a box's key


class StaffError(SandoghError):
    def __init__(self, reason: StaffRefusal, message: str) -> None:
        self.reason = reason
        super().__init__(f"staff registration refused ({reason}): {message}")


def register_staff(
    uow: UnitOfWorkFactory,
    *,
    election_id: str,
    station: str,
    person: str,
    role: StaffRole,
    public_key: str,
    now: datetime.datetime,
    actor: str = SYSTEM,
) -> RegisteredStaff:
    """Register `person` of `station` to sign as `role` with `public_key` (`ed25519:HEX`).

    Registering the same person, station, role and key again changes nothing; any other use of
    a registered key, or of an enrolled box's key, is refused."""
    try:
        key = PublicKey.from_text(public_key)
    except KeyMaterialError:
        raise StaffError(
            StaffRefusal.MALFORMED_KEY, f"{public_key!r} is not ed25519: and 64 lowercase hex"
        ) from None
    problems = person_problems(person)
    if problems:
        raise StaffError(StaffRefusal.MALFORMED_PERSON, "; ".join(p.message for p in problems))
    staff = RegisteredStaff(election_id, station, person, role, key)
    with uow() as work:
        day = day_of(work, election_id)
        if station not in day.geography or not day.is_station(station):
            raise StaffError(
                StaffRefusal.NOT_A_STATION, f"{station} is not a polling station of {election_id}"
            )
        held = work.staff.find(election_id, key)
        if held == staff:
            return held
        if held is not None:
            raise StaffError(
                StaffRefusal.KEY_REGISTERED,
                f"{key.text} is registered for {held.person} ({held.role}) of {held.station}",
            )
        if work.devices.get(election_id, key.raw.hex()) is not None:
            raise StaffError(StaffRefusal.KEY_REGISTERED, f"{key.text} is a ballot box's key")
        work.staff.add(staff)
        work.events.record(
            Event(
                time=now,
                actor=actor,
                role=SYSTEM,
                place=station,
                type=EventType.STAFF_REGISTERED,
                disposition=Disposition.DONE,
                details={
                    "election": election_id,
                    "person": person,
                    "role": role.value,
                    "key": key.text,
                },
            )
        )
        work.commit()
    return staff


def staff_of(
    uow: UnitOfWorkFactory, *, election_id: str, station: str | None = None
) -> list[RegisteredStaff]:
    """The registered staff of the election, or of one station, by station, role and key."""
    with uow() as work:
        day_of(work, election_id)
        if station is None:
            return work.staff.of_election(election_id)
        return work.staff.of_station(election_id, station)
