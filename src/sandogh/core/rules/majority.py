"""The presidential absolute majority (اکثریت مطلق), with a runoff of the leaders.

Constitution Art. 117 and Presidential Election Law Arts. 12–14, as summarised in
`reference/iran-election-rules.md`: elected with more than half of all ballots cast (آرای مأخوذه),
invalid ballots counted as cast included; otherwise the top two go to a runoff, and if one of them
withdraws the next by votes moves up. The share, the base and the number of runoff places are the
settings of `MajorityRule`. 2024, round 1: 24,535,185 ballots cast, 12,267,593 votes needed.
"""

from __future__ import annotations

from sandogh.core.definition.rule import MajorityRule
from sandogh.core.rules import reasons
from sandogh.core.rules.contenders import Contenders
from sandogh.core.rules.lots import Lots
from sandogh.core.rules.outcome import Outcome
from sandogh.core.rules.share import Bar, decide_by_share


def decide_majority(rule: MajorityRule, contenders: Contenders, lot: Lots | None) -> Outcome:
    """More than `rule.share` of the base elects; else the top `rule.runoff_candidates` go on."""
    bar = Bar(contenders.base(rule.base), rule.share, strict=True)
    summary = reasons.majority_needed(rule.share, rule.base, bar.base, bar.needed)
    return decide_by_share(
        rule,
        contenders,
        lot,
        bar=bar,
        kind="majority",
        summary=summary,
        runoff_size=lambda _left: rule.runoff_candidates,
    )
