"""Alembic's entry point: runs the migrations on the connection it is handed.

`sandogh.store.schema` runs them programmatically and passes its open connection in
`config.attributes["connection"]`. A developer adding a revision runs
`alembic -c src/sandogh/store/migrations/alembic.ini revision --autogenerate --rev-id 0002 -m
"what"` (revisions are numbered in order), which connects to `SANDOGH_DATABASE_URL` (or the SQLite
default) like the `sandogh` command does; `... alembic.ini check` says whether one is needed.
"""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy.engine import Connection

from sandogh.store.engine import make_engine
from sandogh.store.tables import Base
from sandogh.store.url import database_url


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite can alter a table only by copying it; batch mode writes that copy.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def _main() -> None:
    if context.is_offline_mode():
        raise SystemExit("sandogh migrations run against a database, not as SQL scripts")
    given: Connection | None = context.config.attributes.get("connection")
    if given is not None:
        _run(given)
        return
    engine = make_engine(database_url(None, os.environ))
    try:
        with engine.connect() as connection:
            _run(connection)
            connection.commit()
    finally:
        engine.dispose()


_main()
