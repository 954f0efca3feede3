"""Creating and upgrading the schema (Alembic, run in-process), and refusing a database whose
schema is not the one this sandogh writes.

The migrations ship inside the package (`sandogh/store/migrations`), so no `alembic.ini` is needed
at run time. `init_database` is safe to run again; `open_database` is what every other command
uses, and it never changes the schema: a store that is behind is an operator's decision to
upgrade (`sandogh init`), not a side effect of reading results.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Engine, inspect
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError

from sandogh.store.engine import make_engine
from sandogh.store.errors import DatabaseUnavailableError, SchemaError

_MIGRATIONS = "sandogh.store:migrations"


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", _MIGRATIONS)
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(_config())


def head_revision() -> str:
    """The revision this sandogh's schema is at."""
    head = _scripts().get_current_head()
    if head is None:
        raise SchemaError("this sandogh's packaged migrations are missing")
    return head


@dataclass(frozen=True)
class _SchemaState:
    """Where a database stands: its revision (None when it has none) and whether it has tables."""

    revision: str | None
    has_tables: bool


def _shown(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def _schema_state(connection: Connection) -> _SchemaState:
    heads = MigrationContext.configure(connection).get_current_heads()
    if len(heads) > 1:
        raise SchemaError(f"the database has several schema revisions {sorted(heads)}")
    return _SchemaState(
        revision=heads[0] if heads else None,
        has_tables=bool(inspect(connection).get_table_names()),
    )


def _refuse_foreign(state: _SchemaState, shown: str) -> None:
    if state.revision is None and state.has_tables:
        raise SchemaError(
            f"{shown} has tables but no sandogh schema version: it is not a sandogh database"
        )
    if state.revision is not None:
        try:
            _scripts().get_revision(state.revision)
        except CommandError as error:
            raise SchemaError(
                f"{shown} is at schema revision {state.revision}, which this sandogh does not "
                "know: it was written by a newer sandogh"
            ) from error


@contextmanager
def _connected(engine: Engine) -> Iterator[Connection]:
    """A connection in a transaction; `DatabaseUnavailableError` when none can be made."""
    try:
        connection = engine.connect()
    except OperationalError as error:
        shown = engine.url.render_as_string(hide_password=True)
        detail = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise DatabaseUnavailableError(f"cannot open the database {shown}: {detail}") from error
    with connection, connection.begin():
        yield connection


def init_database(url: str) -> None:
    """Create the schema, or upgrade it to this sandogh's; does nothing when it is current."""
    engine = make_engine(url)
    try:
        with _connected(engine) as connection:
            _refuse_foreign(_schema_state(connection), _shown(engine))
            command.upgrade(_config(connection), "head")
    finally:
        engine.dispose()


def check_schema(engine: Engine) -> None:
    """Raise `SchemaError` unless the database's schema is exactly this sandogh's."""
    with _connected(engine) as connection:
        state = _schema_state(connection)
    shown = _shown(engine)
    _refuse_foreign(state, shown)
    head = head_revision()
    if state.revision is None:
        empty = SchemaError(f"{shown} has no sandogh schema yet: run `sandogh init`")
        empty.said = ("no-schema", {"url": shown})
        raise empty
    if state.revision != head:
        behind = SchemaError(
            f"{shown} has schema revision {state.revision}, this sandogh needs {head}: "
            "run `sandogh init` to upgrade it"
        )
        behind.said = ("schema-behind", {"url": shown, "revision": state.revision, "head": head})
        raise behind


def open_database(url: str) -> Engine:
    """An engine on a database whose schema is current; `SchemaError` says what to do if not."""
    engine = make_engine(url)
    try:
        check_schema(engine)
    except BaseException:
        engine.dispose()
        raise
    return engine
