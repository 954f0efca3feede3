"""A station's preparation on the in-memory fake, SQLite and PostgreSQL: staff named, trained
and briefed; a hard-to-reach station's plan and its longer grace to report; the catalogue of
past problems carried from one election to the next; rights and the event log."""

from __future__ import annotations

import dataclasses
import datetime

import pytest

from sandogh.core.access import Grant, Role
from sandogh.core.log import EventType
from sandogh.core.readiness import (
    DayHours,
    Gap,
    Missing,
    RegisterError,
    RemotePlan,
    Session,
    SessionKind,
    StaffRole,
    Worker,
)
from sandogh.formats.definition_file import canonical_bytes, definition_hash
from sandogh.services.acting import AccessDeniedError, Actor
from sandogh.services.elections import load_election
from sandogh.services.ports import Device, StoredReport
from sandogh.services.preparation import (
    RoleFilledError,
    StaffAfterPollingError,
    assign_worker,
    note_past_problem,
    record_session,
    roster,
    set_plan,
)
from sandogh.services.readiness import readiness

from ..core.readiness.kerman import BARDSIR, DAY, ELECTION, ELECTION_DAY, KERMAN, PROVINCE, STATIONS
from .test_readiness import NOW, NewUnitOfWork

PROVINCIAL = Actor("rahimi", Grant(Role.PROVINCIAL_HQ, PROVINCE))
BARDSIR_HQ = Actor("bardsiri", Grant(Role.COUNTY_HQ, BARDSIR))
AUDITOR = Actor("hesabi", Grant(Role.AUDITOR, PROVINCE))
STATION, REMOTE = STATIONS[0], STATIONS[4]
NEXT = dataclasses.replace(ELECTION_DAY, id="kerman-1404", date=DAY.replace(year=2025))


@pytest.fixture
def uow(new_unit_of_work: NewUnitOfWork) -> NewUnitOfWork:
    for election in (ELECTION_DAY, NEXT):
        load_election(
            new_unit_of_work,
            election,
            definition_hash=definition_hash(election),
            canonical=canonical_bytes(election),
            now=NOW,
        )
    return new_unit_of_work


def _worker(person: str, role: StaffRole, station: str = STATION) -> Worker:
    return Worker(station, person, f"کارمند {person}", role)


def test_staff_are_named_trained_and_briefed_and_readiness_shows_who_is_untrained(
    uow: NewUnitOfWork,
) -> None:
    for person, role in (
        ("p1", StaffRole.HEAD),
        ("p2", StaffRole.SECRETARY),
        ("p3", StaffRole.GOVERNOR_REP),
    ):
        assert assign_worker(uow, PROVINCIAL, ELECTION, _worker(person, role), now=NOW) is None
    taught = Session(
        0, SessionKind.TRAINING, DAY.replace(day=1), "فرمانداری", "آموزش", ("p1", "p2")
    )
    briefed = dataclasses.replace(taught, kind=SessionKind.BRIEFING, attendees=("p3",))
    assert record_session(uow, PROVINCIAL, ELECTION, taught, now=NOW).number == 1
    assert record_session(uow, PROVINCIAL, ELECTION, briefed, now=NOW).number == 2
    found = readiness(uow, PROVINCIAL, ELECTION, KERMAN, now=NOW)
    assert Missing(STATION, Gap.UNTRAINED, "کارمند p3") in found.missing
    staff = {
        m.subject: m.figures
        for m in found.missing
        if m.place == STATION and m.gap is Gap.STAFF_SHORT
    }
    assert staff["governor-rep"] == (("trained", 0), ("needed", 1))
    assert "head" not in staff
    named = roster(uow, AUDITOR, ELECTION, KERMAN, now=NOW)
    assert [w.person for w in named.workers] == ["p3", "p1", "p2"]  # by role, then code
    assert [s.number for s in named.sessions] == [1, 2]
    moved = assign_worker(uow, PROVINCIAL, ELECTION, _worker("p3", StaffRole.MEMBER), now=NOW)
    assert moved == _worker("p3", StaffRole.GOVERNOR_REP)
    with uow() as work:
        kinds = [e.event.details.get("register") for e in work.events.entries()]
    assert kinds[-6:] == ["roster", "roster", "roster", "session", "session", "roster"]


def test_a_session_of_someone_not_on_the_roster_or_outside_ones_place_is_refused(
    uow: NewUnitOfWork,
) -> None:
    assign_worker(uow, PROVINCIAL, ELECTION, _worker("p1", StaffRole.HEAD), now=NOW)
    session = Session(0, SessionKind.TRAINING, DAY, "کرمان", "آموزش", ("p1", "ghost"))
    with pytest.raises(RegisterError, match=r"attendees\[1\]"):
        record_session(uow, PROVINCIAL, ELECTION, session, now=NOW)
    with pytest.raises(AccessDeniedError):
        record_session(
            uow, BARDSIR_HQ, ELECTION, dataclasses.replace(session, attendees=("p1",)), now=NOW
        )
    with pytest.raises(AccessDeniedError):
        assign_worker(uow, AUDITOR, ELECTION, _worker("p9", StaffRole.MEMBER), now=NOW)
    assert roster(uow, PROVINCIAL, ELECTION, now=NOW).sessions == ()


