"""Engines for the two databases sandogh supports, with the connection settings it relies on.

SQLite: foreign keys are off unless asked for on every connection; WAL lets readers work while one
writer commits; a busy timeout makes a second writer wait instead of failing at once. Python's
sqlite3 module opens transactions late and not for SELECT, so SQLAlchemy's documented recipe is
used: the driver's own transaction handling is switched off and every transaction starts with an
explicit BEGIN, so a unit of work reads and writes in one transaction. A connection given the
execution option `IMMEDIATE` begins with BEGIN IMMEDIATE instead, taking the write lock before its
first read: in WAL a transaction that read and then writes fails at once (SQLITE_BUSY_SNAPSHOT, no
waiting) when another writer committed in between, while one that begins immediate waits its turn.

SQLite's busy handler waits by sleeping and trying again, longer each time (up to 100 ms a
sleep), so under load a writer can sleep long after the lock came free: a check-in's latency went
to seconds. So the immediate transactions of one engine also queue on a lock of the process,
taken before BEGIN IMMEDIATE and given back once the transaction has committed or rolled back:
threads of one server process wait in line and wake the moment it is their turn. Between
processes (`sandogh serve --workers`, the command line) BEGIN IMMEDIATE is tried again from
Python, its busy handler off, after pauses of at most `MAX_PAUSE_SECONDS` (issue 14: SQLite's
sleeps made the p99 of two workers' check-ins 358 ms), for as long as the busy timeout. The
database's own lock stays the one that decides. The busy handler is switched off for that and on
again only when a connection next needs it (`patient`), not around each BEGIN IMMEDIATE (two
statements a group of check-ins): in WAL, a transaction that began immediate holds the write lock
and its snapshot, and nothing in it waits on another connection (a commit's checkpoint is passive).
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Engine, event
from sqlalchemy import create_engine as sa_create_engine
from sqlalchemy.engine import URL, Connection
from sqlalchemy.pool import ConnectionPoolEntry

from sandogh.store.url import parse_url

BUSY_TIMEOUT_MS = 30_000
#: BEGIN IMMEDIATE while another process writes is tried again after this, doubled each time up
#: to `MAX_PAUSE_SECONDS`: a writer starts within about a millisecond of the lock coming free
#: (a group of check-ins holds it for a few), and a try costs a few microseconds.
FIRST_PAUSE_SECONDS = 0.0001
MAX_PAUSE_SECONDS = 0.001

#: The execution option that makes a SQLite connection's transactions begin immediate.
IMMEDIATE = "sandogh_sqlite_immediate"

# Compact separators: the votes column is the bulk of every tally sheet row.
encode_json = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode


class _QueuedWriter(sqlite3.Connection):
    """A sqlite3 connection that holds its engine's writer lock from BEGIN IMMEDIATE until its
    transaction ends, however it ends (commit, rollback, close)."""

    writers: threading.Lock
    _holding = False
    #: the connection's busy timeout as last set, so that it is set only when it changes
    busy_ms = BUSY_TIMEOUT_MS
    #: whether the database is in WAL mode, where an immediate transaction needs no busy handler
    wal = False

    def queue(self) -> None:
        """Wait for this process's turn to write, as long as SQLite's busy timeout."""
        if not self.writers.acquire(timeout=BUSY_TIMEOUT_MS / 1000):
            raise sqlite3.OperationalError("database is locked (a writer of this process)")
        self._holding = True

    def leave(self) -> None:
        if self._holding:
            self._holding = False
            self.writers.release()

    def commit(self) -> None:
        try:
            super().commit()
        finally:
            self.leave()

    def rollback(self) -> None:
        try:
            super().rollback()
        finally:
            self.leave()

    def close(self) -> None:
        try:
            super().close()
        finally:
            self.leave()


def make_engine(url: str | URL, *, connections: int | None = None) -> Engine:
    """An engine for `url` (see `parse_url`); no connection is made until one is needed.

    `connections` is the most it keeps open at once, for as many concurrent units of work (a
    further one waits for a connection to come free); SQLAlchemy's default pool otherwise.
    """
    parsed = parse_url(url) if isinstance(url, str) else url
    options: dict[str, Any] = (
        {} if connections is None else {"pool_size": connections, "max_overflow": 0}
    )
    sqlite_url = parsed.get_backend_name() == "sqlite"
    if sqlite_url:
        options["connect_args"] = {"factory": _QueuedWriter}
    in_memory = parsed.database in (None, "", ":memory:")
    if sqlite_url and not in_memory and parsed.database is not None:
        _private_file(Path(parsed.database))
    engine = sa_create_engine(parsed, json_serializer=encode_json, **options)
    if sqlite_url:
        _configure_sqlite(engine, in_memory=in_memory)
    return engine


def _private_file(path: Path) -> None:
    """Create a new database file readable by its owner alone (0600): it holds password hashes
    and the voted-ledger, and SQLite gives its WAL and shared-memory files the same mode."""
    if path.exists() or not path.parent.is_dir():
        return  # an existing file keeps its mode; a missing folder is SQLite's to report
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def _configure_sqlite(engine: Engine, *, in_memory: bool) -> None:
    writers = threading.Lock()

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: _QueuedWriter, _record: ConnectionPoolEntry) -> None:
        dbapi_connection.writers = writers
        dbapi_connection.isolation_level = None
        dbapi_connection.execute("PRAGMA foreign_keys = ON")
        dbapi_connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if not in_memory:
            (mode,) = dbapi_connection.execute("PRAGMA journal_mode = WAL").fetchone()
            dbapi_connection.wal = mode == "wal"

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # every connection of this engine is one (`make_engine`'s factory)
        writer = cast("_QueuedWriter", connection.connection.dbapi_connection)
        if not connection.get_execution_options().get(IMMEDIATE, False):
            patient(writer)
            connection.exec_driver_sql("BEGIN")
            return
        writer.queue()
        try:
            _begin_immediate(connection, writer)
        except BaseException:
            writer.leave()
            raise


def patient(connection: sqlite3.Connection) -> None:
    """Give `connection`, a connection of an engine of `make_engine`, its busy timeout again
    if BEGIN IMMEDIATE left it off: before anything that may wait on another connection (a
    deferred transaction, a checkpoint outside one)."""
    writer = cast("_QueuedWriter", connection)
    if writer.busy_ms != BUSY_TIMEOUT_MS:
        writer.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        writer.busy_ms = BUSY_TIMEOUT_MS


def _begin_immediate(connection: Connection, writer: _QueuedWriter) -> None:
    """BEGIN IMMEDIATE on `writer` (`connection`'s own), tried again after short pauses while
    another process holds the database's write lock, for as long as the busy timeout; the last
    try goes through `connection`, so that a database still busy fails as SQLAlchemy says it.
    The busy handler stays off after it in WAL (see the module's text), else is given back."""
    if writer.busy_ms != 0:
        writer.execute("PRAGMA busy_timeout = 0")
        writer.busy_ms = 0
    try:
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        pause = FIRST_PAUSE_SECONDS
        while time.monotonic() < deadline:
            try:
                writer.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as error:
                if error.sqlite_errorcode != sqlite3.SQLITE_BUSY:
                    break  # said by the last try
            time.sleep(pause)
            pause = min(2 * pause, MAX_PAUSE_SECONDS)
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    finally:
        if not writer.wal:
            patient(writer)
