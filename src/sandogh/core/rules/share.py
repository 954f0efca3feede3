"""Elected by a share of the ballots, with a runoff for the seats left.

The presidential majority (Constitution Art. 117, Presidential Election Law Arts. 12–14: more than
half of all ballots cast) and the parliamentary threshold (Majlis Election Law as rewritten in
1402/2023: at least 20 % of the valid ballots, then a runoff of twice the seats left) share one
shape, per `reference/iran-election-rules.md`: those who reach the share take the seats in order
of votes; the seats left go to a runoff among the next candidates by votes. Candidates who
withdrew are skipped and the next by votes moves up. A tie at the last seat or at the last runoff
place is broken by lot (قرعه).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from sandogh.core.definition.rule import MajorityRule, ThresholdRule
from sandogh.core.rules import reasons
from sandogh.core.rules.contenders import Contenders
from sandogh.core.rules.lots import Lots, Stake
from sandogh.core.rules.outcome import Outcome, Status
from sandogh.core.rules.ranking import Region, rank


@dataclass(frozen=True)
class Bar:
    """`share` of `base` ballots; `strict`: the votes must be more than it, not just reach it."""

    base: int
    share: Fraction
    strict: bool

    @property
    def threshold(self) -> Fraction:
        return self.share * self.base

    @property
    def needed(self) -> int:
        """The fewest whole votes that pass."""
        if self.strict:
            return math.floor(self.threshold) + 1
        return math.ceil(self.threshold)

    def passes(self, votes: int) -> bool:
        return votes > self.threshold if self.strict else votes >= self.threshold


def decide_by_share(
    rule: MajorityRule | ThresholdRule,
    contenders: Contenders,
    lot: Lots | None,
    *,
    bar: Bar,
    kind: str,
    summary: reasons.Reason,
    runoff_size: Callable[[int], int],
) -> Outcome:
    """`kind` ("majority", "threshold") names the reasons; `runoff_size(seats_left)` the places."""
    seats = contenders.constituency.seats
    standing = contenders.standing()
    passed = {code: n for code, n in standing.items() if bar.passes(n)}
    by_seat = rank(passed, [Region(seats, Stake.SEAT)], lot)
    elected = by_seat.certain(0, seats)
    left = seats - len(elected)
    size = runoff_size(left) if left > 0 and not by_seat.pending else 0
    pool = {code: n for code, n in standing.items() if code not in elected}
    by_runoff = rank(pool, [Region(size, Stake.RUNOFF)], lot)
    drawn = by_seat.drawn + by_runoff.drawn
    pending = by_seat.pending + by_runoff.pending
    advancing = () if pending else by_runoff.order[:size]
    if pending:
        status, after = Status.LOT_REQUIRED, tuple(reasons.lot_required(t) for t in pending)
    elif advancing:
        status, after = Status.RUNOFF, (reasons.runoff(left, len(advancing)),)
    else:
        status, after = Status.DECIDED, ((reasons.seats_unfilled(left),) if left else ())
    # While a lot is pending only the facts it cannot change are explained.
    others = () if pending else by_runoff.order[size:]
    return Outcome(
        constituency=contenders.constituency.id,
        rule=rule,
        status=status,
        seats=seats,
        elected=elected,
        advancing=advancing,
        runoff_seats=left if advancing else 0,
        base=bar.base,
        threshold=bar.threshold,
        votes_needed=bar.needed,
        lots=drawn,
        lots_required=pending,
        reasons=(
            summary,
            *(reasons.lot_drawn(d) for d in drawn),
            *after,
            *(reasons.reached(f"{kind}-reached", c, standing[c], bar.needed) for c in elected),
            *(reasons.advances(c, standing[c], i) for i, c in enumerate(advancing, 1)),
            *(
                reasons.passed_no_seat(c, standing[c], bar.needed, seats)
                if c in passed
                else reasons.below(f"below-{kind}", c, standing[c], bar.needed)
                for c in others
            ),
            *(reasons.withdrawn(c, contenders.votes[c]) for c in sorted(contenders.withdrawn)),
        ),
    )
