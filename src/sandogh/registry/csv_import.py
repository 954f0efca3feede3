"""The people of a registry CSV file, read row by row.

Issue 3 ("Civil registry": CSV import of millions of people, streamed). The file is UTF-8 (a
byte-order mark is allowed) with the header `national_code,birth_date,alive,citizen` (in any
order, spaces around a name allowed), and `name` and `photo` if the registry has them, and a row
per person, written as `registry.rows` reads it; a photo is the path of its image file from the
CSV's folder. A bad row is named by its line, the header being line 1.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from sandogh.registry.rows import HEADER, OPTIONAL, Problems, Row, person_row

UNIT = "line"


def csv_rows(source: Path, problems: Problems) -> Iterator[Row]:
    """The good rows of `source`, one at a time; every bad one goes to `problems`."""
    with source.open(encoding="utf-8-sig", newline="") as text:
        reader = csv.reader(text)
        header = next(reader, None)
        names = [name.strip() for name in header or []]
        extra = sorted(set(names) - set(HEADER))
        if (
            sorted(set(names) & set(HEADER)) != sorted(HEADER)
            or len(set(names)) != len(names)
            or (not set(extra) <= set(OPTIONAL))
        ):
            problems.at(
                1,
                f"the header must name {', '.join(HEADER)} (and may name {', '.join(OPTIONAL)}),"
                f" not {', '.join(names)!r}",
            )
            return
        at = [names.index(name) for name in HEADER]
        more = {name: names.index(name) for name in extra}
        try:
            for fields in reader:
                if not fields:  # csv reads a blank line as no fields
                    continue
                if len(fields) != len(names):
                    problems.at(reader.line_num, f"{len(fields)} fields, {len(names)} are needed")
                    continue
                name = fields[more["name"]] if "name" in more else None
                written = fields[more["photo"]].strip() if "photo" in more else ""
                try:
                    photo = (source.parent / written).read_bytes() if written else None
                except OSError:
                    problems.at(reader.line_num, f"photo: no file {written!r} can be read")
                    continue
                row = person_row([fields[i] for i in at], reader.line_num, problems, name, photo)
                if row is not None:
                    yield row
        except csv.Error as error:
            problems.at(reader.line_num, f"not CSV: {error}")
