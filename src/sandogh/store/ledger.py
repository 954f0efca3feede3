"""The voted-ledger in the store: exactly once per voter per election day, decided by its key.

`add` is one INSERT … ON CONFLICT (election, voter key) DO NOTHING, which SQLite and PostgreSQL
both take: of any number of concurrent check-ins of one voter, the database lets one row in and
the others find it taken (on PostgreSQL a second insert waits for the first to commit or roll
back), and none of them raises. A row naming a station that is not a unit of the election is
still refused (`ConstraintError`).
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from sandogh.services.ports import LedgerEntry
from sandogh.store.integrity import translated
from sandogh.store.tables import LedgerRow

_TABLE = LedgerRow.__table__
_KEY = [_TABLE.c.election_id, _TABLE.c.voter_key]


class SqlLedgerRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
        # SQLAlchemy keeps an INSERT's row count only when asked to.
        self._insert = (
            dialect.insert(_TABLE)
            .on_conflict_do_nothing(index_elements=_KEY)
            .execution_options(preserve_rowcount=True)
        )

    def add(self, entry: LedgerEntry) -> bool:
        row = {
            "election_id": entry.election,
            "voter_key": entry.voter_key,
            "station": entry.station,
            "at": entry.at,
            "constituencies": dict(entry.constituencies),
            "provisional": entry.provisional,
        }
        with translated():
            return self._connection.execute(self._insert, row).rowcount == 1

    def find(self, election_id: str, voter_key: str) -> LedgerEntry | None:
        query = select(LedgerRow).where(
            LedgerRow.election_id == election_id, LedgerRow.voter_key == voter_key
        )
        row = self._connection.execute(query).one_or_none()
        if row is None:
            return None
        return LedgerEntry(
            row.election_id, row.voter_key, row.station, row.at, row.constituencies, row.provisional
        )

    def count(self, election_id: str, station: str | None = None) -> int:
        query = select(func.count()).select_from(_TABLE).where(_TABLE.c.election_id == election_id)
        if station is not None:
            query = query.where(_TABLE.c.station == station)
        return self._connection.execute(query).scalar_one()
