"""Incidents in the store, in the order they were raised."""

from __future__ import annotations

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from sandogh.services.ports import Incident, IncidentKind
from sandogh.store.integrity import translated
from sandogh.store.tables import IncidentRow


class SqlIncidentRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def add(self, incident: Incident) -> None:
        row = {
            "election_id": incident.election,
            "kind": incident.kind.value,
            "stations": list(incident.stations),
            "at": incident.at,
            "details": dict(incident.details),
        }
        with translated():
            self._connection.execute(insert(IncidentRow), row)

    def all(self, election_id: str) -> list[Incident]:
        query = (
            select(IncidentRow)
            .where(IncidentRow.election_id == election_id)
            .order_by(IncidentRow.id)
        )
        return [
            Incident(
                row.election_id, IncidentKind(row.kind), tuple(row.stations), row.at, row.details
            )
            for row in self._connection.execute(query)
        ]
