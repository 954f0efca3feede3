"""Incidents raised, assigned and resolved by headquarters and supervisors of their place; on the
in-memory fake, SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sandogh.core.access import Grant, Role
from sandogh.services.acting import AccessDeniedError, Actor
from sandogh.services.incidents import (
    IncidentError,
    UnknownIncidentError,
    assign_incident,
    list_incidents,
    open_incident,
    resolve_incident,
)
from sandogh.services.ports import Incident, IncidentKind, IncidentStatus, UnitOfWork

from .build import LATER, NOW, ROUND_2, ROUND_2_DAY, ST_1, ST_3, load

NewUnitOfWork = Callable[[], UnitOfWork]
COUNTY = Actor("moradi", Grant(Role.COUNTY_HQ, "IR-08-0801"))
SUPERVISOR = Actor("hoseini", Grant(Role.SUPERVISOR, "IR-08"))


@pytest.fixture
def uow(new_unit_of_work: NewUnitOfWork) -> NewUnitOfWork:
    load(new_unit_of_work, ROUND_2_DAY)
    return new_unit_of_work


def test_an_incident_is_raised_assigned_and_resolved(uow: NewUnitOfWork) -> None:
    raised = open_incident(
        uow,
        COUNTY,
        ROUND_2,
        kind=IncidentKind.PAPER_SHORTAGE,
        stations=[ST_1],
        details={"left": "12"},
        now=NOW,
    )
    assert raised.incident.status is IncidentStatus.OPEN
    with pytest.raises(IncidentError, match="assign it before resolving it"):
        resolve_incident(uow, SUPERVISOR, raised.id, "papers sent", now=NOW)
    assigned = assign_incident(uow, SUPERVISOR, raised.id, "karimi", now=NOW)
    assert (assigned.incident.status, assigned.incident.assignee) == (
        IncidentStatus.ASSIGNED,
        "karimi",
    )
    resolved = resolve_incident(uow, COUNTY, raised.id, "۵۰۰ تعرفه رسید", now=LATER)
    assert (resolved.incident.status, resolved.incident.resolution) == (
        IncidentStatus.RESOLVED,
        "۵۰۰ تعرفه رسید",
    )
    with pytest.raises(IncidentError, match="resolved already"):
        assign_incident(uow, SUPERVISOR, raised.id, "karimi", now=LATER)

    assert list_incidents(uow, SUPERVISOR, ROUND_2) == [resolved]
    assert list_incidents(uow, SUPERVISOR, ROUND_2, status=IncidentStatus.OPEN) == []
    assert list_incidents(uow, Actor("bami", Grant(Role.COUNTY_HQ, "IR-08-0802")), ROUND_2) == []
    with uow() as work:
        events = [e.event for e in work.events.entries()][-3:]
    assert [(e.type.value, e.actor, e.place) for e in events] == [
        ("incident-opened", "moradi", ST_1),
        ("incident-assigned", "hoseini", ST_1),
        ("incident-resolved", "moradi", ST_1),
    ]


def test_only_headquarters_and_supervisors_of_every_station_named_manage_it(
    uow: NewUnitOfWork,
) -> None:
    with uow() as work:
        number = work.incidents.add(
            Incident(
                ROUND_2, IncidentKind.DUPLICATE_CHECK_IN, (ST_1, ST_3), NOW, {"voter_key": "k"}
            )
        )
        work.commit()
    managing = (Role.ADMIN, Role.NATIONAL_HQ, Role.PROVINCIAL_HQ, Role.COUNTY_HQ, Role.SUPERVISOR)
    for role in Role:
        actor = Actor(f"op-{role}", Grant(role, "IR-08"))
        if role in managing:
            assign_incident(uow, actor, number, "karimi", now=NOW)
        else:
            with pytest.raises(AccessDeniedError):
                assign_incident(uow, actor, number, "karimi", now=NOW)
    with pytest.raises(AccessDeniedError, match=f"at {ST_3}"):
        assign_incident(uow, COUNTY, number, "karimi", now=NOW)  # ST_3 is in another county
    with pytest.raises(UnknownIncidentError):
        assign_incident(uow, SUPERVISOR, number + 9, "karimi", now=NOW)
    with uow() as work:
        denied = [e for e in work.events.entries() if e.event.type.value == "access-denied"]
    assert len(denied) == len(Role) - len(managing) + 1  # each other role, and the county


def test_an_incident_names_units_of_its_election(uow: NewUnitOfWork) -> None:
    with pytest.raises(IncidentError) as raised:
        open_incident(uow, COUNTY, ROUND_2, kind=IncidentKind.OFFLINE, stations=["ST-9"], now=NOW)
    assert [str(p) for p in raised.value.problems] == [
        "stations[0]: 'ST-9' is not a unit of election kerman-1403-r2"
    ]
    # A cyber event at a county office names the county.
    office = open_incident(
        uow, COUNTY, ROUND_2, kind=IncidentKind.CYBER_EVENT, stations=["IR-08-0801"], now=NOW
    )
    assert office.incident.stations == ("IR-08-0801",)
