"""What can go wrong between sandogh and its database, as exceptions a caller can tell apart."""

from __future__ import annotations


class StoreError(Exception):
    """Base of every error the store raises on purpose."""

    #: as `core.errors.SandoghError.said`: the line's key and values in the command's catalogue
    said: tuple[str, dict[str, str]] | None = None


class DatabaseUrlError(StoreError):
    """The database URL cannot be used: unparseable, or neither SQLite nor PostgreSQL."""


class DatabaseUnavailableError(StoreError):
    """The database named by the URL cannot be reached or opened."""


class SchemaError(StoreError):
    """The schema is not the one this sandogh writes: missing, behind, newer or foreign."""


class DuplicateError(StoreError):
    """A row with the same key is already stored (an election id, a station's sheet)."""


class ConstraintError(StoreError):
    """A row breaks a rule of the schema (a negative figure, a station not in the definition)."""
