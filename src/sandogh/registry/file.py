"""A civil registry imported from a CSV or Parquet file into a SQLite file of its own, and looked
up there.

Issue 3 ("Civil registry": a file-backed registry; CSV/Parquet import; importing ten million people
must stream, not load all into memory). The source's suffix says how it is read: `.csv` by
`registry.csv_import`, `.parquet` (or `.pq`) by `registry.parquet_import`; either yields checked
rows one at a time (`registry.rows`), naming every bad one.

Import inserts the rows in batches (executemany) into a new SQLite file, in one transaction;
memory holds one batch and SQLite's bounded page cache, whatever the size of the file. A national
code is the table's integer primary key, so a duplicate is found by the database as it is
inserted. Every bad row is named with its line or row (the first `SHOWN_PROBLEMS` in full, the
rest counted) and then nothing is kept: the file is built under a temporary name and takes its own
name only once complete.
"""

from __future__ import annotations

import datetime
import os
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Self

from sandogh.core.definition.problems import Problem
from sandogh.core.errors import SandoghError
from sandogh.core.voters import NationalCode, RegistryRecord
from sandogh.registry import csv_import, parquet_import
from sandogh.registry.rows import Problems, Row

FORMAT = "sandogh/registry@2"
#: A file of the first format, without names and photos, is still read.
FORMATS = ("sandogh/registry@1", FORMAT)
BATCH = 50_000
_CACHE_KIB = 32 * 1024  # SQLite's page cache during the import: bounded, whatever the file's size
#: How a source is read, by its suffix (in any case).
SUFFIXES = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}

_SCHEMA = (
    "CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
    # the code as an integer primary key: the table is one B-tree keyed by it; `line` is the
    # person's position in the source (a CSV line, a Parquet row), to name a duplicate's first
    "CREATE TABLE person (code INTEGER PRIMARY KEY, birth_date TEXT NOT NULL,"
    " alive INTEGER NOT NULL CHECK (alive IN (0, 1)),"
    " citizen INTEGER NOT NULL CHECK (citizen IN (0, 1)), line INTEGER NOT NULL,"
    " name TEXT, photo BLOB)",
)
_INSERT = (
    "INSERT INTO person (code, birth_date, alive, citizen, line, name, photo)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)"
)


class RegistryFileError(SandoghError):
    """A registry file that cannot be imported or opened; `problems` names the lines, rows or
    columns at fault."""

    def __init__(self, source: Path, problems: list[Problem], total: int | None = None) -> None:
        self.problems = tuple(problems)
        self.total = len(problems) if total is None else total
        shown = "; ".join(str(p) for p in self.problems[:3])
        more = f"; and {self.total - 3} more" if self.total > 3 else ""
        super().__init__(f"{source}: {self.total} problem(s), nothing imported: {shown}{more}")


@dataclass(frozen=True)
class RegistryImport:
    people: int
    path: Path


def import_registry(source: Path, target: Path, *, batch: int = BATCH) -> RegistryImport:
    """Build the registry file `target` (which must not exist) from the CSV or Parquet file
    `source`, told apart by its suffix (`SUFFIXES`)."""
    kind = SUFFIXES.get(source.suffix.lower())
    if kind is None:
        known = ", ".join(SUFFIXES)
        raise RegistryFileError(
            source, [Problem("", f"{source.suffix!r} is not a registry file's suffix ({known})")]
        )
    if target.exists():
        raise RegistryFileError(
            target, [Problem("", "exists already; a registry is imported into a new file")]
        )
    building = target.with_name(target.name + ".importing")
    _remove(building)
    try:
        if kind == "csv":
            problems = Problems(csv_import.UNIT)
            rows = csv_import.csv_rows(source, problems)
        else:
            problems = Problems(parquet_import.UNIT)
            rows = parquet_import.parquet_rows(source, problems, batch)
        people = _build(source, building, rows, problems, batch)
        os.replace(building, target)
    finally:
        _remove(building)
    return RegistryImport(people, target)


def _remove(path: Path) -> None:
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)


def _build(
    source: Path, building: Path, rows: Iterator[Row], problems: Problems, batch: int
) -> int:
    connection = sqlite3.connect(building, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.execute(f"PRAGMA cache_size=-{_CACHE_KIB}")
        connection.execute("BEGIN")
        for statement in _SCHEMA:
            connection.execute(statement)
        people = 0
        for each in _batches(rows, batch):
            people += _insert(connection, each, problems)
        if problems.total:
            connection.execute("ROLLBACK")
            raise RegistryFileError(source, problems.shown, problems.total)
        connection.executemany(
            "INSERT INTO meta (name, value) VALUES (?, ?)",
            [("format", FORMAT), ("people", str(people)), ("source", source.name)],
        )
        connection.execute("COMMIT")
        # fold the write-ahead log into the file and leave WAL, so that what is renamed is whole
        # and readers, which only read, leave no -wal or -shm file beside it
        connection.execute("PRAGMA journal_mode=DELETE")
    finally:
        connection.close()
    return people


def _batches(rows: Iterator[Row], size: int) -> Iterator[list[Row]]:
    batch: list[Row] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _insert(connection: sqlite3.Connection, rows: list[Row], problems: Problems) -> int:
    """Insert a batch; on a duplicate, insert it row by row to name every duplicate's lines."""
    connection.execute("SAVEPOINT batch")
    try:
        connection.executemany(_INSERT, rows)
    except sqlite3.IntegrityError:
        connection.execute("ROLLBACK TO batch")
    else:
        connection.execute("RELEASE batch")
        return len(rows)
    inserted = 0
    for row in rows:
        try:
            connection.execute(_INSERT, row)
        except sqlite3.IntegrityError:
            (first,) = connection.execute(
                "SELECT line FROM person WHERE code = ?", (row[0],)
            ).fetchone()
            problems.at(
                row[4], f"national_code: {row[0]:010d} is already on {problems.unit} {first}"
            )
        else:
            inserted += 1
    connection.execute("RELEASE batch")
    return inserted


class FileRegistry:
    """A registry file made by `import_registry`, opened read-only; implements
    `services.ports.Registry`. One connection serves every thread, one lookup at a time."""

    def __init__(self, path: Path) -> None:
        if not path.is_file():
            raise RegistryFileError(path, [Problem("", "no such file")])
        self._connection = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
        )
        self._lock = threading.Lock()
        try:
            meta = dict(self._connection.execute("SELECT name, value FROM meta").fetchall())
        except sqlite3.DatabaseError as error:
            self._connection.close()
            raise RegistryFileError(path, [Problem("", f"not a registry file: {error}")]) from error
        if meta.get("format") not in FORMATS:
            self._connection.close()
            raise RegistryFileError(path, [Problem("format", f"{meta.get('format')!r}")])
        self.people = int(meta["people"])
        identity = "name, photo" if meta["format"] == FORMAT else "NULL, NULL"
        self._select = f"SELECT birth_date, alive, citizen, {identity} FROM person WHERE code = ?"

    def lookup(self, code: NationalCode) -> RegistryRecord | None:
        with self._lock:
            found = self._connection.execute(self._select, (int(code.digits),)).fetchone()
        if found is None:
            return None
        born, alive, citizen, name, photo = found
        return RegistryRecord(
            code, datetime.date.fromisoformat(born), bool(alive), bool(citizen), name, photo
        )

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
