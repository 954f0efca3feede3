"""The people of a registry CSV file, read row by row.

Issue 3 ("Civil registry": CSV import of millions of people, streamed). The file is UTF-8 (a
byte-order mark is allowed) with the header `national_code,birth_date,alive,citizen` (in any
order, spaces around a name allowed) and a row per person, written as `registry.rows` reads it.
A bad row is named by its line, the header being line 1.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from sandogh.registry.rows import HEADER, Problems, Row, person_row

UNIT = "line"


def csv_rows(source: Path, problems: Problems) -> Iterator[Row]:
    """The good rows of `source`, one at a time; every bad one goes to `problems`."""
    with source.open(encoding="utf-8-sig", newline="") as text:
        reader = csv.reader(text)
        header = next(reader, None)
        names = [name.strip() for name in header or []]
        if sorted(names) != sorted(HEADER):
            problems.at(1, f"the header must name {', '.join(HEADER)}, not {', '.join(names)!r}")
            return
        at = [names.index(name) for name in HEADER]
        try:
            for fields in reader:
                if not fields:  # csv reads a blank line as no fields
                    continue
                if len(fields) != len(HEADER):
                    problems.at(reader.line_num, f"{len(fields)} fields, {len(HEADER)} are needed")
                    continue
                row = person_row([fields[i] for i in at], reader.line_num, problems)
                if row is not None:
                    yield row
        except csv.Error as error:
            problems.at(reader.line_num, f"not CSV: {error}")
