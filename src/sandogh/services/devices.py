"""Enrolling a ballot box for its station, and revoking it.

DESIGN.md §3 (enrol: a key pair per box and the definition hash) and §6 (a box holds an Ed25519
key registered at enrolment; a report from an unknown or revoked device is refused); issue 3,
"Device enrolment". What an enrolled box receives is `services.enrolment`'s.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Sequence
from enum import StrEnum

from sandogh.core.errors import SandoghError
from sandogh.core.fleet import build_refusal
from sandogh.core.log import Disposition, Event, EventType
from sandogh.core.report import PublicKey
from sandogh.core.supervision.modes import unapproved
from sandogh.services.days import CodesNotDrawnError, Day, day_of, require_drawn
from sandogh.services.elections import SYSTEM, UnitOfWorkFactory
from sandogh.services.enrolment import Enrolment, enrolment_of
from sandogh.services.errors import ElectionNotFoundError
from sandogh.services.fleet import link_enrolled
from sandogh.services.mode_approvals import station_approvals
from sandogh.services.mode_ports import ApprovalRecord
from sandogh.services.ports import Device, UnitOfWork

_KEY_HEX = re.compile(r"[0-9a-fA-F]{64}")


class EnrolmentRefusal(StrEnum):
    UNKNOWN_STATION = "unknown-station"
    NOT_A_STATION = "not-a-station"  # a unit of the tree above the stations
    STATION_NOT_IN_CONTEST = "station-not-in-contest"
    MALFORMED_KEY = "malformed-key"
    KEY_ENROLLED = "key-enrolled"  # for another station of the election, or revoked
    MODE_NOT_APPROVED = "mode-not-approved"  # the station's mode lacks the body's approval
    # the box's build, once builds are approved for the day (issue 12, `core.fleet.builds`)
    NO_BUILD = "no-build"
    UNAPPROVED_BUILD = "unapproved-build"
    REVOKED_BUILD = "revoked-build"
    # a contest of the station's ballot has no candidates: a draft, its codes not yet drawn
    NOT_DRAWN = "codes-not-drawn"


class EnrolmentError(SandoghError):
    def __init__(self, reason: EnrolmentRefusal, message: str) -> None:
        self.reason = reason
        super().__init__(f"enrolment refused ({reason}): {message}")


class RevocationRefusal(StrEnum):
    UNKNOWN_DEVICE = "unknown-device"
    ALREADY_REVOKED = "already-revoked"


class RevocationError(SandoghError):
    def __init__(self, reason: RevocationRefusal, message: str) -> None:
        self.reason = reason
        super().__init__(f"revocation refused ({reason}): {message}")


def enrol_device(
    uow: UnitOfWorkFactory,
    *,
    election_id: str,
    station: str,
    public_key_hex: str,
    now: datetime.datetime,
    build: str | None = None,
    actor: str = SYSTEM,
    role: str = SYSTEM,
) -> Enrolment:
    """Register the box of `public_key_hex` (64 hex digits), running `build`, for `station`,
    recorded as done by `actor` in `role` (the operator who enrolled it).

    Once the national headquarters have approved a build for the day, a box naming none, or a
    build never approved or revoked, is refused (`core.fleet.build_refusal`, as for its reports);
    the build a box enrolled with is its attested build (`services.fleet`) until it reports.
    A new key ties the station's one box of the fleet register without a key to itself
    (`services.fleet.link_enrolled`), so the register shows that box's build and reports.

    Enrolling the same key for the same station again changes nothing and answers the same, so
    a box whose first answer was lost can ask again; a key enrolled for another station, or
    revoked, is refused, so a key never serves two stations nor comes back after revocation.
    """
    with uow() as work:
        enrolment = _enrol(
            work, election_id, station, public_key_hex, now=now, build=build, actor=actor, role=role
        )
        work.commit()
    return enrolment


def enrol_devices(
    uow: UnitOfWorkFactory,
    *,
    election_id: str,
    boxes: Sequence[tuple[str, str]],
    now: datetime.datetime,
    build: str | None = None,
    actor: str = SYSTEM,
    role: str = SYSTEM,
) -> list[Enrolment]:
    """`enrol_device` for each (station, public key hex) of `boxes`, every check the same, in one
    transaction: a refusal of any box enrols none of them (`EnrolmentError`, naming its station)."""
    with uow() as work:
        enrolments = [
            _enrol(work, election_id, station, key, now=now, build=build, actor=actor, role=role)
            for station, key in boxes
        ]
        work.commit()
    return enrolments


def _enrol(
    work: UnitOfWork,
    election_id: str,
    station: str,
    public_key_hex: str,
    *,
    now: datetime.datetime,
    build: str | None,
    actor: str,
    role: str,
) -> Enrolment:
    """One box enrolled in `work`, which the caller commits."""
    key = _key(public_key_hex)
    if key is None:
        raise EnrolmentError(
            EnrolmentRefusal.MALFORMED_KEY,
            f"{public_key_hex!r} is not an Ed25519 public key in 64 hex digits",
        )
    day = day_of(work, election_id)
    _require_station(day, station)
    approvals = station_approvals(work, day, station)
    _require_approved(day, station, approvals)
    unapproved = build_refusal(work.fleet.decisions(election_id), build)
    if unapproved is not None:
        raise EnrolmentError(
            EnrolmentRefusal(unapproved[0].value),
            f"the build of the box for {station}: {unapproved[1].message}",
        )
    held = work.devices.get(election_id, key)
    if held is not None and (held.station != station or held.revoked_at is not None):
        state = "revoked" if held.revoked_at is not None else "enrolled"
        raise EnrolmentError(
            EnrolmentRefusal.KEY_ENROLLED,
            f"{key} is already {state} for station {held.station} of {election_id}",
        )
    if held is not None:
        if build is not None:  # a box updated since: it says so under its key
            work.fleet.attest(election_id, key, build, now)
        return enrolment_of(work, day, held, created=False, approvals=approvals)
    if work.staff.find(election_id, PublicKey(bytes.fromhex(key))) is not None:
        raise EnrolmentError(
            EnrolmentRefusal.KEY_ENROLLED,
            f"{key} is registered as a staff member's key of {election_id}",
        )
    device = Device(election_id, station, key, now)
    work.devices.add(device)
    box = link_enrolled(work, election_id, station, key)
    if build is not None:
        work.fleet.attest(election_id, key, build, now)
    work.events.record(
        Event(
            time=now,
            actor=actor,
            role=role,
            place=station,
            type=EventType.DEVICE_ENROLLED,
            disposition=Disposition.DONE,
            details={"election": election_id, "device": key}
            | ({} if build is None else {"build": build})
            | ({} if box is None else {"box": box}),
        )
    )
    return enrolment_of(work, day, device, created=True, approvals=approvals)


def revoke_device(
    uow: UnitOfWorkFactory,
    *,
    election_id: str,
    public_key_hex: str,
    now: datetime.datetime,
    actor: str = SYSTEM,
    role: str = SYSTEM,
) -> Device:
    """Stop trusting a box from `now` on: its reports are refused from then. Returns the device
    as revoked."""
    key = _key(public_key_hex)
    with uow() as work:
        if work.elections.hash_of(election_id) is None:
            raise ElectionNotFoundError(election_id, work.elections.ids())
        held = None if key is None else work.devices.get(election_id, key)
        if held is None:
            raise RevocationError(
                RevocationRefusal.UNKNOWN_DEVICE,
                f"no device {public_key_hex} is enrolled for {election_id}",
            )
        if held.revoked_at is not None:
            raise RevocationError(
                RevocationRefusal.ALREADY_REVOKED,
                f"device {held.public_key} of station {held.station} was revoked at "
                f"{held.revoked_at.isoformat()}",
            )
        work.devices.revoke(election_id, held.public_key, now)
        work.events.record(
            Event(
                time=now,
                actor=actor,
                role=role,
                place=held.station,
                type=EventType.DEVICE_REVOKED,
                disposition=Disposition.DONE,
                details={"election": election_id, "device": key},
            )
        )
        work.commit()
    return dataclasses.replace(held, revoked_at=now)


def _key(text: str) -> str | None:
    """The key in its stored form, 64 lowercase hex digits; None if `text` is not one."""
    return text.lower() if _KEY_HEX.fullmatch(text) else None


def _require_station(day: Day, station: str) -> None:
    if station not in day.geography:
        raise EnrolmentError(
            EnrolmentRefusal.UNKNOWN_STATION, f"{day.election.id} has no unit {station}"
        )
    if not day.is_station(station):
        raise EnrolmentError(
            EnrolmentRefusal.NOT_A_STATION,
            f"{station} is a {day.geography.kind(station)}, not a polling station",
        )
    if not day.ballot(station):
        raise EnrolmentError(
            EnrolmentRefusal.STATION_NOT_IN_CONTEST, f"{station} votes in no contest"
        )
    try:
        require_drawn(day)
    except CodesNotDrawnError as draft:
        raise EnrolmentError(EnrolmentRefusal.NOT_DRAWN, draft.en) from draft


def _require_approved(day: Day, station: str, approvals: Sequence[ApprovalRecord]) -> None:
    """Refuse a box for a station whose mode none of its `approvals` covers
    (`services.mode_approvals`). An approval is never withdrawn, so a box enrolled once stays
    approved, and the centre takes reports only from enrolled boxes: this one check covers the
    reports too."""
    missing = unapproved(day.geography, station, [r.approval for r in approvals])
    if missing:
        first = missing[0]
        raise EnrolmentError(
            EnrolmentRefusal.MODE_NOT_APPROVED,
            f"{first.mode} voting at {station} is not approved for contest {first.contest} "
            f"(constituency {first.constituency}) by the body competent for it",
        )
