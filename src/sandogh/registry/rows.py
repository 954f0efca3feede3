"""A person's row of a registry source file, checked, and the problems of the bad rows.

Issue 3 ("Civil registry": national code, birth date, alive, citizen). The CSV and the Parquet
import read their rows through `person_row`, so that both take a field written the same way and
name a bad one in the same words. A CSV field is text; a Parquet column may also hold the value
typed (a whole-number code, a date, a boolean or 0/1), or be empty (null).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from sandogh.core.definition.problems import Problem
from sandogh.core.voters import NationalCode, NationalCodeError, parse_national_code
from sandogh.core.voters.national_code import LENGTH
from sandogh.core.voters.photo import MAX_PHOTO_BYTES, photo_type

HEADER = ("national_code", "birth_date", "alive", "citizen")
#: The columns a source may add: the person's name and photo (issue 13), which the station's staff
#: compare with the person at check-in. A CSV's photo is the path of the image file from the CSV's
#: folder, a Parquet's the image's bytes; an empty one is none.
OPTIONAL = ("name", "photo")
SHOWN_PROBLEMS = 1000
_TO_ASCII = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "0123456789" * 2)
_TRUTH = {"true": 1, "1": 1, "false": 0, "0": 0}

#: A person as stored: the code as an integer, the birth date in ISO form, alive and citizen as
#: 0/1, the position (line or row) of the source it came from, and the name and photo if any.
Row = tuple[int, str, int, int, int, str | None, bytes | None]
#: The four fields of `HEADER`, in its order, as read from the source.
Fields = Sequence[str | int | datetime.date | None]


class Problems:
    """The bad rows, each named by its `unit` ("line", "row") and position: the first
    `SHOWN_PROBLEMS` kept, all counted, so that memory stays bounded."""

    def __init__(self, unit: str) -> None:
        self.unit = unit
        self.shown: list[Problem] = []
        self.total = 0

    def at(self, position: int, message: str) -> None:
        self.add(Problem(f"{self.unit} {position}", message))

    def add(self, problem: Problem) -> None:
        self.total += 1
        if len(self.shown) < SHOWN_PROBLEMS:
            self.shown.append(problem)


def person_row(
    fields: Fields,
    position: int,
    problems: Problems,
    name: str | None = None,
    photo: bytes | None = None,
) -> Row | None:
    """The row of `fields` (with the person's `name` and `photo`, if any), or None when a field is
    wrong: then one problem names each wrong one."""
    code_value, born_value, alive_value, citizen_value = fields
    wrong: list[str] = []
    code = _code(code_value, wrong)
    born = _date(born_value, wrong)
    alive = _truth("alive", alive_value, wrong)
    citizen = _truth("citizen", citizen_value, wrong)
    if photo and photo_type(photo) is None:
        wrong.append(f"photo: not a JPEG or PNG of at most {MAX_PHOTO_BYTES // 1024} KiB")
    if code is None or born is None or alive is None or citizen is None or wrong:
        problems.at(position, "; ".join(wrong))
        return None
    named = name.strip() if name else None
    return (
        int(code.digits),
        born.isoformat(),
        alive,
        citizen,
        position,
        named or None,
        photo or None,
    )


def _code(value: object, wrong: list[str]) -> NationalCode | None:
    if value is None:
        wrong.append("national_code: missing")
        return None
    if isinstance(value, int):
        if value < 0:
            wrong.append(f"national_code: {value} is negative")
            return None
        # a number has lost the code's leading zeros, which are put back
        value = f"{value:0{LENGTH}d}"
    text = str(value)
    try:
        # a code already in its canonical form is checked once, by NationalCode itself
        canonical = len(text) == LENGTH and text.isascii() and text.isdigit()
        return NationalCode(text) if canonical else parse_national_code(text)
    except NationalCodeError as error:
        wrong.append(f"national_code: {error.fault}")
        return None


def _date(value: object, wrong: list[str]) -> datetime.date | None:
    if value is None:
        wrong.append("birth_date: missing")
        return None
    if isinstance(value, datetime.date):
        return value
    ascii_text = str(value).strip().translate(_TO_ASCII)
    if len(ascii_text) == len("YYYY-MM-DD"):
        try:
            return datetime.date.fromisoformat(ascii_text)
        except ValueError:
            pass
    wrong.append(f"birth_date: {value!r} is not a date written YYYY-MM-DD")
    return None


def _truth(name: str, value: object, wrong: list[str]) -> int | None:
    if value is None:
        wrong.append(f"{name}: missing")
        return None
    if isinstance(value, int):  # a boolean is an int too
        found = int(value) if value in (0, 1) else None
    else:
        found = _TRUTH.get(str(value).strip().translate(_TO_ASCII).lower())
    if found is None:
        wrong.append(f"{name}: {value!r} is not true, false, 1 or 0")
    return found
