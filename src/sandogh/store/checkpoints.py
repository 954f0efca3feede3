"""The event log's signed checkpoints in the store (`core.log.checkpoints`), in the order taken."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from sandogh.core.log import SignedCheckpoint
from sandogh.store.tables import LogCheckpointRow


class SqlCheckpointRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def add(self, checkpoint: SignedCheckpoint) -> None:
        row = {
            "sequence": checkpoint.sequence,
            "head": checkpoint.head,
            "time": checkpoint.time,
            "signature": checkpoint.signature.hex(),
        }
        self._connection.execute(insert(LogCheckpointRow), row)

    def last(self) -> SignedCheckpoint | None:
        query = select(LogCheckpointRow).order_by(LogCheckpointRow.id.desc()).limit(1)
        row = self._connection.execute(query).one_or_none()
        return None if row is None else _checkpoint(row)

    def all(self) -> list[SignedCheckpoint]:
        query = select(LogCheckpointRow).order_by(LogCheckpointRow.id)
        return [_checkpoint(row) for row in self._connection.execute(query)]


def _checkpoint(row: Any) -> SignedCheckpoint:
    return SignedCheckpoint(row.sequence, row.head, row.time, bytes.fromhex(row.signature))
