"""Canonical JSON: one byte string for one value, so that a hash over it can be recomputed anywhere.

The form is the JSON Canonicalization Scheme (RFC 8785) restricted to I-JSON values (RFC 7493)
without fractional numbers: objects with their members sorted by the UTF-16 code units of their
names, no white space, strings in UTF-8 with only `"`, `\\` and the control characters below
U+0020 escaped (as `\\b \\t \\n \\f \\r`, the others as `\\u00xx` in lower-case hex), integers in
decimal within ±(2^53 − 1), and `true`, `false`, `null`. Floats are refused rather than
canonicalised: a decimal is written as a string, as counts are ints and shares exact fractions
(DESIGN.md §2). Any RFC 8785 implementation (JavaScript, Go, Java, …) gives the same bytes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from json.encoder import encode_basestring
from typing import TypeAlias, cast

import orjson

from sandogh.core.definition.problems import Problem
from sandogh.core.errors import SandoghError

JSONValue: TypeAlias = (
    str
    | int
    | bool
    | list["JSONValue"]
    | tuple["JSONValue", ...]
    | Mapping[str, "JSONValue"]
    | None
)

SAFE_INTEGER = 2**53 - 1  # the largest integer every JSON reader holds exactly (RFC 7493 §2.2)


class NotCanonicalError(SandoghError):
    """A value that has no canonical JSON form; `problems` names every part that is wrong."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        self.problems = problems
        super().__init__("not canonical JSON: " + "; ".join(str(p) for p in problems))


def json_problems(value: object, path: str) -> Iterator[Problem]:
    """Every part of `value`, at `path` and below, that canonical JSON cannot hold."""
    match value:
        case None | bool():
            return
        case int() if abs(value) > SAFE_INTEGER:
            yield Problem(path, f"{value} is beyond ±(2^53 − 1); write it as a string")
        case int():
            return
        case str():
            yield from _string_problems(value, path)
        case Mapping():
            for key, item in value.items():
                if not isinstance(key, str):
                    yield Problem(path, f"the key {key!r} is not a string")
                    continue
                yield from _string_problems(key, path)
                yield from json_problems(item, f"{path}.{key}")
        case list() | tuple():
            for index, item in enumerate(value):
                yield from json_problems(item, f"{path}[{index}]")
        case float():
            yield Problem(path, f"the float {value!r} is not allowed; write it as a string")
        case _:
            yield Problem(path, f"a {type(value).__name__} is not a JSON value")


def canonical_json(value: object) -> bytes:
    """The canonical UTF-8 bytes of `value`; `NotCanonicalError` naming every part that has no
    canonical form (values read from outside are checked here, not trusted to their type)."""
    try:
        encoded = orjson.dumps(value, option=_ORJSON)
    except orjson.JSONEncodeError:  # e.g. an integer beyond ±(2^53 − 1), a lone surrogate
        pass
    else:  # orjson's depth bound holds: `_plain` walks no loop
        if _plain(value) and not any(lead in encoded for lead in _BEYOND_BMP):
            return encoded
    problems = tuple(json_problems(value, ""))
    if problems:
        raise NotCanonicalError(problems)
    return _encode(cast(JSONValue, value)).encode()


