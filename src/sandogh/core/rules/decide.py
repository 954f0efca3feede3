"""Who wins one constituency of a contest: the single entry point over every rule.

Dispatches on the contest's `Rule` (`core.definition.rule`, after
`reference/iran-election-rules.md`): majority with runoff (president), threshold with runoff
(parliament), plurality with alternates (city, village and nomad councils, Assembly of Experts,
by-elections, every runoff round) and party-list proportional representation (city councils by
lists).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from sandogh.core.counting.tally import Counts
from sandogh.core.definition.model import Candidate, Constituency
from sandogh.core.definition.rule import (
    MajorityRule,
    PluralityRule,
    ProportionalRule,
    Rule,
    ThresholdRule,
)
from sandogh.core.rules.contenders import contenders_of
from sandogh.core.rules.lots import Lots
from sandogh.core.rules.majority import decide_majority
from sandogh.core.rules.outcome import Outcome
from sandogh.core.rules.plurality import decide_plurality
from sandogh.core.rules.proportional import decide_proportional
from sandogh.core.rules.threshold import decide_threshold


def decide(
    rule: Rule,
    constituency: Constituency,
    candidates: Iterable[Candidate],
    counts: Counts,
    *,
    withdrawn: Collection[str] = frozenset(),
    lot: Lots | None = None,
) -> Outcome:
    """The outcome of `constituency` under `rule`, from its `counts`.

    `candidates` are those standing in the constituency (votes of others are an error);
    `withdrawn` are codes of candidates who withdrew; `lot` is what the boards drew, used only
    where a tie decides something. Without it such a tie gives status LOT_REQUIRED. The outcome
    does not depend on the order of `candidates` or of the votes. Raises `RulesInputError` with
    every problem when the inputs disagree.
    """
    contenders = contenders_of(rule, constituency, candidates, counts, withdrawn)
    match rule:
        case MajorityRule():
            return decide_majority(rule, contenders, lot)
        case ThresholdRule():
            return decide_threshold(rule, contenders, lot)
        case PluralityRule():
            return decide_plurality(rule, contenders, lot)
        case ProportionalRule():
            return decide_proportional(rule, contenders, lot)
