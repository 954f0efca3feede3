"""Enrolling a ballot box for its station, and revoking it.

DESIGN.md §3 (enrol: a key pair per box and the definition hash) and §6 (a box holds an Ed25519
key registered at enrolment; a report from an unknown or revoked device is refused); issue 3,
"Device enrolment". A box receives only what its station needs: its unit, and each contest it votes
in cut down to its own constituency and candidates, with the ballot it counts by.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from sandogh.core.candidacy.calendar import Calendar, UnscheduledError, Window, polling_window
from sandogh.core.candidacy.withdrawal import Withdrawal
from sandogh.core.definition.model import Contest, Name, ReportingUnit, VotingMode
from sandogh.core.errors import SandoghError
from sandogh.core.fleet import build_refusal
from sandogh.core.log import Disposition, Event, EventType
from sandogh.core.report import BallotContest, PublicKey
from sandogh.core.report.staff import RegisteredStaff
from sandogh.core.supervision.modes import ModeApproval, encrypts, station_mode
from sandogh.services.days import CodesNotDrawnError, Day, day_of, require_drawn
from sandogh.services.elections import SYSTEM, UnitOfWorkFactory
from sandogh.services.errors import ElectionNotFoundError
from sandogh.services.fleet import link_enrolled
from sandogh.services.mode_approvals import unapproved_at
from sandogh.services.polling_calendar import stored_calendar
from sandogh.services.ports import Device, UnitOfWork
from sandogh.services.recorded_decisions import recorded_withdrawals

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


@dataclass(frozen=True)
class Enrolment:
    """What an enrolled box receives: the device as stored, the day, the definition hash, its
    station's unit, each of its contests with only its constituency and candidates, and its
    ballot (`core.report.station_ballot`), which its zero and final reports count by."""

    device: Device
    election: str
    name: Name
    date: datetime.date
    definition_hash: str
    unit: ReportingUnit
    contests: tuple[Contest, ...]
    ballot: tuple[BallotContest, ...]
    staff: tuple[RegisteredStaff, ...]  # the station's staff who sign its reports
    created: bool  # False: this key was already enrolled for this station, nothing changed
    # the E2E context, (K, HE) in hex, once the election's ceremony record is loaded
    # (`services.e2e_ceremony`), for an electronic station's box only (`modes.encrypts`): the
    # box then encrypts every ballot (docs/e2e.md §7); a semi-electronic one's are on paper
    e2e: tuple[str, str] | None = None
    # the station's voting mode, and the approvals of it that cover the station (one a contest)
    mode: VotingMode = VotingMode.PAPER
    approvals: tuple[ModeApproval, ...] = ()
    # the station's candidates who withdrew (issue 12): after printing they stay on its ballot,
    # marked; before printing they are left off the printed papers, and marked the same here
    withdrawn: tuple[Withdrawal, ...] = ()
    # the polling window of each contest of its ballot the stored calendar schedules, closing at
    # the latest hour (issue 12): the box opens on no other day (`station.polling_days`)
    polling: tuple[tuple[str, Window], ...] = ()


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
    _require_approved(work, day, station)
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
        return _enrolment(work, day, held, created=False)
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
    return _enrolment(work, day, device, created=True)


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


def _require_approved(work: UnitOfWork, day: Day, station: str) -> None:
    """Refuse a box for a station whose mode no approval covers (`services.mode_approvals`).
    An approval is never withdrawn, so a box enrolled once stays approved, and the centre takes
    reports only from enrolled boxes: this one check covers the reports too."""
    missing = unapproved_at(work, day, station)
    if missing:
        first = missing[0]
        raise EnrolmentError(
            EnrolmentRefusal.MODE_NOT_APPROVED,
            f"{first.mode} voting at {station} is not approved for contest {first.contest} "
            f"(constituency {first.constituency}) by the body competent for it",
        )


def _enrolment(work: UnitOfWork, day: Day, device: Device, *, created: bool) -> Enrolment:
    ballot = day.ballot(device.station)
    ceremony = work.e2e.ceremony(day.election.id)
    on_ballot = {item.contest for item in ballot}
    contests = tuple(
        _cut(contest, day.geography.constituency_map(contest.id)[device.station])
        for contest in day.election.contests
        if contest.id in on_ballot
    )
    return Enrolment(
        device=device,
        election=day.election.id,
        name=day.election.name,
        date=day.election.date,
        definition_hash=day.definition_hash,
        unit=day.geography.unit(device.station),
        contests=contests,
        ballot=ballot,
        staff=tuple(work.staff.of_station(day.election.id, device.station)),
        created=created,
        e2e=(
            None
            if ceremony is None or not encrypts(day.geography, device.station)
            else (ceremony.joint_key, ceremony.extended_hash)
        ),
        mode=station_mode(day.geography, device.station),
        approvals=_covering(work, day, device.station),
        withdrawn=tuple(
            w
            for w in recorded_withdrawals(work, day.election.id)
            if any(
                w.contest == c.id and w.candidate in {k.code for k in c.candidates}
                for c in contests
            )
        ),
        polling=_polling(stored_calendar(work, day.election.id), ballot),
    )


def _polling(
    calendar: Calendar | None, ballot: tuple[BallotContest, ...]
) -> tuple[tuple[str, Window], ...]:
    """The polling window of each contest of `ballot` that `calendar` schedules."""
    if calendar is None:
        return ()
    days = []
    for item in ballot:
        try:
            window = polling_window(calendar.of(item.contest))
        except UnscheduledError:  # a contest the calendar leaves out keeps the usual hours
            continue
        if window is not None:
            days.append((item.contest, window))
    return tuple(days)


def _covering(work: UnitOfWork, day: Day, station: str) -> tuple[ModeApproval, ...]:
    mode = station_mode(day.geography, station)
    return tuple(
        r.approval
        for r in work.mode_approvals.of_election(day.election.id)
        if r.approval.mode is mode
        and day.geography.constituency_of(r.approval.contest, station) == r.approval.constituency
    )


def _cut(contest: Contest, constituency: str) -> Contest:
    """`contest` with only `constituency`, its candidates and their party lists."""
    candidates = tuple(c for c in contest.candidates if c.constituency == constituency)
    lists = {c.party_list for c in candidates}
    return dataclasses.replace(
        contest,
        constituencies=tuple(k for k in contest.constituencies if k.id == constituency),
        candidates=candidates,
        party_lists=tuple(p for p in contest.party_lists if p.id in lists),
    )