def test_a_hard_to_reach_stations_plan_gives_it_longer_to_report(uow: NewUnitOfWork) -> None:
    hours = DayHours.of(DAY)
    plan = RemotePlan(
        REMOTE, "بالگرد در آماده‌باش", True, datetime.timedelta(hours=8), DAY.replace(day=1), True
    )
    assert set_plan(uow, BARDSIR_HQ, ELECTION, plan, now=NOW) is None
    with uow() as work:
        for n, station in enumerate((STATIONS[3], REMOTE)):
            device = f"{n:064x}"
            work.devices.add(Device(ELECTION, station, device, NOW))
            zero = StoredReport(ELECTION, station, "zero", device, "00" * 32, b"{}", hours.opens)
            work.reports.add(zero)
        work.commit()
    four_after = hours.closes + datetime.timedelta(hours=4)
    found = readiness(uow, PROVINCIAL, ELECTION, BARDSIR, now=four_after)
    late = {m.place for m in found.missing if m.gap is Gap.LATE_TO_REPORT}
    assert late == {STATIONS[3]}
    assert found.plans == (plan,)
    assert found.hard_to_reach == (REMOTE,)


def test_the_catalogue_of_past_problems_carries_into_the_next_election(uow: NewUnitOfWork) -> None:
    noted = note_past_problem(
        uow,
        BARDSIR_HQ,
        ELECTION,
        REMOTE,
        happened_in=ELECTION,
        note="قطع ارتباط ماهواره‌ای",
        now=NOW,
    )
    assert noted.number == 1
    found = readiness(uow, PROVINCIAL, NEXT.id, BARDSIR, now=NOW)
    assert found.past == (noted,)
    with pytest.raises(RegisterError, match="not a polling station"):
        note_past_problem(
            uow, BARDSIR_HQ, ELECTION, BARDSIR, happened_in=ELECTION, note="x", now=NOW
        )
    with pytest.raises(AccessDeniedError):
        note_past_problem(
            uow, BARDSIR_HQ, ELECTION, STATION, happened_in=ELECTION, note="x", now=NOW
        )
    with uow() as work:
        assert list(work.events.entries())[-1].event.type == EventType.ACCESS_DENIED


def test_a_county_cannot_take_a_person_from_another_countys_station(uow: NewUnitOfWork) -> None:
    """The attack: Bardsir's operator names a trained Kerman head again, at a Bardsir station, to
    fill its complement with someone who will not be there; both stations must be theirs."""
    head = _worker("p1", StaffRole.HEAD)
    assign_worker(uow, PROVINCIAL, ELECTION, head, now=NOW)
    taken = dataclasses.replace(head, station=REMOTE)
    with pytest.raises(AccessDeniedError):
        assign_worker(uow, BARDSIR_HQ, ELECTION, taken, now=NOW)
    assert roster(uow, PROVINCIAL, ELECTION, now=NOW).workers == (head,)


def test_the_attack_one_head_per_station_and_none_named_after_the_day(
    uow: NewUnitOfWork,
) -> None:
    """Review S20 F8: the roster took a second head of a station, and staff after polling day.
    The rule `staff add` and an amendment ask (`core.report.staff.staff_conflict`) refuses the
    second head naming the first; the definition's polling date (no calendar stored) ends it."""
    assign_worker(uow, PROVINCIAL, ELECTION, _worker("p1", StaffRole.HEAD), now=NOW)
    with pytest.raises(RoleFilledError) as second:
        assign_worker(uow, PROVINCIAL, ELECTION, _worker("p2", StaffRole.HEAD), now=NOW)
    assert second.value.held == _worker("p1", StaffRole.HEAD)
    assert "«رئیس شعبه» خود را دارد: کارمند p1" in second.value.fa
    assign_worker(uow, PROVINCIAL, ELECTION, _worker("p1", StaffRole.HEAD), now=NOW)  # again
    assign_worker(uow, PROVINCIAL, ELECTION, _worker("p2", StaffRole.MEMBER), now=NOW)
    assign_worker(uow, PROVINCIAL, ELECTION, _worker("p3", StaffRole.MEMBER), now=NOW)  # several
    elsewhere = _worker("p2", StaffRole.HEAD, STATIONS[1])  # moved to head another station
    assert assign_worker(uow, PROVINCIAL, ELECTION, elsewhere, now=NOW) is not None
    after = datetime.datetime.combine(DAY + datetime.timedelta(days=1), datetime.time(), NOW.tzinfo)
    with pytest.raises(StaffAfterPollingError) as late:
        assign_worker(uow, PROVINCIAL, ELECTION, _worker("p4", StaffRole.MEMBER), now=after)
    assert late.value.polling_day == DAY
    assert "۱۵ تیر ۱۴۰۳" in late.value.fa
    assert [
        w.person
        for w in roster(uow, PROVINCIAL, ELECTION, now=NOW).workers
        if w.role is StaffRole.HEAD
    ] == ["p1", "p2"]
