"""Incidents in the store, numbered in the order they were raised, with their course."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from sandogh.services.ports import Incident, IncidentKind, IncidentStatus, NumberedIncident
from sandogh.store.errors import ConstraintError
from sandogh.store.integrity import translated
from sandogh.store.tables import IncidentRow


def _incident(row: Any) -> Incident:
    return Incident(
        row.election_id,
        IncidentKind(row.kind),
        tuple(row.stations),
        row.at,
        row.details,
        IncidentStatus(row.status),
        row.assignee,
        row.resolution,
    )


class SqlIncidentRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def add(self, incident: Incident) -> int:
        row = {
            "election_id": incident.election,
            "kind": incident.kind.value,
            "stations": list(incident.stations),
            "at": incident.at,
            "details": dict(incident.details),
            "status": incident.status.value,
            "assignee": incident.assignee,
            "resolution": incident.resolution,
        }
        with translated():
            number: int = self._connection.execute(
                insert(IncidentRow).values(row).returning(IncidentRow.id)
            ).scalar_one()
        return number

    def all(self, election_id: str) -> list[Incident]:
        return [numbered.incident for numbered in self.numbered(election_id)]

    def numbered(self, election_id: str) -> list[NumberedIncident]:
        query = (
            select(IncidentRow)
            .where(IncidentRow.election_id == election_id)
            .order_by(IncidentRow.id)
        )
        return [NumberedIncident(row.id, _incident(row)) for row in self._connection.execute(query)]

    def get(self, incident_id: int) -> Incident | None:
        query = select(IncidentRow).where(IncidentRow.id == incident_id)
        row = self._connection.execute(query).one_or_none()
        return None if row is None else _incident(row)

    def update(self, incident_id: int, incident: Incident) -> None:
        statement = (
            update(IncidentRow)
            .where(IncidentRow.id == incident_id)
            .values(
                status=incident.status.value,
                assignee=incident.assignee,
                resolution=incident.resolution,
            )
        )
        if self._connection.execute(statement).rowcount == 0:
            raise ConstraintError(f"no incident {incident_id} is stored")
