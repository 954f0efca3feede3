"""The station staff's registered keys in the store: one row per (election, public key)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from sandogh.core.report import PublicKey, StaffRole
from sandogh.core.report.staff import RegisteredStaff
from sandogh.store.integrity import translated
from sandogh.store.tables import StaffKeyRow

_ORDER = (StaffKeyRow.station, StaffKeyRow.role, StaffKeyRow.public_key)


def _staff(row: Any) -> RegisteredStaff:
    return RegisteredStaff(
        row.election_id,
        row.station,
        row.person,
        StaffRole(row.role),
        PublicKey.from_text(row.public_key),
    )


class SqlStaffRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def add(self, staff: RegisteredStaff) -> None:
        row = {
            "election_id": staff.election,
            "public_key": staff.key.text,
            "station": staff.station,
            "person": staff.person,
            "role": staff.role.value,
        }
        with translated():
            self._connection.execute(insert(StaffKeyRow), row)

    def find(self, election_id: str, key: PublicKey) -> RegisteredStaff | None:
        query = select(StaffKeyRow).where(
            StaffKeyRow.election_id == election_id, StaffKeyRow.public_key == key.text
        )
        row = self._connection.execute(query).one_or_none()
        return None if row is None else _staff(row)

    def of_station(self, election_id: str, station: str) -> list[RegisteredStaff]:
        query = (
            select(StaffKeyRow)
            .where(StaffKeyRow.election_id == election_id, StaffKeyRow.station == station)
            .order_by(*_ORDER)
        )
        return [_staff(row) for row in self._connection.execute(query)]

    def of_election(self, election_id: str) -> list[RegisteredStaff]:
        query = select(StaffKeyRow).where(StaffKeyRow.election_id == election_id).order_by(*_ORDER)
        return [_staff(row) for row in self._connection.execute(query)]
