"""The readings of an audit as the store keeps them: the JSON of the published round record
(docs/audit.md §7, `core.audit.audit_record`), read back into the core's values."""

from __future__ import annotations

from collections.abc import Mapping

from sandogh.core.audit.errors import AuditInputError
from sandogh.core.audit.reading import Reading, Totals
from sandogh.core.audit.sampling import PaperAddress
from sandogh.core.canonical_json import JSONValue
from sandogh.core.definition.problems import Problem


def address(text: str) -> PaperAddress:
    """`STATION/CONTAINER/POSITION` (a station code may itself hold a `/`)."""
    station, container, position = text.rsplit("/", 2)
    if not station or not container or not position.isdigit() or int(position) < 1:
        raise AuditInputError([Problem("paper", f"{text!r} is not STATION/CONTAINER/POSITION")])
    return PaperAddress(station, container, int(position))


def reading(value: JSONValue, path: str = "") -> Reading:
    """READ: "absent", "invalid" or the codes a valid ballot marks."""
    if value == "absent":
        return Reading.absent()
    if value == "invalid":
        return Reading.invalid()
    if isinstance(value, list) and value and all(isinstance(c, str) and c for c in value):
        return Reading.vote(*(str(c) for c in value))
    raise AuditInputError(
        [Problem(path or "reading", f'{value!r} is not "absent", "invalid" or a list of codes')]
    )


def reads(value: JSONValue, path: str = "") -> Mapping[str, Reading] | None:
    """READS: contest → READ; null (a paper not found, or no record)."""
    if value is None:
        return None
    if not isinstance(value, dict) or not value:
        raise AuditInputError([Problem(path or "shows", "must be an object of contests, or null")])
    return {contest: reading(v, f"{path}.{contest}".lstrip(".")) for contest, v in value.items()}


def totals(value: JSONValue, path: str = "") -> Totals | None:
    """TOTALS: {"cards", "cast", "valid", "votes"}; null (the station's papers not found)."""
    if value is None:
        return None
    problem = [Problem(path or "hand", "must be {cards, cast, valid, votes} of whole numbers")]
    if not isinstance(value, dict) or set(value) != {"cards", "cast", "valid", "votes"}:
        raise AuditInputError(problem)
    votes = value["votes"]
    figures = [value["cards"], value["cast"], value["valid"]]
    if not isinstance(votes, dict):
        raise AuditInputError(problem)
    figures += list(votes.values())
    if not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in figures):
        raise AuditInputError(problem)
    cards, cast, valid = (int(str(n)) for n in figures[:3])
    return Totals(cards, cast, valid, {str(k): int(str(v)) for k, v in votes.items()})
