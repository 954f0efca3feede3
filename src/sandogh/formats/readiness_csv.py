"""The readiness registers as CSV (`docs/formats.md`, "Readiness registers"): one file per
register — the ballot-box fleet, ballot papers per station, staff per station.

UTF-8 (a byte-order mark is allowed), a header line naming the columns in any order, one row per
box, per station, or per station and role. Persian (۰–۹) and Arabic-Indic (٠–٩) digits are read
as ASCII digits in every column. A text cell that a spreadsheet would run as a formula is written
with a quote before it and read without (`formats.csv_cells`). Each row is read by a pydantic
model (the edge of the system); a file with any problem gives no row at all, and the error names
every problem with its line and column. `row_problems` places the problems the use cases find
(`fleet[3].place`, row index 3) on their lines (line 5: the header is line 1).
"""

from __future__ import annotations

import csv
import datetime
import re
from collections.abc import Iterable, Sequence
from typing import Annotated, Any, TextIO

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from sandogh.core.definition.problems import Problem
from sandogh.core.errors import SandoghError
from sandogh.core.readiness import (
    Box,
    PaperStock,
    Register,
    Row,
    Staffing,
    StaffRole,
    UpdateStatus,
)
from sandogh.formats.csv_cells import as_written, neutralised
from sandogh.formats.tally_csv import RowProblem
from sandogh.locale.digits import to_ascii_digits

LISTED = 50  # problems listed in an error; the rest are counted
_LARGEST = 2**31 - 1  # fits every SQL INTEGER column
_PATH = re.compile(r"(fleet|papers|staff)\[(\d+)\](?:\.(\w+))?")


def _ascii(value: object) -> object:
    return to_ascii_digits(as_written(value.strip())) if isinstance(value, str) else value


def _optional(value: object) -> object:
    value = _ascii(value)
    return None if value == "" else value


