"""The confirmation codes an audit erases at a round's close leave no byte in SQLite's files:
neither in the database file nor in its write-ahead log, read while the centre still runs (its
connections open), as a crash, a `kill -9` or a disk snapshot would find them (F17)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sandogh.services.audit_rounds import close_round, draw_round, record_readings
from sandogh.services.audits import record_seed, start_audit
from sandogh.store.engine import make_engine
from sandogh.store.schema import init_database
from sandogh.store.unit_of_work import SqlUnitOfWork
from tests.conftest import TEST_NOW
from tests.services.audit_build import FIVE_PERCENT, code_of, faithful, load
from tests.services.test_audits import CAST, DICE, RECORDS, SHEETS, SMALL


def _files(database: Path) -> bytes:
    wal = database.with_name(database.name + "-wal")
    return database.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def test_the_codes_erased_at_close_are_in_neither_the_database_nor_its_log(
    tmp_path: Path,
) -> None:
    database = tmp_path / "centre.sqlite"
    url = f"sqlite:///{database}"
    init_database(url)
    engine = make_engine(url)
    try:

        def uow() -> SqlUnitOfWork:
            return SqlUnitOfWork(engine, now=TEST_NOW)

        load(uow, SMALL, SHEETS)
        start_audit(uow, SMALL.id, ["president"], FIVE_PERCENT, records=CAST, now=TEST_NOW)
        record_seed(uow, SMALL.id, DICE, now=TEST_NOW)
        drawn = [p.paper for p in draw_round(uow, SMALL.id, now=TEST_NOW).papers]
        record_readings(uow, SMALL.id, [faithful(RECORDS)(p) for p in drawn], now=TEST_NOW)
        codes = [code_of(p).encode() for p in drawn]
        before = _files(database)
        assert all(code in before for code in codes)  # entered, and on disk until the close
        close_round(uow, SMALL.id, CAST, now=TEST_NOW)
        after = _files(database)
        assert [c.decode() for c in codes if c in after] == []
        with engine.connect() as connection:  # the connection went back to the pool as it was
            kept = connection.exec_driver_sql("PRAGMA secure_delete").scalar_one()
        assert kept == sqlite3.connect(":memory:").execute("PRAGMA secure_delete").fetchone()[0]
    finally:
        engine.dispose()
