"""A stored hand count's figures and the correction a certified one makes (issue 11): read
back from the store's JSON, each figure checked, a row that does not read refused naming the path
of what is wrong (`StoredHandCountError`)."""

from __future__ import annotations

from typing import Any

from sandogh.core.canonical_json import JSONValue
from sandogh.core.counting.tally import Counts, InvalidKind
from sandogh.core.supervision import HandCountCorrection
from sandogh.services.audit_errors import StoredHandCountError
from sandogh.services.audit_ports import HandCountCertified, StoredHandCount


def correction_of(
    stored: StoredHandCount, certifying: HandCountCertified | None = None
) -> HandCountCorrection:
    """The correction a stored hand count makes, certified as it was or as `certifying`."""
    certified = certifying or stored.certified
    if certified is None:
        raise StoredHandCountError(f"{stored.contest}: not certified", subject=stored.contest)
    counts = hand_count_counts(stored)
    contest, _, constituency = stored.contest.partition(":")
    return HandCountCorrection(
        contest,
        constituency,
        counts.cast,
        counts.valid,
        counts.invalid,
        counts.votes,
        certified.audit,
        certified.by,
        certified.grant,
        certified.at,
        certified.reason,
    )


def stored_counts(counts: Counts) -> JSONValue:
    """The totals of a hand count as `StoredHandCount.counts` keeps them; `hand_count_counts`
    reads them back."""
    votes: dict[str, JSONValue] = dict(counts.votes)
    invalid: dict[str, JSONValue] = {k.value: n for k, n in counts.invalid.items()}
    return {"cast": counts.cast, "valid": counts.valid, "invalid": invalid, "votes": votes}


def hand_count_counts(stored: StoredHandCount) -> Counts:
    """The totals a stored hand count holds; a row that does not read raises
    `StoredHandCountError` naming the path of what is wrong."""
    at = f"hand_counts[{stored.contest}].counts"
    data = _mapping(stored.counts, at, stored.contest)
    invalid = _mapping(data.get("invalid", {}), f"{at}.invalid", stored.contest)
    kinds = {}
    for kind, n in invalid.items():
        if kind not in {k.value for k in InvalidKind}:
            raise StoredHandCountError(f"{at}.invalid.{kind}: no such kind", subject=stored.contest)
        kinds[InvalidKind(kind)] = _count(n, f"{at}.invalid.{kind}", stored.contest)
    votes = _mapping(data.get("votes"), f"{at}.votes", stored.contest)
    return Counts(
        cast=_count(data.get("cast"), f"{at}.cast", stored.contest),
        valid=_count(data.get("valid"), f"{at}.valid", stored.contest),
        invalid=kinds,
        votes={
            str(code): _count(n, f"{at}.votes.{code}", stored.contest) for code, n in votes.items()
        },
    )


def _mapping(value: Any, path: str, subject: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise StoredHandCountError(f"{path}: {value!r} is not an object", subject=subject)
    return value


def _count(value: Any, path: str, subject: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise StoredHandCountError(f"{path}: {value!r} is not a count", subject=subject)
    return value
