"""The shapes of the published round record read back into the core's values (docs/audit.md §7):
READ, READS, TOTALS and a paper's address `STATION/CONTAINER/POSITION` (§3.4).

The one reading of each shape, the inverse of `audit_record.reading_json`, `shows_json`,
`totals_json` and `PaperAddress.__str__`: the services read back what the store keeps with it,
and the files (`formats.audit_readings`, `formats.audit_record_files`) read the boards' sheets
and the published records with it. Every problem is named by its path (DESIGN.md §2).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from sandogh.core.audit.errors import AuditInputError
from sandogh.core.audit.reading import Reading, Totals
from sandogh.core.audit.sampling import PaperAddress
from sandogh.core.canonical_json import JSONValue
from sandogh.core.definition.problems import Problem

_PAPER = re.compile(r"(.+)/([^/]+)/([1-9][0-9]{0,9})")


def paper_from_text(text: str, path: str = "paper") -> PaperAddress:
    """`STATION/CONTAINER/POSITION` (a station code may itself hold a `/`), the position a
    whole number from 1 written as `str` writes it."""
    found = _PAPER.fullmatch(text)
    if found:
        return PaperAddress(found[1], found[2], int(found[3]))
    raise AuditInputError([Problem(path, f"{text!r} is not STATION/CONTAINER/POSITION")])


def reading_from_json(value: JSONValue, path: str) -> Reading:
    """READ: "absent", "invalid" or the codes a valid ballot marks."""
    if value == "absent":
        return Reading.absent()
    if value == "invalid":
        return Reading.invalid()
    if isinstance(value, list) and value and all(isinstance(c, str) and c for c in value):
        return Reading.vote(*(str(c) for c in value))
    raise AuditInputError(
        [Problem(path, f'{value!r} is not "absent", "invalid" or a list of codes')]
    )


def shows_from_json(value: JSONValue, path: str = "shows") -> Mapping[str, Reading] | None:
    """READS: contest → READ; null (a paper not found, or no record)."""
    if value is None:
        return None
    if not isinstance(value, dict) or not value:
        raise AuditInputError([Problem(path, "must be an object of contests, or null")])
    problems: list[Problem] = []
    found: dict[str, Reading] = {}
    for contest, read in value.items():
        try:
            found[contest] = reading_from_json(read, f"{path}.{contest}")
        except AuditInputError as error:
            problems.extend(error.problems)
    if problems:
        raise AuditInputError(problems)
    return found


def totals_from_json(value: JSONValue, path: str = "hand") -> Totals | None:
    """TOTALS: {"cards", "cast", "valid", "votes"}; null (the station's papers not found)."""
    if value is None:
        return None
    problem = [Problem(path, "must be {cards, cast, valid, votes} of whole numbers")]
    if not isinstance(value, dict) or set(value) != {"cards", "cast", "valid", "votes"}:
        raise AuditInputError(problem)
    votes = value["votes"]
    if not isinstance(votes, dict) or not all(isinstance(code, str) and code for code in votes):
        raise AuditInputError(problem)
    figures = [value["cards"], value["cast"], value["valid"], *votes.values()]
    counts = [n for n in figures if isinstance(n, int) and not isinstance(n, bool) and n >= 0]
    if len(counts) != len(figures):
        raise AuditInputError(problem)
    cards, cast, valid, *tallies = counts
    return Totals(cards, cast, valid, dict(zip(votes, tallies, strict=True)))
