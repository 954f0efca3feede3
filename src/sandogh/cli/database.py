"""Opening the store a command works on."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from sandogh.cli.session import now

if TYPE_CHECKING:
    from sandogh.services.elections import UnitOfWorkFactory


def resolved_url(db: str | None) -> str:
    # The store (SQLAlchemy, Alembic) is imported where a command opens it, not when `sandogh`
    # starts: most commands' modules import this one, and `sandogh --help` should not pay for it.
    from sandogh.store.url import database_url

    return database_url(db, os.environ)


def create_store(db: str | None) -> str:
    """Create or upgrade the schema; returns the URL used, its password hidden for printing."""
    from sandogh.store.schema import init_database
    from sandogh.store.url import parse_url

    url = resolved_url(db)
    init_database(url)
    return parse_url(url).render_as_string(hide_password=True)


def open_store(db: str | None) -> UnitOfWorkFactory:
    """A unit-of-work factory on a database whose schema is current."""
    return open_stores(db)[0]


def open_stores(db: str | None) -> tuple[UnitOfWorkFactory, UnitOfWorkFactory]:
    """Two unit-of-work factories on one database whose schema is current: units of work that
    write, and units of work that only read, which on SQLite hold no lock (`SqlUnitOfWork`)."""
    from sandogh.store.schema import open_database
    from sandogh.store.unit_of_work import SqlUnitOfWork

    engine = open_database(resolved_url(db))
    return (
        lambda: SqlUnitOfWork(engine, now=now()),
        lambda: SqlUnitOfWork(engine, now=now(), reading=True),
    )
