"""A civil registry imported from a CSV file into its own SQLite file, and looked up there.

Issue 3 ("Civil registry": a file-backed registry; importing ten million people must stream, not
load all into memory). The CSV is UTF-8 (a byte-order mark is allowed) with the header
`national_code,birth_date,alive,citizen` (in any order) and a row per person: the national code
as people write it (`core.voters.parse_national_code`: Persian or Arabic-Indic digits, spaces,
dashes, 8–10 digits), the Gregorian birth date as YYYY-MM-DD, and `alive` and `citizen` as
true/false or 1/0; Persian and Arabic-Indic digits are read anywhere.

Import reads the file row by row and inserts in batches (executemany) into a new SQLite file,
in one transaction; memory holds one batch and SQLite's bounded page cache, whatever the size of
the file. A national code is the table's integer primary key, so a duplicate is found by the
database as it is inserted. Every bad row is named with its line (the first `SHOWN_PROBLEMS`
in full, the rest counted) and then nothing is kept: the file is built under a temporary name and
takes its own name only once complete.
"""

from __future__ import annotations

import csv
import datetime
import os
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Self

from sandogh.core.definition.problems import Problem
from sandogh.core.errors import SandoghError
from sandogh.core.voters import NationalCode, NationalCodeError, RegistryRecord, parse_national_code
from sandogh.core.voters.national_code import LENGTH

if TYPE_CHECKING:
    from _csv import Reader

HEADER = ("national_code", "birth_date", "alive", "citizen")
FORMAT = "sandogh/registry@1"
SHOWN_PROBLEMS = 1000
BATCH = 50_000
_CACHE_KIB = 32 * 1024  # SQLite's page cache during the import: bounded, whatever the file's size
_TO_ASCII = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "0123456789" * 2)
_TRUTH = {"true": 1, "1": 1, "false": 0, "0": 0}

_SCHEMA = (
    "CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
    # the code as an integer primary key: the table is one B-tree keyed by it
    "CREATE TABLE person (code INTEGER PRIMARY KEY, birth_date TEXT NOT NULL,"
    " alive INTEGER NOT NULL CHECK (alive IN (0, 1)),"
    " citizen INTEGER NOT NULL CHECK (citizen IN (0, 1)), line INTEGER NOT NULL)",
)
_INSERT = "INSERT INTO person (code, birth_date, alive, citizen, line) VALUES (?, ?, ?, ?, ?)"

Row = tuple[int, str, int, int, int]


class RegistryFileError(SandoghError):
    """A registry file that cannot be imported or opened; `problems` names the lines."""

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
    """Build the registry file `target` (which must not exist) from the CSV file `source`."""
    if target.exists():
        raise RegistryFileError(
            target, [Problem("", "exists already; a registry is imported into a new file")]
        )
    building = target.with_name(target.name + ".importing")
    _remove(building)
    try:
        people = _build(source, building, batch)
        os.replace(building, target)
    finally:
        _remove(building)
    return RegistryImport(people, target)


def _remove(path: Path) -> None:
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)


def _build(source: Path, building: Path, batch: int) -> int:
    connection = sqlite3.connect(building, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.execute(f"PRAGMA cache_size=-{_CACHE_KIB}")
        connection.execute("BEGIN")
        for statement in _SCHEMA:
            connection.execute(statement)
        problems = _Problems()
        people = 0
        with source.open(encoding="utf-8-sig", newline="") as text:
            for rows in _batches(_rows(csv.reader(text), problems), batch):
                people += _insert(connection, rows, problems)
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


class _Problems:
    """The bad rows: the first `SHOWN_PROBLEMS` kept, all counted, so memory stays bounded."""

    def __init__(self) -> None:
        self.shown: list[Problem] = []
        self.total = 0

    def add(self, line: int, message: str) -> None:
        self.total += 1
        if len(self.shown) < SHOWN_PROBLEMS:
            self.shown.append(Problem(f"line {line}", message))


def _rows(reader: Reader, problems: _Problems) -> Iterator[Row]:
    header = next(reader, None)
    names = [name.strip() for name in header or []]
    if sorted(names) != sorted(HEADER):
        problems.add(1, f"the header must name {', '.join(HEADER)}, not {', '.join(names)!r}")
        return
    at = [names.index(name) for name in HEADER]
    try:
        for fields in reader:
            if not fields:  # csv reads a blank line as no fields
                continue
            row = _row(fields, at, reader.line_num, problems)
            if row is not None:
                yield row
    except csv.Error as error:
        problems.add(reader.line_num, f"not CSV: {error}")


def _row(fields: list[str], at: list[int], line: int, problems: _Problems) -> Row | None:
    if len(fields) != len(HEADER):
        problems.add(line, f"{len(fields)} fields, {len(HEADER)} are needed")
        return None
    code_text, born_text, alive_text, citizen_text = (fields[i] for i in at)
    wrong = []
    code: NationalCode | None = None
    try:
        # a code already in its canonical form is checked once, by NationalCode itself
        canonical = len(code_text) == LENGTH and code_text.isascii() and code_text.isdigit()
        code = NationalCode(code_text) if canonical else parse_national_code(code_text)
    except NationalCodeError as error:
        wrong.append(f"national_code: {error.fault}")
    born = _date(born_text)
    if born is None:
        wrong.append(f"birth_date: {born_text!r} is not a date written YYYY-MM-DD")
    alive = _TRUTH.get(alive_text.strip().translate(_TO_ASCII).lower())
    if alive is None:
        wrong.append(f"alive: {alive_text!r} is not true, false, 1 or 0")
    citizen = _TRUTH.get(citizen_text.strip().translate(_TO_ASCII).lower())
    if citizen is None:
        wrong.append(f"citizen: {citizen_text!r} is not true, false, 1 or 0")
    if code is None or born is None or alive is None or citizen is None:
        problems.add(line, "; ".join(wrong))
        return None
    return int(code.digits), born.isoformat(), alive, citizen, line


def _date(text: str) -> datetime.date | None:
    ascii_text = text.strip().translate(_TO_ASCII)
    if len(ascii_text) != len("YYYY-MM-DD"):
        return None
    try:
        return datetime.date.fromisoformat(ascii_text)
    except ValueError:
        return None


def _batches(rows: Iterator[Row], size: int) -> Iterator[list[Row]]:
    batch: list[Row] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _insert(connection: sqlite3.Connection, rows: list[Row], problems: _Problems) -> int:
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
            problems.add(row[4], f"national_code: {row[0]:010d} is already on line {first}")
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
        if meta.get("format") != FORMAT:
            self._connection.close()
            raise RegistryFileError(path, [Problem("format", f"{meta.get('format')!r}")])
        self.people = int(meta["people"])

    def lookup(self, code: NationalCode) -> RegistryRecord | None:
        with self._lock:
            found = self._connection.execute(
                "SELECT birth_date, alive, citizen FROM person WHERE code = ?",
                (int(code.digits),),
            ).fetchone()
        if found is None:
            return None
        born, alive, citizen = found
        return RegistryRecord(code, datetime.date.fromisoformat(born), bool(alive), bool(citizen))

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
