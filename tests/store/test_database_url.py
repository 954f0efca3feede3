"""Which database sandogh opens, and how it opens SQLite."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from sqlalchemy import text

from sandogh.store.engine import BUSY_TIMEOUT_MS, make_engine
from sandogh.store.errors import DatabaseUrlError
from sandogh.store.schema import init_database
from sandogh.store.url import DEFAULT_URL, ENV_VAR, database_url, parse_url


def test_the_explicit_url_wins() -> None:
    env = {ENV_VAR: "postgresql://hq@db.example/sandogh"}
    assert database_url("sqlite:///night.sqlite", env) == "sqlite:///night.sqlite"


def test_the_environment_comes_next() -> None:
    env = {ENV_VAR: "postgresql://hq@db.example/sandogh"}
    assert database_url(None, env) == "postgresql://hq@db.example/sandogh"


@pytest.mark.parametrize("env", [{}, {ENV_VAR: ""}], ids=["unset", "empty"])
def test_else_sqlite_in_the_current_directory(env: dict[str, str]) -> None:
    assert database_url(None, env) == DEFAULT_URL == "sqlite:///sandogh.sqlite"


@pytest.mark.parametrize(
    ("given", "driver"),
    [
        ("postgresql://hq@db.example/sandogh", "postgresql+psycopg"),
        ("postgres://hq@db.example/sandogh", "postgresql+psycopg"),
        ("postgresql+psycopg://hq@db.example/sandogh", "postgresql+psycopg"),
        ("sqlite:///sandogh.sqlite", "sqlite"),
        ("sqlite+pysqlite:///sandogh.sqlite", "sqlite"),
    ],
)
def test_postgresql_urls_go_through_psycopg(given: str, driver: str) -> None:
    assert parse_url(given).drivername == driver


def test_the_rest_of_the_url_is_kept() -> None:
    parsed = parse_url("postgresql://hq:secret@db.example:6543/sandogh?sslmode=require")
    assert (parsed.username, parsed.password, parsed.host, parsed.port, parsed.database) == (
        "hq",
        "secret",
        "db.example",
        6543,
        "sandogh",
    )
    assert parsed.query == {"sslmode": "require"}


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("mysql://hq:secret@db.example/sandogh", "unsupported database URL 'mysql://hq:***@"),
        ("postgresql+psycopg2://hq@db.example/x", "SQLite (sqlite:///FILE) or PostgreSQL"),
        ("sandogh.sqlite", "cannot read the database URL 'sandogh.sqlite'"),
        (
            "postgresql://hq:secret@db.example:port/x",
            "cannot read the database URL 'postgresql://***@",
        ),
        ("", "expected e.g. sqlite:///sandogh.sqlite"),
    ],
)
def test_a_bad_url_is_refused_without_showing_its_password(given: str, message: str) -> None:
    with pytest.raises(DatabaseUrlError) as raised:
        parse_url(given)
    assert message in str(raised.value)
    assert "secret" not in str(raised.value)


def test_sqlite_connections_enforce_foreign_keys_and_use_wal(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'store.sqlite'}")
    try:
        with engine.connect() as connection:
            pragma = {
                name: connection.execute(text(f"PRAGMA {name}")).scalar_one()
                for name in ("foreign_keys", "journal_mode", "busy_timeout")
            }
    finally:
        engine.dispose()
    assert pragma == {"foreign_keys": 1, "journal_mode": "wal", "busy_timeout": BUSY_TIMEOUT_MS}


def test_a_new_database_file_is_its_owners_alone(tmp_path: Path) -> None:
    # the centre's file holds password hashes and the voted-ledger: 0644 let anyone read it
    url = f"sqlite:///{tmp_path / 'centre.sqlite'}"
    init_database(url)
    for made in tmp_path.iterdir():
        assert stat.S_IMODE(made.stat().st_mode) == 0o600, made.name
