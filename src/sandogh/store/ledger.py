"""The voted-ledger in the store: exactly once per voter per election day, decided by its key.

`add` is one INSERT … ON CONFLICT (election, voter key) DO NOTHING, which SQLite and PostgreSQL
both take: of any number of concurrent check-ins of one voter, the database lets one row in and
the others find it taken (on PostgreSQL a second insert waits for the first to commit or roll
back), and none of them raises. A row naming a station that is not a unit of the election is
still refused (`ConstraintError`).

A check-in's time is stored as the start of its hour of Iran's clock (`core.voters.ledger_time`),
whatever finer time it is given: the ledger must not order voters, and Tehran's whole hours must
be read from it exactly.

Check-ins per hour are grouped in the database, on the start of the hour as a clock `offset`
from UTC reads it (Tehran's hours begin at half past a UTC hour): SQLite keeps an instant as text
(`2024-07-05 08:30:00.000000`, written in UTC), which `strftime` shifts by the offset and cuts to
its hour; PostgreSQL truncates the instant read in UTC and shifted. The offset is written into the
statement as a whole number of minutes, so that GROUP BY repeats the very expression selected.

The statements are built once per dialect, not per unit of work: a check-in is one of thousands a
second, and building the INSERT cost it more than running it.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from sqlalchemy import Select, and_, bindparam, func, literal_column, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.sql import Executable

from sandogh.core.voters.ledger_time import check_in_hour
from sandogh.services.ports import LedgerEntry
from sandogh.store.integrity import translated
from sandogh.store.tables import ElectionRow, LedgerRow

_TABLE = LedgerRow.__table__
_KEY = [_TABLE.c.election_id, _TABLE.c.voter_key]
# SQLAlchemy keeps an INSERT's row count only when asked to.
_INSERTS: dict[str, Executable] = {
    "postgresql": postgresql.insert(LedgerRow)
    .on_conflict_do_nothing(index_elements=_KEY)
    .execution_options(preserve_rowcount=True),
    "sqlite": sqlite.insert(LedgerRow)
    .on_conflict_do_nothing(index_elements=_KEY)
    .execution_options(preserve_rowcount=True),
}
# a group's rows in one statement, each one the database let in named (`add_many`)
_INSERTS_RETURNING: dict[str, Executable] = {
    "postgresql": postgresql.insert(LedgerRow)
    .on_conflict_do_nothing(index_elements=_KEY)
    .returning(_TABLE.c.election_id, _TABLE.c.voter_key),
    "sqlite": sqlite.insert(LedgerRow)
    .on_conflict_do_nothing(index_elements=_KEY)
    .returning(_TABLE.c.election_id, _TABLE.c.voter_key),
}
_FIND = select(_TABLE).where(
    _TABLE.c.election_id == bindparam("election_id"), _TABLE.c.voter_key == bindparam("voter_key")
)
# a station's check-ins, counted at each check-in (`services.check_in_bounds`)
_COUNT_AT = (
    select(func.count())
    .select_from(_TABLE)
    .where(
        _TABLE.c.election_id == bindparam("election_id"), _TABLE.c.station == bindparam("station")
    )
)
# the check-ins so far of a group's stations, read with every group (`services.check_in_batches`)
_COUNTS_OF_STATIONS = (
    select(_TABLE.c.station, func.count())
    .where(
        _TABLE.c.election_id == bindparam("election_id"),
        _TABLE.c.station.in_(bindparam("stations", expanding=True)),
    )
    .group_by(_TABLE.c.station)
)
# the election's row, and beside it the voter's if there is one: both answers in one read
_FIND_HELD = (
    select(ElectionRow.id.label("stored"), _TABLE)
    .select_from(
        ElectionRow.__table__.outerjoin(
            _TABLE,
            and_(
                _TABLE.c.election_id == ElectionRow.id,
                _TABLE.c.voter_key == bindparam("voter_key"),
            ),
        )
    )
    .where(ElectionRow.id == bindparam("election_id"))
)


def _entry(row: Any) -> LedgerEntry:
    return LedgerEntry(
        row.election_id,
        row.voter_key,
        row.station,
        row.at,
        row.constituencies,
        row.provisional,
        row.offline_tag,
    )


def _row(entry: LedgerEntry) -> dict[str, Any]:
    return {
        "election_id": entry.election,
        "voter_key": entry.voter_key,
        "station": entry.station,
        "at": check_in_hour(entry.at),
        "constituencies": dict(entry.constituencies),
        "provisional": entry.provisional,
        "offline_tag": entry.offline_tag,
    }


class SqlLedgerRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._insert = _INSERTS[connection.dialect.name]

    def add(self, entry: LedgerEntry) -> bool:
        with translated():
            return self._connection.execute(self._insert, _row(entry)).rowcount == 1

    def add_many(self, entries: Sequence[LedgerEntry]) -> set[tuple[str, str]]:
        if not entries:
            return set()
        statement = _INSERTS_RETURNING[self._connection.dialect.name]
        with translated():
            found = self._connection.execute(statement, [_row(entry) for entry in entries])
            return {(election, key) for election, key in found}

    def find(self, election_id: str, voter_key: str) -> LedgerEntry | None:
        found = self._connection.execute(
            _FIND, {"election_id": election_id, "voter_key": voter_key}
        )
        row = found.one_or_none()
        return None if row is None else _entry(row)

    def find_held(self, election_id: str, voter_key: str) -> tuple[bool, LedgerEntry | None]:
        found = self._connection.execute(
            _FIND_HELD, {"election_id": election_id, "voter_key": voter_key}
        )
        row = found.one_or_none()
        if row is None:
            return False, None
        return True, None if row.voter_key is None else _entry(row)

    def count(self, election_id: str, station: str | None = None) -> int:
        if station is None:
            query = (
                select(func.count()).select_from(_TABLE).where(_TABLE.c.election_id == election_id)
            )
            return self._connection.execute(query).scalar_one()
        found = self._connection.execute(
            _COUNT_AT, {"election_id": election_id, "station": station}
        )
        return found.scalar_one()

    def counts_by_station(
        self, election_id: str, stations: Collection[str] | None = None
    ) -> Mapping[str, int]:
        if stations is not None:  # built once: building it cost a group more than running it
            found = self._connection.execute(
                _COUNTS_OF_STATIONS, {"election_id": election_id, "stations": list(stations)}
            )
            return dict(found.all())
        query = _within(select(_TABLE.c.station, func.count()), election_id, None)
        return dict(self._connection.execute(query.group_by(_TABLE.c.station)).all())

    def counts_by_hour(
        self,
        election_id: str,
        stations: Collection[str] | None = None,
        offset: datetime.timedelta = datetime.timedelta(0),
    ) -> Mapping[datetime.datetime, int]:
        minutes = int(offset.total_seconds()) // 60
        hour = _hours(self._connection.dialect.name, minutes).label("hour")
        query = _within(select(hour, func.count()), election_id, stations)
        found = self._connection.execute(query.group_by(hour))
        return {_hour(start) - offset: count for start, count in found}

    def counts_by_contest(self, election_id: str, station: str) -> Mapping[str, int]:
        # A station's few thousand rows, once per final report: counted here rather than in
        # each dialect's own JSON functions.
        found = self._connection.execute(
            select(_TABLE.c.constituencies).where(
                _TABLE.c.election_id == election_id, _TABLE.c.station == station
            )
        )
        return Counter(contest for (given,) in found for contest in given)


def _within(query: Select[Any], election_id: str, stations: Collection[str] | None) -> Select[Any]:
    query = query.select_from(_TABLE).where(_TABLE.c.election_id == election_id)
    return query if stations is None else query.where(_TABLE.c.station.in_(stations))


def _hours(dialect: str, minutes: int) -> Any:
    """The start of an instant's hour on a clock `minutes` ahead of UTC, as that clock reads it."""
    if dialect == "sqlite":
        return func.strftime("%Y-%m-%d %H", _TABLE.c.at, literal_column(f"'{minutes:+d} minutes'"))
    shifted = func.timezone("UTC", _TABLE.c.at) + literal_column(f"interval '{minutes} minutes'")
    return func.date_trunc("hour", shifted)


def _hour(start: str | datetime.datetime) -> datetime.datetime:
    if isinstance(start, str):
        return datetime.datetime.strptime(start, "%Y-%m-%d %H").replace(tzinfo=datetime.UTC)
    return start.replace(tzinfo=datetime.UTC)
