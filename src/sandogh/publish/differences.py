"""Where a published document differs from the one its signed reports give, figure by figure.

`verify-results` builds each document again from the re-added reports and names every figure
that differs by its path in the document: `counts.votes[25].votes` is candidate 25's votes,
`children[ST-0801-0001].reported` a child unit's flag. Lists of objects with a `code` (candidates,
units) or a `kind` (reports) are matched by it, so a figure is named by who it belongs to, not by
its place in the list (their order is presentation). CSV files are compared line by line.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

ABSENT = "—"
_KEYS = ("code", "kind")
_LINES_SHOWN = 20  # differing lines named per CSV file


@dataclass(frozen=True)
class Difference:
    """`path` in the document; the values as JSON text (`ABSENT` where there is none)."""

    path: str
    published: str
    expected: str


def _text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _same_text(published: Any, expected: Any) -> bool:
    """Whether both are written as the same JSON text, members in the same order: then no
    figure differs (a 1 and a true, or 1 and 1.0, are written apart). The whole document at
    once, in C: the walk below, a path made for every figure, took a millisecond a unit, and
    `verify-results` compares every unit's document."""
    try:
        return _text(published) == _text(expected)
    except (TypeError, ValueError):  # not JSON all through: the walk names where
        return False


def _keyed(items: list[Any]) -> str | None:
    """The field that names each item of `items` uniquely, if any."""
    for key in _KEYS:
        names = [item.get(key) if isinstance(item, dict) else None for item in items]
        if all(isinstance(name, str) for name in names) and len(set(names)) == len(names):
            return key
    return None


def differences(published: Any, expected: Any, path: str = "") -> list[Difference]:
    """Every place `published` differs from `expected`; none when they are equal."""
    if not path and _same_text(published, expected):
        return []
    if isinstance(published, dict) and isinstance(expected, dict):
        return _fields(published, expected, lambda key: f"{path}.{key}" if path else key)
    if isinstance(published, list) and isinstance(expected, list):
        key = _keyed(expected)
        if key is not None and _keyed(published) == key:
            return _fields(
                {item[key]: item for item in published},
                {item[key]: item for item in expected},
                lambda name: f"{path}[{name}]",
            )
        found = []
        for i in range(max(len(published), len(expected))):
            here = f"{path}[{i}]"
            if i >= len(published):
                found.append(Difference(here, ABSENT, _text(expected[i])))
            elif i >= len(expected):
                found.append(Difference(here, _text(published[i]), ABSENT))
            else:
                found += differences(published[i], expected[i], here)
        return found
    if type(published) is not type(expected) or published != expected:
        return [Difference(path, _text(published), _text(expected))]
    return []


def _fields(
    published: dict[str, Any], expected: dict[str, Any], at: Callable[[str], str]
) -> list[Difference]:
    found = []
    for key, value in expected.items():
        if key in published:
            found += differences(published[key], value, at(key))
        else:
            found.append(Difference(at(key), ABSENT, _text(value)))
    found += [
        Difference(at(key), _text(value), ABSENT)
        for key, value in published.items()
        if key not in expected
    ]
    return found


def line_differences(published: bytes, expected: bytes) -> list[Difference]:
    """The lines of a CSV file that differ, by line number (1 is the header)."""
    if published == expected:
        return []
    mine = published.decode("utf-8", errors="replace").splitlines()
    theirs = expected.decode("utf-8", errors="replace").splitlines()
    found = []
    for i in range(max(len(mine), len(theirs))):
        a = mine[i] if i < len(mine) else ABSENT
        b = theirs[i] if i < len(theirs) else ABSENT
        if a != b:
            found.append(Difference(f"line {i + 1}", a, b))
            if len(found) == _LINES_SHOWN:
                break
    return found
