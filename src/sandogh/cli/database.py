"""Opening the store a command works on."""

from __future__ import annotations

import os

from sandogh.cli.session import now
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.store.schema import init_database, open_database
from sandogh.store.unit_of_work import SqlUnitOfWork
from sandogh.store.url import database_url, parse_url


def resolved_url(db: str | None) -> str:
    return database_url(db, os.environ)


def create_store(db: str | None) -> str:
    """Create or upgrade the schema; returns the URL used, its password hidden for printing."""
    url = resolved_url(db)
    init_database(url)
    return parse_url(url).render_as_string(hide_password=True)


def open_store(db: str | None) -> UnitOfWorkFactory:
    """A unit-of-work factory on a database whose schema is current."""
    engine = open_database(resolved_url(db))
    return lambda: SqlUnitOfWork(engine, now=now())
