"""The published record of each full hand count: `hand-counts.json` (docs/audit.md §7).

Lindeman & Stark, "A Gentle Introduction to Risk-Limiting Audits" (2012): an audit that cannot
confirm a reported outcome ends in a full hand count, whose outcome replaces the reported one.
Issue 11 makes the hand count the result only through a certified correction published in the
results' `supervision.json`; publishing each hand count here (its totals, the contest it
decided, the outcome its contest's rule gives from them, whether it is certified and the hash
of the audit record the certification named) lets anyone tie that correction to the audit that
demanded it (`escalations`: the records after which the audit stood at a full hand count).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sandogh.core.audit.replay import HandCount, RoundResult
from sandogh.core.audit.rounds import ContestRisk, Decision
from sandogh.core.canonical_json import JSONValue

HAND_COUNTS_FORMAT = "sandogh/audit-hand-counts@1"


def hand_count_json(result: HandCount, status: str, audit: str | None) -> dict[str, JSONValue]:
    """One hand count: `status` is `pending-certification` or `certified`, `audit` the hash
    its certification named (None while pending)."""
    counts, outcome = result.counts, result.outcome
    return {
        "audit": audit,
        "cast": counts.cast,
        "changed": result.changed,
        "contest": result.contest,
        "invalid": {k.value: n for k, n in sorted(counts.invalid.items())},
        "outcome": {
            "advancing": list(outcome.advancing),
            "alternates": list(outcome.alternates),
            "elected": list(outcome.elected),
            "status": outcome.status.value,
        },
        "status": status,
        "valid": counts.valid,
        "votes": dict(sorted(counts.votes.items())),
    }


def hand_counts_json(election: str, counts: Iterable[Mapping[str, JSONValue]]) -> JSONValue:
    """The file: every hand count recorded, by contest."""
    ordered: list[JSONValue] = [
        dict(c) for c in sorted(counts, key=lambda c: str(c.get("contest")))
    ]
    return {"election": election, "format": HAND_COUNTS_FORMAT, "hand_counts": ordered}


def escalations(
    plan_hash: str, start: Iterable[ContestRisk], results: Iterable[RoundResult]
) -> dict[str, frozenset[str]]:
    """Per contest sent to a full hand count, the hashes of the audit records after which it
    stood so: the plan's (`plan_hash`, of plan.json's bytes) when the plan itself sent it, and
    each round's whose decision for it is a full hand count. A certification names one."""
    found: dict[str, set[str]] = {}
    for risk in start:
        if risk.decision is Decision.HAND_COUNT:
            found.setdefault(risk.contest, set()).add(plan_hash)
    for result in results:
        for risk in result.contests:
            if risk.decision is Decision.HAND_COUNT:
                found.setdefault(risk.contest, set()).add(result.hash)
    return {contest: frozenset(hashes) for contest, hashes in found.items()}
