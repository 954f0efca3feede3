"""Engines for the two databases sandogh supports, with the connection settings it relies on.

SQLite: foreign keys are off unless asked for on every connection; WAL lets readers work while one
writer commits; a busy timeout makes a second writer wait instead of failing at once. Python's
sqlite3 module opens transactions late and not for SELECT, so SQLAlchemy's documented recipe is
used: the driver's own transaction handling is switched off and every transaction starts with an
explicit BEGIN, so a unit of work reads and writes in one transaction. A connection given the
execution option `IMMEDIATE` begins with BEGIN IMMEDIATE instead, taking the write lock before its
first read: in WAL a transaction that read and then writes fails at once (SQLITE_BUSY_SNAPSHOT, no
waiting) when another writer committed in between, while one that begins immediate waits its turn.
"""

from __future__ import annotations

import json
import sqlite3

from sqlalchemy import Engine, event
from sqlalchemy import create_engine as sa_create_engine
from sqlalchemy.engine import URL, Connection
from sqlalchemy.pool import ConnectionPoolEntry

from sandogh.store.url import parse_url

BUSY_TIMEOUT_MS = 30_000

#: The execution option that makes a SQLite connection's transactions begin immediate.
IMMEDIATE = "sandogh_sqlite_immediate"

# Compact separators: the votes column is the bulk of every tally sheet row.
encode_json = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode


def make_engine(url: str | URL, *, connections: int | None = None) -> Engine:
    """An engine for `url` (see `parse_url`); no connection is made until one is needed.

    `connections` is the most it keeps open at once, for as many concurrent units of work (a
    further one waits for a connection to come free); SQLAlchemy's default pool otherwise.
    """
    parsed = parse_url(url) if isinstance(url, str) else url
    pool = {} if connections is None else {"pool_size": connections, "max_overflow": 0}
    engine = sa_create_engine(parsed, json_serializer=encode_json, **pool)
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine, in_memory=parsed.database in (None, "", ":memory:"))
    return engine


def _configure_sqlite(engine: Engine, *, in_memory: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
        dbapi_connection.isolation_level = None
        dbapi_connection.execute("PRAGMA foreign_keys = ON")
        dbapi_connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if not in_memory:
            dbapi_connection.execute("PRAGMA journal_mode = WAL")

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        immediate = connection.get_execution_options().get(IMMEDIATE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
