"""`sandogh audit status --json`: the audit's standing as one JSON document (docs/audit.md §6.5,
docs/cli-json.md), its keys in a fixed order: each contest's kind, decision and P-value per
assertion, the next sizes, the closed rounds with their hashes, the open round's progress and
the hand counts recorded."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from sandogh.cli.formatting import decimal_text
from sandogh.core.audit.replay import HandCount, RoundResult
from sandogh.core.audit.rounds import ContestRisk
from sandogh.services.audit_status import AuditStatus

#: the places of a P-value's decimal: a risk limit is a few percent, a P-value next to it
#: needs more than a percentage's two
PLACES = 6


def rational_json(value: Fraction) -> dict[str, str]:
    """{"exact": "p/q", "decimal": "0.048213"}: the exact rational the audit decides by, and
    the same rounded half up to six places for reading."""
    return {
        "exact": f"{value.numerator}/{value.denominator}",
        "decimal": decimal_text(value, PLACES),
    }


def _contest(risk: ContestRisk, kind: str, sample: str) -> dict[str, Any]:
    return {
        "contest": risk.contest,
        "kind": kind,
        "sample": sample,
        "decision": risk.decision.value,
        "reason": None if risk.reason is None else risk.reason.value,
        "detail": risk.detail,
        "p_value": rational_json(risk.p_value) if risk.assertions else None,
        "assertions": [
            {"assertion": a.key, "p_value": rational_json(a.p_value)} for a in risk.assertions
        ],
        "next_size": risk.next_size,
    }


def _round(result: RoundResult) -> dict[str, Any]:
    return {
        "number": result.number,
        "hash": result.hash,
        "asked": dict(sorted(result.asked.items())),
        "discrepancies": len(result.discrepancies),
        "next_sizes": dict(sorted(result.next_sizes.items())),
    }


def _hand_count(counted: HandCount, certified: bool) -> dict[str, Any]:
    counts = counted.counts
    return {
        "contest": counted.contest,
        "cast": counts.cast,
        "valid": counts.valid,
        "votes": dict(sorted(counts.votes.items())),
        "elected": list(counted.outcome.elected),
        "changed": counted.changed,
        "status": "certified" if certified else "pending-certification",
    }


def status_json(status: AuditStatus) -> dict[str, Any]:
    plan = status.plan
    planned = {c.key: c for c in plan.contests}
    opened = status.open
    return {
        "election": status.election,
        "manifest_hash": status.manifest_hash,
        "papers": status.papers,
        "risk_limit": rational_json(plan.risk_limit),
        "seed": status.seed,
        "contests": [
            _contest(r, planned[r.contest].kind.value, planned[r.contest].sample)
            for r in status.decisions
        ],
        "next_sizes": dict(sorted(status.next_sizes.items())),
        "rounds": [_round(r) for r in status.results],
        "open": None
        if opened is None
        else {
            "number": opened.number,
            "drawn": len(opened.papers) + len(opened.stations),
            "read": status.read,
            "sizes": dict(sorted(opened.sizes.items())),
        },
        "hand_counts": [_hand_count(h, h.contest in status.certified) for h in status.hand_counts],
    }
