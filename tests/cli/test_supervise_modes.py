"""`sandogh supervise approve-mode`, and `--body` on the supervision commands: Persian by default,
the wrong body refused with the body required named; on a SQLite store."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from sandogh.cli.app import app
from sandogh.core.log import EventType
from sandogh.store.engine import make_engine
from sandogh.store.unit_of_work import SqlUnitOfWork

from ..conftest import TEST_NOW
from ..services.build import ROUND_2, ROUND_2_DAY, load

BOARD = ("--as", "nazer", "--role", "supervisor", "--place", "IR")
APPROVE = ("supervise", "approve-mode", "parliament", "P1", "--reference", "مصوبه ۱۲", *BOARD)


@pytest.fixture
def db(sqlite_store_url: str) -> str:
    engine = make_engine(sqlite_store_url)
    try:
        load(lambda: SqlUnitOfWork(engine, now=TEST_NOW), ROUND_2_DAY, approved=False)
    finally:
        engine.dispose()
    return sqlite_store_url


def _run(db: str, *args: str) -> tuple[int, str]:
    """The exit code, and what was printed or (refused) the error `sandogh` prints."""
    done = CliRunner().invoke(app, [*args, "--db", db])
    return done.exit_code, done.output + ("" if done.exception is None else str(done.exception))


def test_the_competent_body_approves_electronic_voting_in_persian(db: str) -> None:
    code, said = _run(db, *APPROVE, "--body", "majlis")
    assert code == 1
    assert "هیئت‌های نظارت شورای نگهبان" in said
    assert "Guardian Council" not in said  # Persian alone on a Persian screen (review S19, F12)
    code, said = _run(db, *APPROVE, "--body", "majlis", "--lang", "en")
    assert "the Guardian Council's supervisory boards" in said
    assert "شورای نگهبان" not in said

    code, said = _run(db, *APPROVE, "--body", "guardian-council")
    assert (code, said.strip()) == (
        0,
        "رأی‌گیری تمام الکترونیک در حوزه کرمان انتخابات مجلس تأیید و ثبت شد",
    )
    code, said = _run(db, *APPROVE[:3], "P2", *APPROVE[4:], "--json")  # no body: the Council's
    approved = json.loads(said)
    assert (approved["constituency"], approved["body"], approved["mode"]) == (
        "P2",
        "guardian-council",
        "electronic",
    )
    code, said = _run(db, *APPROVE, "--body", "guardian-council")  # review S19, F16: twice
    assert code == 1
    assert "پیش‌تر با مصوبه" in said
    assert "UNIQUE" not in said
    assert "approved already" not in said
    engine = make_engine(db)
    try:
        with SqlUnitOfWork(engine, now=TEST_NOW) as work:
            entries = list(work.events.entries())
    finally:
        engine.dispose()
    (logged,) = [e for e in entries if e.sequence == approved["logged"]["sequence"]]
    assert (logged.hash, logged.event.type) == (
        approved["logged"]["hash"],
        EventType.VOTING_MODE_APPROVED,
    )
    kinds = [e.event.type for e in entries]
    assert kinds.count(EventType.ACCESS_DENIED) == 2
    assert kinds.count(EventType.VOTING_MODE_APPROVED) == 2

    decision = ("--reason", "ارقام بررسی شد", "--reference", "۱۲")
    code, said = _run(
        db, "certify", "president", *BOARD, *decision, "--body", "majlis", "-e", ROUND_2
    )
    assert code == 1
    assert "شورای نگهبان" in said
    assert "Guardian Council" not in said
