"""Erasing for secrecy: what a transaction erases (an audit's confirmation codes, each a voter's
receipt; docs/audit.md §7) must not outlive it in the database's files.

SQLite marks a deleted or rewritten cell free and leaves its bytes in the page, and in WAL mode
the page images from before the erase stay in the write-ahead log until a checkpoint writes the
pages back and the log is reused. So the connection that erases turns `secure_delete` on (freed
bytes are overwritten with zeros) before its first erasing write, and once its transaction has
committed it checkpoints with TRUNCATE: the log's pages are copied into the database file and
the log is cut to nothing. The checkpoint waits, up to the busy timeout, for other connections'
readers and writers to move past the erase; one still reading an older snapshot then keeps the
old frames until the next checkpoint (docs/threat-model.md).

PostgreSQL keeps the erased row's old version as a dead tuple until VACUUM (which cannot run in a
transaction) reclaims it, and in its write-ahead log until the segment is recycled: nothing done
here, said in docs/audit.md §7 and docs/threat-model.md.
"""

from __future__ import annotations

import sqlite3
from typing import cast

from sqlalchemy.engine import Connection

from sandogh.store.engine import patient


class Erasure:
    """A unit of work's erasing, on its `connection`: `erasing()` before each write that erases,
    `committed()` after the commit, `ended()` when the unit of work ends however it ends."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._before: int | None = None  # the connection's `secure_delete` while erasing

    def erasing(self) -> None:
        if self._connection.dialect.name != "sqlite" or self._before is not None:
            return
        self._before = int(self._connection.exec_driver_sql("PRAGMA secure_delete").scalar_one())
        self._connection.exec_driver_sql("PRAGMA secure_delete = ON")

    def committed(self) -> None:
        if self._before is not None:
            # on the driver's connection, outside any transaction (a checkpoint cannot run in one),
            # waiting for the readers as long as any statement waits
            driver = self._driver()
            patient(driver)
            driver.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()

    def ended(self) -> None:
        """Give the pooled connection back with the `secure_delete` it had."""
        if self._before is not None:
            self._driver().execute(f"PRAGMA secure_delete = {self._before}")
            self._before = None

    def _driver(self) -> sqlite3.Connection:
        return cast("sqlite3.Connection", self._connection.connection.dbapi_connection)
