"""The supervision repositories' contract — voids, certifications, violation cases, and the
course of incidents — on the in-memory fake, SQLite and PostgreSQL."""

from __future__ import annotations

import datetime
from dataclasses import replace

import pytest

from sandogh.core.access import Grant, Role
from sandogh.core.log import Checkpoint
from sandogh.core.supervision import (
    CandidateVoid,
    CaseCandidate,
    CaseKind,
    CaseStatus,
    Certification,
    ConstituencyVoid,
    Decision,
    StationVoid,
    Undoing,
    ViolationCase,
    Void,
)
from sandogh.services.ports import (
    Incident,
    IncidentKind,
    IncidentStatus,
    NumberedIncident,
    VoidRecord,
)

from .contract import ELECTION, REFUSED, NewUnitOfWork, store_election
from .elections_for_tests import station_code

AT = datetime.datetime(2024, 7, 6, 9, 30, tzinfo=datetime.UTC)
LATER = datetime.datetime(2024, 7, 7, 11, 0, tzinfo=datetime.UTC)
CASE = ViolationCase(
    election=ELECTION,
    kind=CaseKind.VOTE_BUYING,
    summary="خرید رأی در دو شعبه",
    place="IR-08-0801",
    opened_by="rezaei",
    opened_at=AT,
    stations=(station_code(1), station_code(2)),
    candidates=(CaseCandidate("president", "21"),),
)
CERTIFIED = Certification(
    ELECTION,
    "council",
    "IR-08-0801",
    "hoseini",
    Grant(Role.SUPERVISOR, "IR-08-0801"),
    AT,
    "sha256:" + "a" * 64,
    "شمارش بازبینی شد",
    "هیئت ۱۴۰۳/۷",
)
ENTRY = Checkpoint(7, "b" * 64)  # the log entry a decision names (the contract does not read it)


def test_voids_of_every_kind_come_back_numbered_in_order(new_unit_of_work: NewUnitOfWork) -> None:
    store_election(new_unit_of_work)
    store_election(new_unit_of_work, "kerman-1403-r1")
    with new_unit_of_work() as uow:
        case = uow.cases.add(CASE)
        uow.commit()
    voids: list[Void] = [
        StationVoid(station_code(3), None, Decision("no seal", "هیات ۱۲")),
        CandidateVoid(
            "president",
            "21",
            (station_code(1), station_code(2)),
            Decision("vote buying", "هیات ۱۳", case.id),
        ),
        ConstituencyVoid("council", "IR-08-0801", Decision("forged minutes", "هیات ۱۴")),
        StationVoid(station_code(2), "council", Decision("threats", "هیات ۱۵")),
    ]
    with new_unit_of_work() as uow:
        stored = [uow.voids.add(VoidRecord(ELECTION, v, "hoseini", AT)) for v in voids]
        uow.commit()
    numbers = [record.id for record in stored]
    assert numbers == sorted(numbers)
    assert len(set(numbers)) == 4
    with new_unit_of_work() as uow:
        assert uow.voids.all(ELECTION) == stored
        assert [r.void for r in uow.voids.all(ELECTION)] == voids
        assert uow.voids.all("kerman-1403-r1") == []
        uow.voids.name_entry(numbers[1], ENTRY)
        uow.commit()
    with new_unit_of_work() as uow:
        assert [r.logged for r in uow.voids.all(ELECTION)] == [None, ENTRY, None, None]
        with pytest.raises(REFUSED):
            uow.voids.name_entry(max(numbers) + 1, ENTRY)


