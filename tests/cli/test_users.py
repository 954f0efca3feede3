"""`sandogh user add|role|disable|unlock` on a real store, in-process: the first administrator
with a TOTP secret shown once, passwords never on the command line, each change in the log."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sandogh.cli.app import app
from sandogh.core.access import Role
from sandogh.core.log import EventType
from sandogh.formats.definition_file import canonical_bytes, definition_hash
from sandogh.services.elections import load_election
from sandogh.services.operators import OperatorError, OperatorRefusal
from sandogh.services.ports import OperatorAccount
from sandogh.store.engine import make_engine
from sandogh.store.schema import init_database
from sandogh.store.unit_of_work import SqlUnitOfWork

from ..services.build import ROUND_2_DAY

PASSWORD = "correct horse battery staple"


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'centre.sqlite'}"
    init_database(url)
    engine = make_engine(url)
    now = datetime.datetime(2024, 7, 4, tzinfo=datetime.UTC)
    try:
        load_election(
            lambda: SqlUnitOfWork(engine, now=now),
            ROUND_2_DAY,
            definition_hash=definition_hash(ROUND_2_DAY),
            canonical=canonical_bytes(ROUND_2_DAY),
            now=now,
        )
    finally:
        engine.dispose()
    return url


def run(*args: str, db: str, stdin: str | None = None) -> str:
    result = CliRunner().invoke(app, [*args, "--db", db], input=stdin, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def stored(db: str) -> tuple[dict[str, OperatorAccount], list[EventType]]:
    engine = make_engine(db)
    try:
        with SqlUnitOfWork(engine, now=datetime.datetime.now(datetime.UTC)) as work:
            accounts = {a.username: a for a in work.operators.all()}
            kinds = [e.event.type for e in work.events.entries()]
    finally:
        engine.dispose()
    return accounts, kinds


def test_the_first_admin_and_the_accounts_after(db: str, tmp_path: Path) -> None:
    secret = tmp_path / "password"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")
    shown = run(
        "user",
        "add",
        "admin",
        "--role",
        "admin",
        "--place",
        "IR",
        "--password-file",
        str(secret),
        db=db,
    )
    lines = shown.splitlines()
    assert lines[0] == "added admin: admin at IR"
    assert lines[2].startswith("otpauth://totp/sandogh:admin?secret=")
    typed = run(
        "user",
        "add",
        "baft-hq",
        "--role",
        "county-hq",
        "--place",
        "IR-08-0801",
        "--name",
        "ستاد انتخابات بافت",
        db=db,
        stdin=f"{PASSWORD}\n{PASSWORD}\n",
    )
    assert "added baft-hq: county-hq at IR-08-0801" in typed
    assert "otpauth" not in typed
    promoted = run("user", "role", "baft-hq", "--role", "supervisor", "--place", "IR-08", db=db)
    assert "changed baft-hq: supervisor at IR-08" in promoted
    assert "otpauth://totp/sandogh:baft-hq" in promoted  # a supervisor needs a second factor
    with pytest.raises(OperatorError) as refused:
        run("user", "unlock", "baft-hq", db=db)
    assert refused.value.reason is OperatorRefusal.NOT_LOCKED
    assert "disabled baft-hq" in run("user", "disable", "baft-hq", db=db)
    accounts, kinds = stored(db)
    assert set(accounts) == {"admin", "baft-hq"}
    assert accounts["baft-hq"].disabled
    assert accounts["baft-hq"].display_name == "ستاد انتخابات بافت"
    assert kinds[1:] == [
        EventType.USER_ADDED,
        EventType.USER_ADDED,
        EventType.ROLE_CHANGED,
        EventType.USER_DISABLED,
    ]
    assert accounts["baft-hq"].grant.role is Role.SUPERVISOR


def test_a_password_typed_twice_must_match(db: str) -> None:
    result = CliRunner().invoke(
        app,
        ["user", "add", "auditor", "--role", "auditor", "--place", "IR", "--db", db],
        input=f"{PASSWORD}\nanother one entirely\n{PASSWORD}\n{PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    assert "do not match" in result.output
    assert PASSWORD not in result.output
