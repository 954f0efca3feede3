"""The parliamentary threshold (حد نصاب), with a runoff of twice the seats left.

Majlis Election Law as rewritten in 1402/2023, as summarised in
`reference/iran-election-rules.md`: elected with at least 20 % of the valid ballots (آرای صحیح),
invalid ballots excluded (the law until 2016 said 25 % of ballots cast), at most as many as there
are seats, in order of votes; the seats left go to a runoff of twice as many candidates, taken in
order of round-1 votes from those not elected. The share, the base and the factor are the
settings of `ThresholdRule`.

Tehran 2024 had 1,569,857 valid ballots; 20 % of that is exactly 313,971 2/5, so 313,972 votes
reach it. Officials print the rounded-down figure, "threshold 313,971", which does not itself
reach the share: the comparison here is exact (votes ≥ share × base, in fractions) and the outcome
reports both the exact threshold and the whole votes needed.
"""

from __future__ import annotations

from sandogh.core.definition.rule import ThresholdRule
from sandogh.core.rules import reasons
from sandogh.core.rules.contenders import Contenders
from sandogh.core.rules.lots import Lots
from sandogh.core.rules.outcome import Outcome
from sandogh.core.rules.share import Bar, decide_by_share


def decide_threshold(rule: ThresholdRule, contenders: Contenders, lot: Lots | None) -> Outcome:
    """At least `rule.share` of the base elects; `rule.runoff_factor` × seats left go on."""
    bar = Bar(contenders.base(rule.base), rule.share, strict=False)
    summary = reasons.threshold_needed(rule.share, rule.base, bar.base, bar.needed)
    return decide_by_share(
        rule,
        contenders,
        lot,
        bar=bar,
        kind="threshold",
        summary=summary,
        runoff_size=lambda left: rule.runoff_factor * left,
    )
