"""Canonical JSON read strictly: the form of records, reports and signed reports.

DESIGN.md §4: the station report is canonical JSON, so that the bytes signed are a function of the
report alone. The form is RFC 8785 (JSON Canonicalization Scheme) for the values written here, so
any RFC 8785 implementation gives the same bytes: UTF-8; object members sorted by the UTF-16 code
units of their names; no white space; only `"`, `\\` and control characters escaped (`\\n` and
the like, else `\\u00xx`); whole numbers as JSON numbers within 0 … 2^53 − 1, the range every JSON
reader holds exactly (RFC 7493, I-JSON). These documents hold no fractions, booleans or nulls, and
no text with a lone surrogate (UTF-8 cannot carry one: `Reader.text` refuses it).

Reading is strict and names every problem with its path: a key given twice stops the reading;
a number with a point or an exponent is read as `Inexact`, never as a binary float, so that the
field it stands in can be reported as not a whole number.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

from sandogh.core.canonical_json import LONE_SURROGATE, SAFE_INTEGER, json_problems
from sandogh.core.definition.problems import Problem


class Inexact(str):
    """The text of a JSON number with a point or exponent, kept as written."""

    __slots__ = ()


class _DuplicateKeyError(ValueError):
    pass


def _refuse_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    document: dict[str, object] = {}
    for key, value in pairs:
        if key in document:
            raise _DuplicateKeyError(key)
        document[key] = value
    return document


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not a number JSON allows")


#: the start of a JSON escape of a UTF-16 surrogate (U+D800 to U+DFFF), in either case
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_TOO_DEEP = "nested too deep (arrays or objects within one another, thousands of levels)"


class Reader:
    """Reads one document, collecting every problem in `problems`.

    A bad figure reads as 0 and a bad text as "", so that reading goes on to the other fields;
    the caller raises when `problems` is not empty, and never uses those stand-ins.
    """

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def problem(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def parse(self, data: bytes) -> object | None:
        try:
            text = data.decode("utf-8")
            document: object = json.loads(
                text,
                object_pairs_hook=_refuse_duplicates,
                parse_float=Inexact,
                parse_constant=_refuse_constant,
            )
        except UnicodeDecodeError as error:
            self.problem("", f"not UTF-8 (byte {error.start})")
        except _DuplicateKeyError as error:
            self.problem("", f"the key {error.args[0]!r} is given twice")
        except ValueError as error:  # json.JSONDecodeError is one
            self.problem("", f"not JSON: {error}")
        except RecursionError:
            # arrays or objects nested some thousands deep: no document sandogh reads is, and
            # the parser would otherwise end the request with an internal error
            self.problem("", _TOO_DEEP)
        else:
            # JSON can write a lone surrogate as an escape; UTF-8, so the canonical form, cannot
            # hold it. Only an escape can (the text is UTF-8): without one, nothing to look for
            # (the walk took most of the reading of a large record)
            if not _SURROGATE_ESCAPE.search(text):
                return document
            try:
                surrogate = any("surrogate" in p.message for p in json_problems(document, ""))
            except RecursionError:
                self.problem("", _TOO_DEEP)
                return None
            if not surrogate:
                return document
            self.problem("", "holds a lone surrogate (an escape from \\ud800 to \\udfff)")
        return None

    def fields(
        self, value: object, path: str, required: frozenset[str]
    ) -> Mapping[str, object] | None:
        """An object with exactly the `required` keys: each missing or unknown one is a problem."""
        document = self.mapping(value, path)
        if document is None:
            return None
        missing = sorted(required - document.keys())
        unknown = sorted(document.keys() - required)
        for key in missing:
            self.problem(_join(path, key), "missing")
        for key in unknown:
            self.problem(_join(path, key), "unknown field")
        return None if missing or unknown else document

    def mapping(self, value: object, path: str) -> Mapping[str, object] | None:
        if not isinstance(value, dict):
            self.problem(path, f"must be an object, not {_kind(value)}")
            return None
        return value

    def figure(self, value: object, path: str) -> int:
        """A whole number from 0 to `SAFE_INTEGER`."""
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(path, f"must be a whole number, not {_kind(value)}")
            return 0
        if not 0 <= value <= SAFE_INTEGER:
            self.problem(path, f"must be from 0 to {SAFE_INTEGER}, not {value}")
            return 0
        return value

    def text(self, value: object, path: str, form: re.Pattern[str] | None = None) -> str:
        """A non-empty string, matching `form` in full when one is given."""
        if not isinstance(value, str) or isinstance(value, Inexact):
            self.problem(path, f"must be a string, not {_kind(value)}")
            return ""
        if not value:
            self.problem(path, "must not be empty")
            return ""
        if LONE_SURROGATE.search(value):
            self.problem(path, f"{value!r} holds a lone surrogate, which UTF-8 cannot carry")
            return ""
        if form is not None and form.fullmatch(value) is None:
            self.problem(path, f"{value!r} is not of the form {form.pattern}")
            return ""
        return value

    def require_canonical(self, encoded: bytes, data: bytes) -> None:
        """A problem when `data` is not `encoded`, the canonical form of what it was read as."""
        if encoded != data:
            self.problem("", "not in canonical form (keys sorted, no white space, UTF-8)")


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _kind(value: object) -> str:
    if isinstance(value, Inexact):
        return f"the number {value}"
    return {
        dict: "an object",
        list: "a list",
        str: "a string",
        int: "a number",
        bool: "true/false",
        type(None): "null",
    }.get(type(value), type(value).__name__)
