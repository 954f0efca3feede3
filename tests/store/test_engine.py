"""How a SQLite engine's immediate transactions wait for a writer of another process."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

from sqlalchemy import text

from sandogh.store.engine import BUSY_TIMEOUT_MS, IMMEDIATE, make_engine

HOLD_SECONDS = 0.3
# SQLite's own busy handler, sleeping 100 ms at a time by then, would begin ~80 ms late
LATE_SECONDS = 0.04


def test_an_immediate_transaction_begins_as_soon_as_another_process_commits(
    tmp_path: Path,
) -> None:
    """Issue 14: SQLite's sleeping busy handler made two workers' check-ins wait long after the
    lock came free; BEGIN IMMEDIATE is tried again from Python after pauses of a millisecond."""
    path = tmp_path / "store.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE t (n INTEGER)"))
        other.execute("BEGIN IMMEDIATE")  # a writer SQLite alone sees: another process's
        released = threading.Event()
        freed_at = 0.0

        def commit_later() -> None:
            nonlocal freed_at
            time.sleep(HOLD_SECONDS)
            freed_at = time.monotonic()
            other.execute("COMMIT")
            released.set()

        holder = threading.Thread(target=commit_later)
        holder.start()
        with engine.connect().execution_options(**{IMMEDIATE: True}) as connection:
            with connection.begin():
                begun_at = time.monotonic()
                connection.execute(text("INSERT INTO t VALUES (1)"))
                held = connection.execute(text("PRAGMA busy_timeout")).scalar_one()
            # the next transaction that may wait on another connection has its handler back
            connection.execution_options(**{IMMEDIATE: False})
            timeout = connection.execute(text("PRAGMA busy_timeout")).scalar_one()
        holder.join()
    finally:
        other.close()
        engine.dispose()
    assert released.is_set()
    assert freed_at <= begun_at < freed_at + LATE_SECONDS
    assert held == 0  # in WAL, what an immediate transaction does waits on no one
    assert timeout == BUSY_TIMEOUT_MS
