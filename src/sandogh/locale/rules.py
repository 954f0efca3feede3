"""English details of a known form said again in Persian.

The verifiers and readers name what is wrong in English at their source (the core and the
independent verifier hold no catalogue); a command that speaks Persian says each detail of a
known form again by a table of patterns, each with the Persian sentence built from its match,
and leaves a detail of no known form as it is."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

Rule = tuple[re.Pattern[str], Callable[[re.Match[str]], str]]


def by_rules(detail: str, rules: Iterable[Rule]) -> str:
    """`detail` by the first rule whose pattern matches it whole; else as it is."""
    for pattern, persian in rules:
        match = pattern.fullmatch(detail)
        if match is not None:
            return persian(match)
    return detail
