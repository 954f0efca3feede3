"""The centre signs checkpoints of the event log at its cadence while it serves, with the log
key it was given (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime
import time
from pathlib import Path

from pydantic import SecretBytes

from sandogh.core.log import Disposition, Event, EventType, SignedCheckpoint, checkpoint_verifies
from sandogh.formats.key_file import write_key_file
from sandogh.server.app import create_app
from sandogh.server.settings import LogCheckpointSettings, ServerSettings
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
