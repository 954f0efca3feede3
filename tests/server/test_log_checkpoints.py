"""The centre signs checkpoints of the event log at its cadence while it serves, with the log
key it was given (SQLite and PostgreSQL), and says a busy store in one line."""

from __future__ import annotations

import datetime
import logging
import sqlite3
import time
from pathlib import Path

import pytest
from pydantic import SecretBytes
from sqlalchemy import make_url

from sandogh.core.log import Disposition, Event, EventType, SignedCheckpoint, checkpoint_verifies
from sandogh.formats.key_file import write_key_file
from sandogh.server import log_checkpoints
from sandogh.server.app import create_app
from sandogh.server.settings import LogCheckpointSettings, ServerSettings
from sandogh.store import engine as engine_module
from sandogh.store.engine import make_engine
from sandogh.store.unit_of_work import SqlUnitOfWork
from tests.loopback import served

from .live import REGISTRY, SECRET, load_kerman, server_key_file

AT = datetime.datetime(2024, 7, 5, 5, 0, tzinfo=datetime.UTC)
WAIT_SECONDS = 20.0


def _checkpoints(store_url: str, count: int) -> list[SignedCheckpoint]:
    """The checkpoints stored, once there are `count` of them."""
    engine = make_engine(store_url)
    deadline = time.monotonic() + WAIT_SECONDS
    try:
        while True:
            with SqlUnitOfWork(engine, now=AT) as work:
                taken = work.checkpoints.all()
            if len(taken) >= count or time.monotonic() > deadline:
                return taken
            time.sleep(0.05)
    finally:
        engine.dispose()


def _record(store_url: str, events: int) -> int:
    engine = make_engine(store_url)
    try:
        with SqlUnitOfWork(engine, now=AT) as work:
            for _ in range(events):
                entry = work.events.record(
                    Event(
                        AT, "system", "system", "IR", EventType.LOGIN_FAILED, Disposition.DENIED, {}
                    )
                )
            work.commit()
    finally:
        engine.dispose()
    return entry.sequence


def test_the_centre_signs_a_checkpoint_every_n_entries(store_url: str, tmp_path: Path) -> None:
    load_kerman(store_url)
    key = write_key_file(tmp_path / "log.key")
    settings = ServerSettings(
        database_url=store_url,
        ledger_secret=SecretBytes(SECRET),
        registry=REGISTRY,
        log_key_file=tmp_path / "log.key",
        server_key_file=server_key_file(),
        log_checkpoints=LogCheckpointSettings(entries=3, minutes=60, check_seconds=0.05),
    )
    with served(create_app(settings), "the centre"):
        (first,) = _checkpoints(store_url, 1)  # the definition loaded: the first is due at once
        _record(store_url, 2)
        time.sleep(0.3)
        assert _checkpoints(store_url, 1) == [first]  # two entries: not due yet
        head = _record(store_url, 1)
        second = _checkpoints(store_url, 2)[-1]
    assert second.sequence == head
    assert all(checkpoint_verifies(key.public_key, c) for c in (first, second))


def test_a_busy_store_is_said_in_one_line_and_the_checkpoint_taken_once_it_is_free(
    sqlite_store_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """F3 of session 21: another process held SQLite's write lock past the busy timeout and the
    live demo's terminal showed a 60-line traceback ending in "database is locked"."""
    load_kerman(sqlite_store_url)
    key = write_key_file(tmp_path / "log.key")
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 100)
    monkeypatch.setattr(log_checkpoints, "RETRY_SECONDS", 0.05)
    settings = ServerSettings(
        database_url=sqlite_store_url,
        ledger_secret=SecretBytes(SECRET),
        registry=REGISTRY,
        log_key_file=tmp_path / "log.key",
        server_key_file=server_key_file(),
        log_checkpoints=LogCheckpointSettings(entries=3, minutes=60, check_seconds=0.05),
    )
    app = create_app(settings)
    other = sqlite3.connect(make_url(sqlite_store_url).database or "", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process writing, and writing long
    caplog.set_level(logging.WARNING, logger=log_checkpoints.__name__)
    with served(app, "the centre"):
        time.sleep(1.0)
        said = [r for r in caplog.records if r.name == log_checkpoints.__name__]
        other.rollback()
        (checkpoint,) = _checkpoints(sqlite_store_url, 1)  # asked again, and taken
    other.close()
    assert [r.getMessage() for r in said] == [
        "could not take a checkpoint of the event log (database is locked): trying again"
    ]
    assert all(r.exc_info is None and "\n" not in r.getMessage() for r in said)
    assert checkpoint_verifies(key.public_key, checkpoint)
