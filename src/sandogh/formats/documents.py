"""Reading a YAML or JSON document strictly, for the files sandogh reads (`docs/formats.md`).

A document becomes plain data (mappings, lists, text, `int`, `Decimal`, `bool`, `None`, dates)
and nothing is guessed or lost on the way: numbers with a point are read as `Decimal`, never
`float`, so fractions and coordinates stay exact; YAML 1.1's octal `0701` and sexagesimal `1:30`
stay text, so a ballot code is never silently turned into another number; a duplicate key is
refused, not overwritten; nesting is limited, aliases cannot blow up and unsafe tags are refused.
What YAML 1.1 alone reads, and reads as something the file does not show, is refused: a key that
is not text (`1:`, `yes:`), `no` or `off` for false, `1_449` for 1449.
Anything wrong is a `DocumentError` with one line per problem, each naming the source.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

import yaml

from sandogh.core.errors import SandoghError
from sandogh.formats.written import exact_number, visible
from sandogh.formats.yaml_events import UnreadableError, at_fa, yaml_document
from sandogh.locale.digits import to_persian_digits


class DocumentError(SandoghError):
    """Bytes that do not hold one document that can be read exactly; `problems` says why, each
    line starting with the source's name; `fa` says each in Persian (the command line shows it)."""

    def __init__(self, problems: Sequence[str], fa: Sequence[str] = ()) -> None:
        self.problems = tuple(problems)
        self.fa = tuple(fa)
        super().__init__("; ".join(self.problems))


def read_document(data: bytes, source_name: str) -> object:
    """The document in `data`: JSON when named `.json` or starting with `{`, else YAML."""
    if not data.strip():
        raise _failure(source_name, "the file is empty", "پرونده خالی است")
    if source_name.lower().endswith(".json"):
        return read_json(data, source_name)
    if data.lstrip().startswith((b"{", b"\xef\xbb\xbf{")):
        try:
            return read_json(data, source_name)
        except DocumentError:
            pass  # a YAML flow mapping also starts with `{`; YAML says what is wrong
    return _read_yaml(data, source_name)


def read_json(data: bytes, source_name: str) -> object:
    """The JSON document in `data`."""
    duplicates: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        found = dict(items)
        if len(found) != len(items):
            duplicates.extend(k for k, n in Counter(k for k, _ in items).items() if n > 1)
        return found

    try:
        document = json.loads(
            _text(data, source_name), parse_float=exact_number, object_pairs_hook=pairs
        )
    except json.JSONDecodeError as error:
        raise _failure(
            source_name,
            f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})",
            f"JSON درستی نیست ({at_fa(error.lineno, error.colno)})",
        ) from None
    except RecursionError as error:
        raise _failure(
            source_name, f"not valid JSON: {error}", "JSON درستی نیست: بیش از اندازه تودرتو است"
        ) from None
    except ValueError as error:  # a number of 4,300 digits
        raise _failure(
            source_name,
            f"not valid JSON: {error}",
            "JSON درستی نیست: عددی در آن بیش از اندازه رقم دارد",
        ) from None
    if duplicates:
        raise DocumentError(
            [f"{source_name}: duplicate key {k!r} in an object" for k in duplicates],
            [f"{source_name}: کلید «{visible(k)}» در یک شیء دو بار آمده است" for k in duplicates],
        )
    return document


def _text(data: bytes, source_name: str) -> str:
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise _failure(
            source_name,
            f"not UTF-8 text (byte {error.start})",
            f"متن UTF-8 نیست (بایت {to_persian_digits(str(error.start))})",
        ) from None


def _failure(source_name: str, message: str, fa: str) -> DocumentError:
    return DocumentError([f"{source_name}: {message}"], [f"{source_name}: {fa}"])


def _read_yaml(data: bytes, source_name: str) -> object:
    text = _text(data, source_name)
    try:
        document, duplicates = yaml_document(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = "" if mark is None else f" (line {mark.line + 1}, column {mark.column + 1})"
        where_fa = "" if mark is None else f" ({at_fa(mark.line + 1, mark.column + 1)})"
        raise _failure(
            source_name,
            f"not valid YAML or JSON: {error.problem}{where}",
            f"YAML یا JSON درستی نیست{where_fa}",
        ) from None
    except UnreadableError as error:
        raise _failure(
            source_name, f"not valid YAML or JSON: {error}", f"YAML یا JSON درستی نیست: {error.fa}"
        ) from None
    except yaml.YAMLError as error:
        raise _failure(
            source_name, f"not valid YAML or JSON: {error}", "YAML یا JSON درستی نیست"
        ) from None
    except ValueError as error:  # a date the calendar has not (2026-13-45), by YAML's timestamp
        raise _failure(
            source_name,
            f"not valid YAML or JSON: {error}",
            "YAML یا JSON درستی نیست: مقداری در آن، چون تاریخی که در تقویم نیست، خوانده نمی‌شود",
        ) from None
    if duplicates:
        raise DocumentError(
            [f"{source_name}, line {n}: duplicate key {k!r}" for n, k in duplicates],
            [
                f"{source_name}، سطر {to_persian_digits(str(n))}: "
                f"کلید «{visible(k)}» دو بار آمده است"
                for n, k in duplicates
            ],
        )
    return document
