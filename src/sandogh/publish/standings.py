"""Who is elected so far, and why: the snapshot's `outcomes/<contest>/<constituency>.json`.

The outcome is the core rules' (`core.rules.decide`, through `services.outcomes`) over what has
been reported. Until every station of the constituency has reported it is only the standings if
the count stopped now: a candidate is then `leading` (elected or going to the runoff on those
figures) or `not-elected`, and a tie a lot would break leads no one. Once complete, each candidate
has the result the rules give: `elected`, `advanced-to-runoff` (NIST SP 1500-100's term),
`alternate`, `not-elected`, `withdrawn` or `awaiting-lot`. The status is `certified` while a
supervisor's certification covers the constituency (`core.supervision`), published with the voids
in `supervision.json` so that anyone re-deriving the outcome sees why.
"""

from __future__ import annotations

import datetime

from sandogh.core.definition.model import Contest
from sandogh.core.definition.rule import (
    MajorityRule,
    PluralityRule,
    ProportionalRule,
    Rule,
    ThresholdRule,
)
from sandogh.core.rules import Status
from sandogh.publish.documents import (
    CERTIFIED,
    COMPLETE,
    PARTIAL,
    fraction_text,
    instant,
    share_json,
    stations_json,
)
from sandogh.publish.index import ElectionIndex, JSONObject, code_order, name_json
from sandogh.publish.reasons import reasons_json, so_far_json
from sandogh.services.outcomes import Decided

OUTCOME_FORMAT = "sandogh/outcome@1"

LEADING, NOT_ELECTED = "leading", "not-elected"


def rule_json(rule: Rule) -> JSONObject:
    match rule:
        case MajorityRule():
            return {
                "kind": "majority",
                "base": rule.base.value,
                "share": fraction_text(rule.share),
                "runoff_candidates": rule.runoff_candidates,
            }
        case ThresholdRule():
            return {
                "kind": "threshold",
                "base": rule.base.value,
                "share": fraction_text(rule.share),
                "runoff_factor": rule.runoff_factor,
            }
        case PluralityRule():
            return {"kind": "plurality"}
        case ProportionalRule():
            return {
                "kind": "proportional",
                "method": rule.method.value,
                "alternates_share": fraction_text(rule.alternates_share),
            }


def results(decided: Decided) -> dict[str, str]:
    """Each standing candidate's result, by code (see the module docstring)."""
    o = decided.outcome
    codes = [c.code for c in decided.standing]
    if not decided.complete:
        ahead = set(decided.leading)
        return {code: LEADING if code in ahead else NOT_ELECTED for code in codes}
    found = dict.fromkeys(codes, NOT_ELECTED)
    found |= {r.candidate: "withdrawn" for r in o.reasons if r.key == "withdrawn" and r.candidate}
    found |= {code: "awaiting-lot" for tie in o.lots_required for code in tie.tied}
    found |= dict.fromkeys(o.alternates, "alternate")
    found |= dict.fromkeys(o.advancing, "advanced-to-runoff")
    found |= dict.fromkeys(o.elected, "elected")
    return found


def outcome_json(
    index: ElectionIndex,
    contest: Contest,
    decided: Decided,
    *,
    updated: datetime.datetime | None,
) -> JSONObject:
    o, counts, k = decided.outcome, decided.total.counts, decided.constituency
    base = o.base if o.base is not None else counts.valid
    by_code = results(decided)
    standing = sorted(
        decided.standing, key=lambda c: (-counts.votes.get(c.code, 0), code_order(c.code))
    )
    status = (
        CERTIFIED if decided.certified is not None else COMPLETE if decided.complete else PARTIAL
    )
    reasons = reasons_json(o, partial=status == PARTIAL)
    if status == PARTIAL:
        reported = decided.total
        reasons.insert(0, so_far_json(reported.stations_reported, reported.stations_total))
    return {
        "format": OUTCOME_FORMAT,
        "election": index.election_id,
        "definition_hash": index.definition_hash,
        "contest": contest.id,
        "constituency": {
            "id": k.id,
            "name": name_json(k.name),
            "seats": k.seats,
            "alternates": k.alternates,
            "units": list(k.units),
        },
        "status": status,
        "decision": o.status.value,
        "stations": stations_json(decided.total),
        "rule": rule_json(contest.rule),
        "base": o.base,
        "needed": o.votes_needed,
        "runoff": o.status is Status.RUNOFF,
        "runoff_seats": o.runoff_seats,
        "candidates": [
            {
                **index.candidate(contest.id, c.code),
                "votes": (votes := counts.votes.get(c.code, 0)),
                **_share(votes, base),
                "result": by_code[c.code],
            }
            for c in standing
        ],
        "party_lists": [
            {
                "id": pl.party_list,
                "votes": pl.votes,
                "seats": pl.seats,
                "elected": list(pl.elected),
                "alternates": list(pl.alternates),
            }
            for pl in o.party_lists
            if pl.party_list is not None
        ],
        "lots": [
            {
                "stake": lot.stake.value,
                "tied": list(lot.tied),
                "order": list(lot.order),
                "seed": lot.seed,
                "drawn_by": list(lot.drawn_by),
            }
            for lot in o.lots
        ],
        "reasons": reasons,
        "updated": instant(updated),
    }


def _share(votes: int, base: int) -> JSONObject:
    share = share_json(votes, base)
    return share if share is not None else {"share": None, "percent": None}
