"""Which database sandogh talks to, and the URL forms it accepts.

SQLite (the default: one file in the current directory) or PostgreSQL through psycopg 3. A plain
`postgresql://` URL, as libpq tools and hosting providers print it, is read as psycopg's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from sandogh.store.errors import DatabaseUrlError

ENV_VAR = "SANDOGH_DATABASE_URL"
DEFAULT_URL = "sqlite:///sandogh.sqlite"

_DRIVERS = {
    "sqlite": "sqlite",
    "sqlite+pysqlite": "sqlite",
    "postgresql": "postgresql+psycopg",
    "postgres": "postgresql+psycopg",
    "postgresql+psycopg": "postgresql+psycopg",
}


def database_url(explicit: str | None, env: Mapping[str, str]) -> str:
    """The URL given on the command line, else `SANDOGH_DATABASE_URL`, else the SQLite default.

    An empty environment variable counts as unset, as shells make unsetting awkward.
    """
    if explicit is not None:
        return explicit
    return env.get(ENV_VAR) or DEFAULT_URL


def parse_url(url: str) -> URL:
    """The URL with its driver made explicit; `DatabaseUrlError` says why one is refused."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as error:
        # The credentials are hidden even from an unreadable URL: messages end up in logs.
        shown = re.sub(r"//[^/@]*@", "//***@", url)
        raise DatabaseUrlError(
            f"cannot read the database URL {shown!r}: expected e.g. sqlite:///sandogh.sqlite "
            "or postgresql://user@host/dbname"
        ) from error
    driver = _DRIVERS.get(parsed.drivername)
    if driver is None:
        shown = parsed.render_as_string(hide_password=True)
        raise DatabaseUrlError(
            f"unsupported database URL {shown!r}: sandogh stores in SQLite (sqlite:///FILE) or "
            "PostgreSQL (postgresql://… through psycopg 3)"
        )
    return parsed.set(drivername=driver)
