"""One database transaction per use case, behind the `UnitOfWork` port (DESIGN.md §6)."""

from __future__ import annotations

import datetime
from types import TracebackType
from typing import Self

from sqlalchemy import Engine
from sqlalchemy.engine import Connection

from sandogh.services.ports import ElectionRepository, TallyRepository
from sandogh.store.elections import SqlElectionRepository
from sandogh.store.tallies import SqlTallyRepository


class SqlUnitOfWork:
    """A transaction on `engine`: `commit()` stores what was written; leaving the `with` block
    without it, or through an exception, rolls everything back.

    `now` is the moment the caller's use case runs at (timezone-aware); rows that record when they
    were written (an election's `loaded_at`) take it, so the store never reads a clock itself.
    """

    elections: ElectionRepository
    tallies: TallyRepository

    def __init__(self, engine: Engine, *, now: datetime.datetime) -> None:
        if now.tzinfo is None or now.utcoffset() is None:
            raise ValueError("a unit of work's time must be timezone-aware")
        self._engine = engine
        self._now = now
        self._connection: Connection | None = None

    def __enter__(self) -> Self:
        if self._connection is not None:
            raise RuntimeError("this unit of work is already open")
        connection = self._engine.connect()
        connection.begin()
        self._connection = connection
        self.elections = SqlElectionRepository(connection, now=self._now)
        self.tallies = SqlTallyRepository(connection)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            try:
                connection.rollback()
            finally:
                connection.close()

    def commit(self) -> None:
        if self._connection is None:
            raise RuntimeError("commit() outside the unit of work's `with` block")
        self._connection.commit()
        # Begin at once rather than on the next statement: COPY runs on the driver connection,
        # where SQLAlchemy would not see a transaction start and would then not commit it.
        self._connection.begin()
