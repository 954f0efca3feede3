"""What an enrolled ballot box receives (`services.devices` enrols it).

DESIGN.md §3 (enrol: a key pair per box and the definition hash); issue 3, "Device enrolment". A
box receives only what its station needs: its unit, and each contest it votes in cut down to its
own constituency and candidates, with the ballot it counts by, its staff, its voting mode and the
approvals of it, the withdrawals on its ballot, its polling windows and, for an electronic
station, the E2E context.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from sandogh.core.candidacy.calendar import Calendar, UnscheduledError, Window, polling_window
from sandogh.core.candidacy.withdrawal import Withdrawal
from sandogh.core.definition.model import Candidate, Contest, Name, ReportingUnit, VotingMode
from sandogh.core.report import BallotContest
from sandogh.core.report.staff import RegisteredStaff
from sandogh.core.supervision.modes import ModeApproval, encrypts, station_mode
from sandogh.services.days import Day
from sandogh.services.mode_ports import ApprovalRecord
from sandogh.services.polling_calendar import stored_calendar
from sandogh.services.ports import Device, UnitOfWork
from sandogh.services.recorded_decisions import recorded_withdrawals


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


def enrolment_of(
    work: UnitOfWork,
    day: Day,
    device: Device,
    *,
    created: bool,
    approvals: Sequence[ApprovalRecord],
) -> Enrolment:
    """What the box of `device`, enrolled for its station of `day`, receives; `created` says
    whether its enrolment is new, `approvals` are its station's as recorded
    (`mode_approvals.station_approvals`, which the enrolment checked)."""
    ballot = day.ballot(device.station)
    ceremony = work.e2e.ceremony(day.election.id)
    on_ballot = {item.contest for item in ballot}
    contests = tuple(
        _cut(contest, constituency, day.candidates_in(contest.id, constituency))
        for contest in day.election.contests
        if contest.id in on_ballot
        for constituency in (day.geography.constituency_map(contest.id)[device.station],)
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
        approvals=_covering(day, device.station, approvals),
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


def _covering(
    day: Day, station: str, approvals: Sequence[ApprovalRecord]
) -> tuple[ModeApproval, ...]:
    mode = station_mode(day.geography, station)
    return tuple(r.approval for r in approvals if r.approval.mode is mode)


def _cut(contest: Contest, constituency: str, candidates: tuple[Candidate, ...]) -> Contest:
    """`contest` with only `constituency`, its `candidates` and their party lists."""
    lists = {c.party_list for c in candidates}
    return dataclasses.replace(
        contest,
        constituencies=tuple(k for k in contest.constituencies if k.id == constituency),
        candidates=candidates,
        party_lists=tuple(p for p in contest.party_lists if p.id in lists),
    )
