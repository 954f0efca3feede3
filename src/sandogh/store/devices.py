"""Ballot boxes enrolled in the store: one row per (election, public key), revocable once.

Every check-in reads its box's row (`services.checkin`), so that read is built once.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Mapping
from typing import Any

from sqlalchemy import bindparam, func, insert, literal, select, update
from sqlalchemy.engine import Connection

from sandogh.services.ports import Device
from sandogh.store.errors import ConstraintError
from sandogh.store.integrity import translated
from sandogh.store.tables import DeviceRow

_TABLE = DeviceRow.__table__
_REVOKED_AT = _TABLE.c.revoked_at.type
_GET = select(_TABLE).where(
    _TABLE.c.election_id == bindparam("election_id"), _TABLE.c.public_key == bindparam("public_key")
)

# a group of check-ins reads its boxes' rows at once (`services.check_in_batches`)
_OF_KEYS = select(_TABLE).where(
    _TABLE.c.election_id == bindparam("election_id"),
    _TABLE.c.public_key.in_(bindparam("public_keys", expanding=True)),
)


def _device(row: Any) -> Device:
    return Device(row.election_id, row.station, row.public_key, row.enrolled_at, row.revoked_at)


class SqlDeviceRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def add(self, device: Device) -> None:
        row = {
            "election_id": device.election,
            "public_key": device.public_key,
            "station": device.station,
            "enrolled_at": device.enrolled_at,
            "revoked_at": device.revoked_at,
        }
        with translated():
            self._connection.execute(insert(DeviceRow), row)

    def get(self, election_id: str, public_key: str) -> Device | None:
        found = self._connection.execute(
            _GET, {"election_id": election_id, "public_key": public_key}
        )
        row = found.one_or_none()
        return None if row is None else _device(row)

    def of_keys(self, election_id: str, public_keys: Collection[str]) -> Mapping[str, Device]:
        found = self._connection.execute(
            _OF_KEYS, {"election_id": election_id, "public_keys": list(public_keys)}
        )
        return {row.public_key: _device(row) for row in found}

    def revoke(self, election_id: str, public_key: str, at: datetime.datetime) -> None:
        """Record the revocation; a device already revoked keeps its first revocation time."""
        statement = (
            update(DeviceRow)
            .where(DeviceRow.election_id == election_id, DeviceRow.public_key == public_key)
            # The literal takes the column's type, so that it is written in UTC like the rest.
            .values(revoked_at=func.coalesce(DeviceRow.revoked_at, literal(at, _REVOKED_AT)))
        )
        if self._connection.execute(statement).rowcount == 0:
            raise ConstraintError(f"no device {public_key!r} is enrolled for {election_id!r}")

    def of_station(self, election_id: str, station: str) -> list[Device]:
        query = (
            select(DeviceRow)
            .where(DeviceRow.election_id == election_id, DeviceRow.station == station)
            .order_by(DeviceRow.enrolled_at, DeviceRow.public_key)
        )
        return [_device(row) for row in self._connection.execute(query)]

    def of_election(self, election_id: str) -> list[Device]:
        query = (
            select(DeviceRow)
            .where(DeviceRow.election_id == election_id)
            .order_by(DeviceRow.station, DeviceRow.enrolled_at, DeviceRow.public_key)
        )
        return [_device(row) for row in self._connection.execute(query)]