def test_a_void_rolled_back_is_not_kept_and_must_name_a_stored_election(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    store_election(new_unit_of_work)
    void = StationVoid(station_code(1), None, Decision("no seal", "هیات ۱۲"))
    with new_unit_of_work() as uow:
        uow.voids.add(VoidRecord(ELECTION, void, "hoseini", AT))
    with new_unit_of_work() as uow:
        assert uow.voids.all(ELECTION) == []
    with new_unit_of_work() as uow, pytest.raises(REFUSED):
        uow.voids.add(VoidRecord("kerman-1403-r1", void, "hoseini", AT))


def test_a_certification_stays_in_force_until_undone(new_unit_of_work: NewUnitOfWork) -> None:
    store_election(new_unit_of_work)
    whole = replace(CERTIFIED, contest="president", constituency=None)
    undone = Undoing(whole, "tehrani", "supervisor", "IR", LATER, "شکایت نامزد", "هیئت ۱۴۰۳/۹")
    undo_entry = replace(ENTRY, sequence=9)
    with new_unit_of_work() as uow:
        uow.certifications.add(CERTIFIED, ENTRY)
        uow.certifications.add(whole, replace(ENTRY, sequence=8))
        assert uow.certifications.in_force(ELECTION) == [CERTIFIED, whole]
        records = uow.certifications.records(ELECTION)
        assert [(r.certification, r.logged, r.undone) for r in records] == [
            (CERTIFIED, ENTRY, None),
            (whole, replace(ENTRY, sequence=8), None),
        ]
        uow.commit()
    with new_unit_of_work() as uow:
        uow.certifications.undo(undone, undo_entry)  # rolled back: still in force
    with new_unit_of_work() as uow:
        assert uow.certifications.in_force(ELECTION) == [CERTIFIED, whole]
        uow.certifications.undo(undone, undo_entry)
        uow.commit()
    with new_unit_of_work() as uow:
        assert uow.certifications.in_force(ELECTION) == [CERTIFIED]
        with pytest.raises(REFUSED):
            uow.certifications.undo(undone, undo_entry)
        uow.certifications.add(whole, ENTRY)  # certified again after the undo
        uow.commit()
    with new_unit_of_work() as uow:
        assert uow.certifications.in_force(ELECTION) == [CERTIFIED, whole]
        # the undone one is kept, with who undid it, when, why and the entry that recorded it
        kept = [
            (r.certification, r.undone, r.undo_logged) for r in uow.certifications.records(ELECTION)
        ]
        assert kept == [
            (CERTIFIED, None, None),
            (whole, undone, undo_entry),
            (whole, None, None),
        ]
        assert uow.certifications.in_force("kerman-1403-r1") == []


def test_cases_are_numbered_and_change_in_place(new_unit_of_work: NewUnitOfWork) -> None:
    store_election(new_unit_of_work)
    with new_unit_of_work() as uow:
        first = uow.cases.add(CASE)
        second = uow.cases.add(replace(CASE, kind=CaseKind.OTHER, stations=(), candidates=()))
        uow.commit()
    assert first.id < second.id
    assert replace(first, id=0) == CASE
    moved = replace(first, status=CaseStatus.INVESTIGATING, note="شاهدان", reference="۱۴۰۳/۱۷")
    with new_unit_of_work() as uow:
        uow.cases.update(moved)
        uow.commit()
    with new_unit_of_work() as uow:
        assert uow.cases.get(first.id) == moved
        assert uow.cases.all(ELECTION) == [moved, second]
        assert uow.cases.get(second.id + 100) is None
        with pytest.raises(REFUSED):
            uow.cases.update(replace(moved, id=second.id + 100))


def test_a_case_must_be_filed_at_a_unit_of_its_election(new_unit_of_work: NewUnitOfWork) -> None:
    store_election(new_unit_of_work)
    with new_unit_of_work() as uow, pytest.raises(REFUSED):
        uow.cases.add(replace(CASE, election="kerman-1403-r1"))


def test_an_incident_is_numbered_and_follows_its_course(new_unit_of_work: NewUnitOfWork) -> None:
    store_election(new_unit_of_work)
    shortage = Incident(
        ELECTION, IncidentKind.PAPER_SHORTAGE, (station_code(2),), AT, {"left": "12"}
    )
    with new_unit_of_work() as uow:
        number = uow.incidents.add(shortage)
        uow.commit()
    assigned = replace(shortage, status=IncidentStatus.ASSIGNED, assignee="moradi")
    with new_unit_of_work() as uow:
        assert uow.incidents.get(number) == shortage
        assert shortage.status is IncidentStatus.OPEN
        uow.incidents.update(number, assigned)
        uow.commit()
    with new_unit_of_work() as uow:
        assert uow.incidents.numbered(ELECTION) == [NumberedIncident(number, assigned)]
        assert uow.incidents.all(ELECTION) == [assigned]
        assert uow.incidents.get(number + 1) is None
        with pytest.raises(REFUSED):
            uow.incidents.update(number + 1, assigned)