Text = Annotated[str, BeforeValidator(_ascii), Field(min_length=1)]
Count = Annotated[int, BeforeValidator(_ascii), Field(ge=0, le=_LARGEST, strict=False)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FleetRow(_Model):
    serial: Text
    model: Text
    software: Text
    # written for people, never read: a box's update is derived from the build it attests
    # (`core.fleet.attested`); a file with the column, from before, still reads
    update: Annotated[UpdateStatus | None, BeforeValidator(_optional)] = None
    place: Text
    public_key: Annotated[str | None, BeforeValidator(_optional)] = None
    last_seen: Annotated[datetime.datetime | None, BeforeValidator(_optional)] = None

    def value(self) -> Box:
        return Box(
            self.serial,
            self.model,
            self.software,
            UpdateStatus.PENDING,
            self.place,
            self.public_key,
            self.last_seen,
        )


class PapersRow(_Model):
    station: Text
    sent: Count
    received: Count
    used: Count
    left: Annotated[int | None, BeforeValidator(_optional)] = None  # written for people

    def value(self) -> PaperStock:
        return PaperStock(self.station, self.sent, self.received, self.used)


class StaffRow(_Model):
    station: Text
    role: Annotated[StaffRole, BeforeValidator(_ascii)]
    assigned: Count
    trained: Count

    def value(self) -> Staffing:
        return Staffing(self.station, self.role, self.assigned, self.trained)


_MODELS: dict[Register, type[FleetRow] | type[PapersRow] | type[StaffRow]] = {
    Register.FLEET: FleetRow,
    Register.PAPERS: PapersRow,
    Register.STAFF: StaffRow,
}
#: The columns of each register, in the order they are written.
COLUMNS: dict[Register, tuple[str, ...]] = {r: tuple(m.model_fields) for r, m in _MODELS.items()}
_REQUIRED = {
    r: {n for n, f in m.model_fields.items() if f.is_required()} for r, m in _MODELS.items()
}


class ReadinessCsvError(SandoghError):
    """A register CSV with problems: the first `LISTED` in `problems`, and `more` not listed."""

    def __init__(self, source_name: str, problems: Sequence[RowProblem], more: int = 0) -> None:
        self.source_name, self.problems, self.more = source_name, tuple(problems), more
        total = len(problems) + more
        first = "; ".join(str(p) for p in problems[:3])
        super().__init__(
            f"{source_name}: {first}"
            if total == 1
            else f"{source_name}: {total} problems: {first}" + ("; …" if total > 3 else "")
        )


def read_register(register: Register, stream: TextIO, *, source_name: str) -> tuple[Row, ...]:
    """Every row of the `register` CSV in `stream`, in file order."""
    problems: list[RowProblem] = []
    rows: list[Row] = []
    reader = csv.reader(stream, strict=True)
    try:
        header = next(reader, None)
        names = _header(register, header, problems)
        for line in reader:
            if names is None:
                break
            number = reader.line_num
            if not any(cell.strip() for cell in line):
                continue
            if len(line) != len(names):
                problems.append(
                    RowProblem(
                        number, None, f"has {len(line)} cells; the header names {len(names)}"
                    )
                )
                continue
            rows += _row(register, number, dict(zip(names, line, strict=True)), problems)
    except (csv.Error, UnicodeDecodeError) as error:
        problems.append(RowProblem(reader.line_num + 1, None, f"not a readable CSV line: {error}"))
    if problems:
        raise ReadinessCsvError(source_name, problems[:LISTED], max(len(problems) - LISTED, 0))
    return tuple(rows)


def write_register(register: Register, rows: Iterable[Row], stream: TextIO) -> int:
    """Write `rows` as the CSV `read_register` reads, with `\\n` line ends; returns how many."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(COLUMNS[register])
    count = 0
    for row in rows:
        writer.writerow([neutralised(c) if isinstance(c, str) else c for c in _cells(row)])
        count += 1
    return count


def row_problems(problems: Iterable[Problem]) -> list[RowProblem]:
    """Problems with a register path (`papers[2].used`) placed on their CSV line and column."""
    placed = []
    for problem in problems:
        found = _PATH.fullmatch(problem.path)
        if found is None:
            placed.append(RowProblem(0, None, str(problem)))
        else:
            placed.append(RowProblem(int(found[2]) + 2, found[3], problem.message))
    return placed


def _header(
    register: Register, header: list[str] | None, problems: list[RowProblem]
) -> list[str] | None:
    columns = COLUMNS[register]
    if header is None:
        problems.append(RowProblem(1, None, "the file is empty; the first line names the columns"))
        return None
    names = [name.strip().removeprefix("\ufeff") for name in header]
    for name in sorted(set(names) - set(columns)):
        problems.append(
            RowProblem(1, name, f"unknown column; the columns are {', '.join(columns)}")
        )
    for name in sorted({n for n in names if names.count(n) > 1}):
        problems.append(RowProblem(1, name, "the column is named twice"))
    for name in sorted(_REQUIRED[register] - set(names)):
        problems.append(RowProblem(1, name, "a required column is missing"))
    return None if problems else names


def _row(
    register: Register, line: int, cells: dict[str, str], problems: list[RowProblem]
) -> list[Row]:
    try:
        read = _MODELS[register].model_validate(cells)
    except ValidationError as error:
        for e in error.errors():
            column = str(e["loc"][0]) if e["loc"] else None
            problems.append(RowProblem(line, column, e["msg"]))
        return []
    if isinstance(read, PapersRow) and read.left not in {None, read.received - read.used}:
        problems.append(RowProblem(line, "left", "is not received − used"))
        return []
    seen = read.last_seen if isinstance(read, FleetRow) else None
    if seen is not None and seen.utcoffset() is None:
        problems.append(RowProblem(line, "last_seen", "needs a time zone (e.g. +03:30)"))
        return []
    return [read.value()]


def _cells(row: Row) -> tuple[Any, ...]:
    match row:
        case Box():
            seen = "" if row.last_seen is None else row.last_seen.isoformat()
            key = row.public_key or ""
            return (row.serial, row.model, row.software, row.update, row.place, key, seen)
        case PaperStock():
            return (row.station, row.sent, row.received, row.used, row.left)
        case Staffing():
            return (row.station, row.role, row.assigned, row.trained)
