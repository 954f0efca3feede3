"""IncidentRepository's contract, on the in-memory fake, SQLite and PostgreSQL."""

from __future__ import annotations

import datetime

import pytest

from sandogh.services.ports import Incident, IncidentKind

from .contract import ELECTION, REFUSED, NewUnitOfWork, store_election
from .elections_for_tests import station_code

EVENING = datetime.datetime(2024, 7, 5, 21, 15, tzinfo=datetime.UTC)

DUPLICATE = Incident(
    ELECTION,
    IncidentKind.DUPLICATE_CHECK_IN,
    (station_code(2), station_code(1)),
    EVENING,
    {"voter_key": "5f" * 32, "first_at": "2024-07-05T10:02:00Z"},
)
CONFLICT = Incident(ELECTION, IncidentKind.CONFLICTING_REPORT, (station_code(3),), EVENING)


def test_incidents_come_back_in_the_order_raised(new_unit_of_work: NewUnitOfWork) -> None:
    store_election(new_unit_of_work)
    store_election(new_unit_of_work, "kerman-1403-r1")
    with new_unit_of_work() as uow:
        uow.incidents.add(DUPLICATE)
        uow.incidents.add(CONFLICT)
        assert uow.incidents.all(ELECTION) == [DUPLICATE, CONFLICT]
        uow.commit()
    with new_unit_of_work() as uow:
        uow.incidents.add(DUPLICATE)  # the same incident twice is two incidents
        uow.commit()
    with new_unit_of_work() as uow:
        assert uow.incidents.all(ELECTION) == [DUPLICATE, CONFLICT, DUPLICATE]
        assert uow.incidents.all("kerman-1403-r1") == []


def test_incidents_rolled_back_are_not_kept(new_unit_of_work: NewUnitOfWork) -> None:
    store_election(new_unit_of_work)
    with new_unit_of_work() as uow:
        uow.incidents.add(CONFLICT)
    with new_unit_of_work() as uow:
        assert uow.incidents.all(ELECTION) == []


def test_an_incident_must_name_a_stored_election(new_unit_of_work: NewUnitOfWork) -> None:
    with new_unit_of_work() as uow, pytest.raises(REFUSED):
        uow.incidents.add(CONFLICT)
