"""Constraint violations from either database, turned into `DuplicateError` or `ConstraintError`.

The drivers report the kind of violation as a code (PostgreSQL's SQLSTATE, SQLite's extended
error name), so no message text is parsed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from sqlalchemy.exc import IntegrityError

from sandogh.store.errors import ConstraintError, DuplicateError, StoreError

_UNIQUE = {"23505", "SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY"}


def _typed(driver_error: BaseException | None) -> StoreError:
    code = getattr(driver_error, "sqlstate", None) or getattr(driver_error, "sqlite_errorname", "")
    detail = str(driver_error).strip().splitlines()[0]
    if code in _UNIQUE:
        return DuplicateError(f"already stored: {detail}")
    return ConstraintError(f"refused by the schema: {detail}")


@contextmanager
def translated() -> Iterator[None]:
    """Raise a store error in place of the driver's integrity error (chained, for the details)."""
    try:
        yield
    except IntegrityError as error:
        raise _typed(error.orig) from error
    except psycopg.IntegrityError as error:
        raise _typed(error) from error
