"""The tally-sheet CSV of `docs/formats.md`: paper results in bulk, one row per candidate.

Each row carries a station, a contest, the sheet's figures (ballot papers received, used, unused
and spoiled; ballots cast; valid; invalid by kind; void) and one candidate's votes. The sheet's
figures repeat on every row of the same station and contest and must agree; rows may come in any
order. Persian (۰–۹) and Arabic-Indic (٠–٩) digits are read as ASCII digits in every column:
codes in a definition are ASCII (`core.definition.identifiers`), so this changes no meaning. A
code that a spreadsheet would run as a formula (no definition has one, but a sheet is not checked
against a definition until later) is written with a quote before it and read without
(`formats.csv_cells`). A file with any problem gives no sheet at all; the error lists the
problems, each with its line and column.
Whether a station or candidate exists is checked against the definition in `core.counting`.

`invalid_crossed_out` (crossed-out ballots, مخدوش) is written in every file but may be left out
of one read: files written before the kind existed have no such column, and their sheets then
list no such kind, which counts as 0 (`counting.tally.LATER_KINDS`), as a sheet stored before.
"""

from __future__ import annotations

import csv
import operator
from _csv import Reader
from collections.abc import Iterable, Set
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from sandogh.core.counting.tally import FIGURES as COUNTS_FIGURES
from sandogh.core.counting.tally import (
    INVALID_FIGURES,
    LATER_KINDS,
    Counts,
    InvalidKind,
    TallySheet,
)
from sandogh.core.errors import SandoghError
from sandogh.formats.csv_cells import as_written, neutralised
from sandogh.locale.digits import to_ascii_digits
from sandogh.services.collector import collector_paused

# The sheet's figures as the paper minutes list them: the invalid kinds after valid, void last.
FIGURES = (
    *(figure for figure in COUNTS_FIGURES if figure != "void"),
    *INVALID_FIGURES.values(),
    "void",
)
COLUMNS = ("station", "contest", *FIGURES, "candidate", "votes")
_OPTIONAL = frozenset(INVALID_FIGURES[kind] for kind in LATER_KINDS)
LISTED = 50  # problems listed in an error; the rest are counted
# Larger than any station counts, and it fits every SQL INTEGER column.
_LARGEST = 2**31 - 1


@dataclass(frozen=True)
class RowProblem:
    """A problem on one line of the file; `column` is None when the whole line is concerned, and
    `line` is 0 when the whole file is (it cannot be read)."""

    line: int
    column: str | None
    message: str

    def __str__(self) -> str:
        if not self.line:
            return self.message
        where = f"line {self.line}" + ("" if self.column is None else f", column {self.column}")
        return f"{where}: {self.message}"


class TallyCsvError(SandoghError):
    """A tally-sheet CSV with problems: the first `LISTED` in `problems`, and `more` not listed."""

    def __init__(self, source_name: str, problems: list[RowProblem], more: int) -> None:
        self.source_name, self.problems, self.more = source_name, tuple(problems), more
        total = len(problems) + more
        first = "; ".join(str(p) for p in problems[:3])
        super().__init__(
            f"{source_name}: {first}"
            if total == 1
            else f"{source_name}: {total} problems: {first}" + ("; …" if total > 3 else "")
        )


