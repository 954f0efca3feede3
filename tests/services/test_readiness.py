"""The readiness use cases on the in-memory fake, SQLite and PostgreSQL: the hand-worked Kerman
case end to end, imports all or nothing, updates, rights and the event log."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable

import pytest

from sandogh.core.access import Grant, Role
from sandogh.core.fleet.build_signatures import BuildAction
from sandogh.core.log import Disposition, EventType
from sandogh.core.readiness import (
    IRAN_TIME,
    Gap,
    PaperStock,
    Register,
    RegisterError,
    Staffing,
    StaffRole,
    UpdateStatus,
)
from sandogh.formats.definition_file import canonical_bytes, definition_hash
from sandogh.services.acting import AccessDeniedError, Actor
from sandogh.services.elections import load_election
from sandogh.services.ports import Device, UnitOfWork
from sandogh.services.readiness import (
    export_registers,
    import_register,
    readiness,
    record_update,
)
from tests.services.build_signing import decided

from ..core.readiness.kerman import (
    BARDSIR,
    BARDSIR_STATIONS,
    ELECTION,
    ELECTION_DAY,
    FAILED_BOX,
    KERMAN,
    PROVINCE,
    STATIONS,
    key,
    registers,
)

NewUnitOfWork = Callable[[], UnitOfWork]
NOW = datetime.datetime(2024, 7, 4, 12, 0, tzinfo=IRAN_TIME)  # the day before the vote
PROVINCIAL = Actor("rahimi", Grant(Role.PROVINCIAL_HQ, PROVINCE))
BARDSIR_HQ = Actor("bardsiri", Grant(Role.COUNTY_HQ, BARDSIR))
KERMAN_HQ = Actor("kermani", Grant(Role.COUNTY_HQ, KERMAN))
AUDITOR = Actor("hesabi", Grant(Role.AUDITOR, PROVINCE))
COUNTRY = "IR"
NATIONAL = Actor("keshvari", Grant(Role.NATIONAL_HQ, COUNTRY))
APPROVED = "sha256:" + "a1" * 32
OTHER = "sha256:" + "b2" * 32


@pytest.fixture
def uow(new_unit_of_work: NewUnitOfWork) -> NewUnitOfWork:
    load_election(
        new_unit_of_work,
        ELECTION_DAY,
        definition_hash=definition_hash(ELECTION_DAY),
        canonical=canonical_bytes(ELECTION_DAY),
        now=NOW,
    )
    with new_unit_of_work() as work:
        for station in STATIONS:
            work.devices.add(Device(ELECTION, station, key(station), NOW))
        work.commit()
    ready = registers()
    for register in Register:
        import_register(
            new_unit_of_work, PROVINCIAL, ELECTION, register, ready.rows(register), now=NOW
        )
    # what the boxes' signed reports would have attested: the approved build, but one box
    decided(new_unit_of_work, NATIONAL, ELECTION, APPROVED, "۴.۲.۰", now=NOW)
    with new_unit_of_work() as work:
        for box in ready.fleet:
            assert box.public_key is not None
            build = OTHER if box.serial == FAILED_BOX else APPROVED
            work.fleet.attest(ELECTION, box.public_key, build, NOW)
        work.commit()
    return new_unit_of_work


def _events(uow: NewUnitOfWork) -> list[tuple[str, str, str]]:
    with uow() as work:
        return [(e.event.type, e.event.actor, e.event.place) for e in work.events.entries()]


def test_the_hand_worked_county_and_its_province(uow: NewUnitOfWork) -> None:
    bardsir = readiness(uow, BARDSIR_HQ, ELECTION, now=NOW)
    assert [(m.place, m.gap, m.subject) for m in bardsir.missing] == [
        (BARDSIR_STATIONS[0], Gap.PAPERS_NOT_RECEIVED, ""),
        (BARDSIR_STATIONS[1], Gap.UPDATE_FAILED, FAILED_BOX),
        (BARDSIR_STATIONS[1], Gap.PAPERS_SHORT, ""),
    ]
    province = readiness(uow, AUDITOR, ELECTION, PROVINCE, now=NOW)
    assert province.missing == bardsir.missing
    s = province.summary
    assert (s.stations, s.boxes, s.boxes_current, s.boxes_failed) == (5, 5, 4, 1)
    assert (s.stations_short_of_papers, s.boxes_not_enrolled, s.stations_late) == (2, 0, 0)
    assert [p.unit for p in province.parts] == [KERMAN, BARDSIR]


def test_on_the_day_stations_without_a_zero_report_are_late(uow: NewUnitOfWork) -> None:
    at_nine = datetime.datetime(2024, 7, 5, 9, 0, tzinfo=IRAN_TIME)
    found = readiness(uow, KERMAN_HQ, ELECTION, now=at_nine)
    assert found.summary.stations_late == 3
    assert {m.gap for m in found.missing} == {Gap.LATE_TO_OPEN}


def test_an_import_with_bad_rows_names_each_and_changes_nothing(uow: NewUnitOfWork) -> None:
    before = _events(uow)
    rows = [
        PaperStock(BARDSIR_STATIONS[0], 600, 600, 700),
        PaperStock(STATIONS[0], 600, 600, 0),  # a station of Kerman county, not Bardsir
    ]
    with pytest.raises(RegisterError) as refused:
        import_register(uow, BARDSIR_HQ, ELECTION, Register.PAPERS, rows, now=NOW)
    assert [p.path for p in refused.value.problems] == ["papers[0].used", "papers[1].station"]
    assert _events(uow) == before
    assert export_registers(uow, BARDSIR_HQ, ELECTION, now=NOW).papers == tuple(
        p for p in registers().papers if p.station in BARDSIR_STATIONS
    )


def test_an_import_replaces_the_units_rows_only(uow: NewUnitOfWork) -> None:
    fixed = [PaperStock(s, 600, 600, 0) for s in BARDSIR_STATIONS[:1]]
    done = import_register(uow, BARDSIR_HQ, ELECTION, Register.PAPERS, fixed, now=NOW)
    assert (done.unit, done.rows, done.replaced) == (BARDSIR, 1, 2)
    everything = export_registers(uow, PROVINCIAL, ELECTION, now=NOW)
    assert len(everything.papers) == 4
    assert [m.gap for m in readiness(uow, BARDSIR_HQ, ELECTION, now=NOW).missing] == [
        Gap.UPDATE_FAILED,
        Gap.NO_PAPERS,
    ]
    assert _events(uow)[-1] == (EventType.READINESS_IMPORTED, "bardsiri", BARDSIR)


def test_recording_an_update_replaces_one_row_and_is_logged(uow: NewUnitOfWork) -> None:
    box = next(b for b in registers().fleet if b.serial == FAILED_BOX)
    # typing a box «current» no longer makes it so: only the build it attests does
    typed = dataclasses.replace(box, update=UpdateStatus.CURRENT, software="4.2.1")
    was = record_update(uow, BARDSIR_HQ, ELECTION, typed, now=NOW)
    assert was is not None
    assert was.software == box.software
    staffing = Staffing(STATIONS[0], StaffRole.MEMBER, 3, 2)
    record_update(uow, KERMAN_HQ, ELECTION, staffing, now=NOW)
    province = readiness(uow, PROVINCIAL, ELECTION, now=NOW)
    assert province.summary.boxes_failed == 1
    assert province.summary.stations_short_of_staff == 1
    assert _events(uow)[-2:] == [
        (EventType.READINESS_UPDATED, "bardsiri", BARDSIR_STATIONS[1]),
        (EventType.READINESS_UPDATED, "kermani", STATIONS[0]),
    ]


def test_rights_by_role_and_place_and_each_refusal_is_logged(uow: NewUnitOfWork) -> None:
    box = registers().fleet[0]  # a box of Kerman county
    with pytest.raises(AccessDeniedError):
        record_update(uow, BARDSIR_HQ, ELECTION, dataclasses.replace(box, model="X"), now=NOW)
    with pytest.raises(AccessDeniedError):
        readiness(uow, BARDSIR_HQ, ELECTION, KERMAN, now=NOW)
    with pytest.raises(AccessDeniedError):
        import_register(uow, AUDITOR, ELECTION, Register.STAFF, [], now=NOW)
    with uow() as work:
        denied = [e.event for e in work.events.entries() if e.event.type is EventType.ACCESS_DENIED]
    assert [(e.actor, e.disposition) for e in denied] == [
        ("bardsiri", Disposition.DENIED),
        ("bardsiri", Disposition.DENIED),
        ("hesabi", Disposition.DENIED),
    ]


def test_last_seen_comes_from_the_register_when_no_report_was_received(
    uow: NewUnitOfWork,
) -> None:
    seen = datetime.datetime(2024, 7, 4, 9, 0, tzinfo=datetime.UTC)
    box = dataclasses.replace(registers().fleet[0], last_seen=seen)
    record_update(uow, KERMAN_HQ, ELECTION, box, now=NOW)
    fleet = export_registers(uow, KERMAN_HQ, ELECTION, now=NOW).fleet
    assert fleet[0].last_seen == seen


def test_a_boxs_update_follows_the_build_it_attests(uow: NewUnitOfWork) -> None:
    failed = next(b for b in registers().fleet if b.serial == FAILED_BOX)
    assert failed.public_key is not None

    def updates() -> dict[str, UpdateStatus]:
        return {
            b.serial: b.update for b in export_registers(uow, PROVINCIAL, ELECTION, now=NOW).fleet
        }

    assert updates()[FAILED_BOX] is UpdateStatus.FAILED
    with uow() as work:  # its next signed report names the approved build
        work.fleet.attest(ELECTION, failed.public_key, APPROVED, NOW)
        work.commit()
    assert set(updates().values()) == {UpdateStatus.CURRENT}
    decided(uow, NATIONAL, ELECTION, APPROVED, action=BuildAction.REVOKE, now=NOW)
    assert set(updates().values()) == {UpdateStatus.FAILED}
    assert _events(uow)[-1] == (EventType.BUILD_REVOKED, "keshvari", COUNTRY)
