"""Use cases over incidents: raise one, assign it, resolve it, list them.

Issue 4, item 4: incidents from stations — offline, device fault, duplicate check-ins, ballot paper
shortage, cyber event — with assignment and resolution; DESIGN.md §3: every duplicate check-in
becomes an incident for the supervisors. Report ingest and sync raise theirs themselves; here
headquarters and supervisors (MANAGE_INCIDENTS) raise the others and follow each one: open →
assigned (again, to hand it on) → resolved, with a note. Rights are asked at every unit the
incident names; each use case is one transaction and one event (`services.acting.guarded`).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace

from sandogh.core.access import Action, may
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.problems import DefinitionError, Problem
from sandogh.core.errors import SandoghError
from sandogh.core.log import EventType
from sandogh.services.acting import Actor, acted, common_place, election_day, guarded, require
from sandogh.services.days import day_of
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.services.ports import (
    Incident,
    IncidentKind,
    IncidentStatus,
    NumberedIncident,
    UnitOfWork,
)


class UnknownIncidentError(SandoghError):
    def __init__(self, incident_id: int) -> None:
        super().__init__(f"no incident {incident_id} is stored")
        self.said = ("incident-unknown", {"number": incident_id})


class IncidentError(DefinitionError):
    """An incident that cannot be raised or moved as asked; `problems` names each reason."""


def open_incident(
    uow: UnitOfWorkFactory,
    actor: Actor,
    election_id: str | None,
    *,
    kind: IncidentKind,
    stations: Iterable[str],
    details: Mapping[str, str] | None = None,
    now: datetime.datetime,
) -> NumberedIncident:
    """Raise an incident at the stations it names (or, for one at an office — a cyber event at a
    governorate — the unit it happened at)."""

    def use_case(work: UnitOfWork) -> NumberedIncident:
        day = election_day(work, election_id)
        geography, election = day.geography, day.election.id
        named = tuple(stations)
        problems = [
            Problem(f"stations[{i}]", f"{code!r} is not a unit of election {election}")
            for i, code in enumerate(named)
            if code not in geography
        ]
        if not named:
            problems.append(Problem("stations", "name the stations (or unit) concerned"))
        if problems:
            raise IncidentError(problems)
        require(geography, actor, Action.MANAGE_INCIDENTS, named, election)
        incident = Incident(election, kind, named, now, dict(details or {}))
        number = work.incidents.add(incident)
        work.events.record(
            acted(
                actor,
                now,
                EventType.INCIDENT_OPENED,
                common_place(geography, named),
                {
                    "election": election,
                    "incident": number,
                    "kind": kind.value,
                    "stations": list(named),
                    "details": dict(incident.details),
                },
            )
        )
        work.commit()
        return NumberedIncident(number, incident)

    return guarded(uow, actor, now, use_case)


def assign_incident(
    uow: UnitOfWorkFactory,
    actor: Actor,
    incident_id: int,
    assignee: str,
    *,
    now: datetime.datetime,
) -> NumberedIncident:
    """Give an open or assigned incident to `assignee` (an operator's username)."""
    return _move(
        uow,
        actor,
        incident_id,
        now,
        type_=EventType.INCIDENT_ASSIGNED,
        change=lambda incident: _assigned(incident, assignee),
    )


def resolve_incident(
    uow: UnitOfWorkFactory,
    actor: Actor,
    incident_id: int,
    resolution: str,
    *,
    now: datetime.datetime,
) -> NumberedIncident:
    """Close an assigned incident with a note of how it was resolved."""
    return _move(
        uow,
        actor,
        incident_id,
        now,
        type_=EventType.INCIDENT_RESOLVED,
        change=lambda incident: _resolved(incident, resolution),
    )


def list_incidents(
    uow: UnitOfWorkFactory,
    actor: Actor,
    election_id: str | None,
    *,
    status: IncidentStatus | None = None,
) -> list[NumberedIncident]:
    """The incidents at any place `actor` may read, in the order raised."""
    with uow() as work:
        day = election_day(work, election_id)
        return [
            numbered
            for numbered in work.incidents.numbered(day.election.id)
            if status in (None, numbered.incident.status)
            and any(
                may(day.geography, actor.grant, Action.READ, place)
                for place in _places(day.geography, numbered.incident)
            )
        ]


def _move(
    uow: UnitOfWorkFactory,
    actor: Actor,
    incident_id: int,
    now: datetime.datetime,
    *,
    type_: EventType,
    change: Callable[[Incident], Incident],
) -> NumberedIncident:

    def use_case(work: UnitOfWork) -> NumberedIncident:
        incident = work.incidents.get(incident_id)
        if incident is None:
            raise UnknownIncidentError(incident_id)
        geography = day_of(work, incident.election).geography
        places = _places(geography, incident)
        require(geography, actor, Action.MANAGE_INCIDENTS, places, incident.election)
        changed = change(incident)
        work.incidents.update(incident_id, changed)
        work.events.record(
            acted(
                actor,
                now,
                type_,
                common_place(geography, places),
                {
                    "election": incident.election,
                    "incident": incident_id,
                    "kind": incident.kind.value,
                    "status": changed.status.value,
                    "assignee": changed.assignee,
                    "resolution": changed.resolution,
                },
            )
        )
        work.commit()
        return NumberedIncident(incident_id, changed)

    return guarded(uow, actor, now, use_case)


def _assigned(incident: Incident, assignee: str) -> Incident:
    if incident.status is IncidentStatus.RESOLVED:
        raise IncidentError([Problem("status", "the incident is resolved already")])
    if not assignee.strip():
        raise IncidentError([Problem("assignee", "name the operator it is assigned to")])
    return replace(incident, status=IncidentStatus.ASSIGNED, assignee=assignee)


def _resolved(incident: Incident, resolution: str) -> Incident:
    problems = []
    if incident.status is not IncidentStatus.ASSIGNED:
        problems.append(
            Problem("status", f"the incident is {incident.status}: assign it before resolving it")
        )
    if not resolution.strip():
        problems.append(Problem("resolution", "say how it was resolved"))
    if problems:
        raise IncidentError(problems)
    return replace(incident, status=IncidentStatus.RESOLVED, resolution=resolution)


def _places(geography: Geography, incident: Incident) -> tuple[str, ...]:
    """The units the incident names that the election has; its root when it names none (a
    refused report may name a station its sender made up)."""
    known = tuple(code for code in incident.stations if code in geography)
    return known or (geography.top_down[0],)