def load_tally_csv(path: Path) -> tuple[TallySheet, ...]:
    """Read the tally-sheet CSV at `path` (UTF-8, with or without a byte-order mark)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as stream:
            return read_tally_csv(stream, source_name=str(path))
    except OSError as error:
        problem = RowProblem(0, None, f"cannot read: {error.strerror}")
        raise TallyCsvError(str(path), [problem], 0) from error


def read_tally_csv(stream: TextIO, *, source_name: str) -> tuple[TallySheet, ...]:
    """Every sheet of the CSV in `stream`, in the order of their first rows."""
    found = _Problems(source_name)
    with collector_paused():
        reader = csv.reader(stream, strict=True)
        try:
            header = next(reader, None)
            columns = _columns(header, found)
            width = len(header or ())
            sheets = {} if columns is None else _rows(reader, columns, width, found)
        except (csv.Error, UnicodeDecodeError) as error:
            found.add(reader.line_num + 1, None, f"not a readable UTF-8 CSV line: {error}")
            found.fail()
        found.fail()
        listed = {k for k, name in INVALID_FIGURES.items() if (columns or {})[name] < width}
        return tuple(
            sheet.tally(station, contest, listed) for (station, contest), sheet in sheets.items()
        )


def write_tally_csv(sheets: Iterable[TallySheet], stream: TextIO) -> int:
    """Write `sheets` as the CSV `read_tally_csv` reads, sorted by station, contest and ballot
    code (in numeric order), with `\\n` line ends; returns the number of rows after the header.

    A sheet without votes has no row to carry its figures, and two sheets of the same station and
    contest would be read back as one: both are refused with `ValueError`.
    """
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(COLUMNS)
    rows, previous = 0, None
    for sheet in sorted(sheets, key=operator.attrgetter("station", "contest")):
        if (sheet.station, sheet.contest) == previous or not sheet.counts.votes:
            problem = (
                "two sheets for" if sheet.counts.votes else "no candidate rows in the sheet of"
            )
            raise ValueError(f"{problem} station {sheet.station}, contest {sheet.contest}")
        previous = (sheet.station, sheet.contest)
        c = sheet.counts
        head = (
            neutralised(sheet.station),
            neutralised(sheet.contest),
            c.papers_received,
            c.papers_used,
            c.papers_unused,
            c.papers_spoiled,
            c.cast,
            c.valid,
            *(c.invalid.get(kind, 0) for kind in INVALID_FIGURES),
            c.void,
        )
        codes = sorted(c.votes, key=lambda code: (len(code), code))
        writer.writerows((*head, neutralised(code), c.votes[code]) for code in codes)
        rows += len(codes)
    return rows


class _Problems:
    """Problems as they are found: the first `LISTED` kept, the others only counted."""

    def __init__(self, source_name: str) -> None:
        self.source_name = source_name
        self.listed: list[RowProblem] = []
        self.more = 0

    def add(self, line: int, column: str | None, message: str) -> None:
        if len(self.listed) < LISTED:
            self.listed.append(RowProblem(line, column, message))
        else:
            self.more += 1

    def fail(self) -> None:
        if self.listed:
            raise TallyCsvError(self.source_name, self.listed, self.more)


def _columns(header: list[str] | None, found: _Problems) -> dict[str, int] | None:
    if header is None:
        found.add(1, None, "the file is empty; the first line must name the columns")
        return None
    names = [name.strip().removeprefix("\ufeff") for name in header]
    for name in sorted(set(names) - set(COLUMNS)):
        found.add(1, name, f"unknown column; the columns are {', '.join(COLUMNS)}")
    for name in sorted({name for name in names if names.count(name) > 1}):
        found.add(1, name, "the column is named twice")
    for name in COLUMNS:
        if name not in names and name not in _OPTIONAL:
            found.add(1, name, "a required column is missing")
    if found.listed:
        return None
    columns = {name: i for i, name in enumerate(names)}
    # An optional column left out is read from a "0" put after each row's last field.
    absent = sorted(_OPTIONAL - columns.keys())
    return columns | {name: len(names) + i for i, name in enumerate(absent)}


def _ascii(text: str) -> str:
    text = as_written(text.strip())
    return text if text.isascii() else to_ascii_digits(text)


def _count(text: str) -> int | None:
    """A whole number from 0 to `_LARGEST`, or None."""
    if text.isdigit() and text.isascii() and len(text) < 10:  # the common case, at once
        return int(text)
    digits = _ascii(text)
    if not (digits.isdigit() and digits.isascii() and len(digits) <= 10):
        return None
    number = int(digits)
    return number if number <= _LARGEST else None


_NOT_A_COUNT = f"must be a whole number from 0 to {_LARGEST}"


class _Sheet:
    """A sheet being read: the line, the text and the numbers of its figures, its votes."""

    __slots__ = ("figures", "line", "text", "votes")

    def __init__(self, line: int, text: tuple[str, ...], figures: tuple[int, ...]) -> None:
        self.line, self.text, self.figures = line, text, figures
        self.votes: dict[str, int] = {}

    def tally(self, station: str, contest: str, listed: Set[InvalidKind]) -> TallySheet:
        """The sheet, with the invalid kinds the file has a column for."""
        received, used, unused, spoiled, cast, valid, *invalid, void = self.figures
        counts = Counts(
            papers_received=received,
            papers_used=used,
            papers_unused=unused,
            papers_spoiled=spoiled,
            cast=cast,
            valid=valid,
            invalid={
                kind: n for kind, n in zip(INVALID_FIGURES, invalid, strict=True) if kind in listed
            },
            void=void,
            votes=self.votes,
        )
        return TallySheet(station=station, contest=contest, counts=counts)


def _figures(text: tuple[str, ...], line: int, found: _Problems) -> tuple[int, ...]:
    """The figures as numbers; empty when one is not a count (the sheet is then never built)."""
    numbers = [_count(value) for value in text]
    for name, value, number in zip(FIGURES, text, numbers, strict=True):
        if number is None:
            found.add(line, name, f"{_NOT_A_COUNT} (got {value.strip()!r})")
    return () if None in numbers else tuple(n for n in numbers if n is not None)


_Sheets = dict[tuple[str, str], _Sheet]  # by station and contest


def _rows(reader: Reader, columns: dict[str, int], width: int, found: _Problems) -> _Sheets:
    """The sheets of every row; the common case (ASCII, a sheet already seen) is the fast one."""
    zeros = ["0"] * (len(columns) - width)  # one for each optional column left out
    figures_of = operator.itemgetter(*(columns[name] for name in FIGURES))
    station_at, contest_at = columns["station"], columns["contest"]
    candidate_at, votes_at = columns["candidate"], columns["votes"]
    sheets: _Sheets = {}
    as_written: _Sheets = {}  # the same sheets, by their station and contest as written
    for row in reader:
        if len(row) != width:
            if row:  # a blank line is no row
                message = f"{len(row)} fields, but the header names {width} columns"
                found.add(reader.line_num, None, message)
            continue
        if zeros:
            row.extend(zeros)
        written = (row[station_at], row[contest_at])
        sheet = as_written.get(written)
        if sheet is None:
            sheet = _sheet(sheets, written, figures_of(row), reader.line_num, found)
            if sheet is None:
                continue
            as_written[written] = sheet
        elif (text := figures_of(row)) != sheet.text:
            _compare(sheet, text, reader.line_num, found)
        candidate, votes = row[candidate_at], row[votes_at]
        if not (candidate.isdigit() and candidate.isascii()):
            candidate = _ascii(candidate)
        if not (candidate.isdigit() and candidate.isascii()):
            found.add(reader.line_num, "candidate", f"must be a ballot code (got {candidate!r})")
        count = _count(votes)
        if count is None:
            found.add(reader.line_num, "votes", f"{_NOT_A_COUNT} (got {votes.strip()!r})")
        elif candidate in sheet.votes:
            found.add(
                reader.line_num,
                "candidate",
                f"candidate {candidate} is named twice in the sheet of station {written[0]}, "
                f"contest {written[1]}",
            )
        else:
            sheet.votes[candidate] = count
    return sheets


def _sheet(
    sheets: _Sheets, written: tuple[str, str], text: tuple[str, ...], line: int, found: _Problems
) -> _Sheet | None:
    """The sheet of the codes as written on `line`, new or seen with other digits or spaces."""
    station, contest = _ascii(written[0]), _ascii(written[1])
    if not station or not contest:
        for name, value in (("station", station), ("contest", contest)):
            if not value:
                found.add(line, name, "required")
        return None
    sheet = sheets.get((station, contest))
    if sheet is None:
        sheet = sheets[station, contest] = _Sheet(line, text, _figures(text, line, found))
    elif text != sheet.text:
        _compare(sheet, text, line, found)
    return sheet


def _compare(sheet: _Sheet, text: tuple[str, ...], line: int, found: _Problems) -> None:
    """Rows of a sheet may write a figure differently (`۹۵۰`, `950`) but never another number."""
    numbers = _figures(text, line, found)
    if not numbers or not sheet.figures:
        return
    for name, mine, first in zip(FIGURES, numbers, sheet.figures, strict=True):
        if mine != first:
            found.add(
                line, name, f"{mine} differs from {first} on line {sheet.line} for the same sheet"
            )