#: orjson writes a value of `_plain` types exactly as `_encode` does (members sorted by code
#: point, UTF-8, only `"`, `\\` and the control characters escaped, those without a short form
#: as `\\u00xx` in lower case; `tests/core/test_canonical_json.py` draws values to compare the
#: two), several times faster than the standard library's encoder in C, itself 30 to 50 times
#: `_encode`'s pace: a national snapshot, a certification's digest over the nation's sheets or
#: an audit's 1.3 M cast-vote records is hashed in a fraction of a second. It refuses what
#: `_encode` must not write either (an integer beyond ±(2^53 − 1), a lone surrogate, a key that
#: is not a string, a subclass, a date, a dataclass, a value nested 255 deep) but writes some
#: values `_encode` refuses (a float, an enum, a UUID): `_plain` turns those away. Code point
#: order is RFC 8785's order of UTF-16 code units for every character below U+10000.
_ORJSON = (
    orjson.OPT_SORT_KEYS
    | orjson.OPT_STRICT_INTEGER
    | orjson.OPT_PASSTHROUGH_SUBCLASS
    | orjson.OPT_PASSTHROUGH_DATACLASS
    | orjson.OPT_PASSTHROUGH_DATETIME
)
#: The standard library's encoder in C writes a value of `_plain` types as `_encode` does, for
#: callers that write JSON text of their own around it (`plain_json`, `json_string`).
_PLAIN = json.JSONEncoder(
    ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
)
#: The lead bytes of UTF-8's four-byte sequences: a character beyond U+FFFF, whose code point
#: order and UTF-16 order may differ; then the members are sorted by `_encode`.
_BEYOND_BMP = (b"\xf0", b"\xf1", b"\xf2", b"\xf3", b"\xf4")


def plain_json(value: JSONValue) -> str:
    """`value`'s JSON as the standard library's encoder writes it with canonical JSON's
    separators, members sorted by code point: canonical once `plain_bytes` takes it, for a
    value whose types `_plain` takes (the caller knows them; nothing is checked here)."""
    return _PLAIN.encode(value)


#: a string's JSON as `_PLAIN` and `_encode` write it (the standard library's, in C)
json_string: Callable[[str], str] = encode_basestring


def plain_bytes(text: str) -> bytes | None:
    """The UTF-8 of `text`, JSON written by `plain_json` and `json_string`, when it is
    canonical; None when it holds a lone surrogate (no UTF-8) or a character beyond U+FFFF
    (members may be in another order than RFC 8785's)."""
    try:
        encoded = text.encode()
    except UnicodeEncodeError:
        return None
    if any(lead in encoded for lead in _BEYOND_BMP):
        return None
    return encoded


def _plain(value: object) -> bool:
    """Whether `value` holds only dicts, lists, tuples, strings, booleans, None and integers, of
    exactly those types (a subclass such as an enum, another mapping, a float, a UUID: the
    checked way, `json_problems` and `_encode`); the keys and the integers' bounds are orjson's
    to refuse. Each container's members are looked at in one pass in C (`map(type, …)`), and
    only those that are containers again in Python: a certification's digest over the nation's
    235,000 sheets took 1.6 s to check one member at a time."""
    pending = [value]
    while pending:
        item = pending.pop()
        kind = type(item)
        if kind is dict:
            members: Iterable[object] = cast(dict[str, object], item).values()
        elif kind is list or kind is tuple:
            members = cast(Iterable[object], item)
        else:
            return kind in _SCALARS
        kinds = set(map(type, members))
        if kinds <= _SCALARS:
            continue
        if not kinds <= _PLAIN_TYPES:
            return False
        pending.extend(member for member in members if type(member) in _CONTAINERS)
    return True


_SCALARS = frozenset({str, int, bool, type(None)})
_CONTAINERS = frozenset({dict, list, tuple})
_PLAIN_TYPES = _SCALARS | _CONTAINERS


#: a UTF-16 surrogate (U+D800 to U+DFFF), alone in a Python string: UTF-8 cannot carry it.
#: Looked for in C: a character at a time in Python took most of reading a national record.
LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _string_problems(text: str, path: str) -> Iterator[Problem]:
    if LONE_SURROGATE.search(text):
        yield Problem(path, f"{text!r} holds a lone surrogate, which UTF-8 cannot carry")


def _encode(value: JSONValue) -> str:
    match value:
        case None:
            return "null"
        case bool():
            return "true" if value else "false"
        case int():
            return str(value)
        case str():
            return json.dumps(value, ensure_ascii=False)
        case Mapping():
            members = sorted(value.items(), key=lambda member: member[0].encode("utf-16-be"))
            return "{" + ",".join(f"{_encode(k)}:{_encode(v)}" for k, v in members) + "}"
        case _:
            return "[" + ",".join(_encode(item) for item in value) + "]"
