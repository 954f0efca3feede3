"""Plurality (اکثریت نسبی) with alternates (علی‌البدل).

`reference/iran-election-rules.md`: city and village councils (seats and alternates by
population, e.g. up to 50,000 people 5 + 3), the Assembly of Experts, by-elections and every
runoff round are decided by the most votes; the next candidates in order of votes become the
alternates, ranked, who fill vacancies in that order. A tie for the last seat, for an alternate's
rank or for the last alternate place is broken by lot (قرعه). Nomad councils (شوراهای عشایری)
are not in that reference; `reference/iran-candidacy.md` §5 [S45] says each nomad tribal section
(تیره) elects exactly as a village council does (3 or 5 seats, 2 or 3 alternates), so this rule
decides them too.
"""

from __future__ import annotations

from sandogh.core.definition.rule import PluralityRule
from sandogh.core.rules import reasons
from sandogh.core.rules.contenders import Contenders
from sandogh.core.rules.lots import Lots, Stake
from sandogh.core.rules.outcome import Outcome, Status
from sandogh.core.rules.ranking import Region, rank


def decide_plurality(rule: PluralityRule, contenders: Contenders, lot: Lots | None) -> Outcome:
    """The `seats` most voted are elected, the next `alternates` are alternates in rank order."""
    seats = contenders.constituency.seats
    places = seats + contenders.constituency.alternates
    standing = contenders.standing()
    ranking = rank(
        standing, [Region(seats, Stake.SEAT), Region(places, Stake.ALTERNATE, ranked=True)], lot
    )
    elected = ranking.certain(0, seats)
    pending = ranking.pending
    alternates = () if pending else ranking.order[seats:places]
    if pending:
        status, after = Status.LOT_REQUIRED, tuple(reasons.lot_required(t) for t in pending)
    else:
        unfilled = seats - len(elected)
        status, after = Status.DECIDED, ((reasons.seats_unfilled(unfilled),) if unfilled else ())
    others = () if pending else ranking.order[places:]
    return Outcome(
        constituency=contenders.constituency.id,
        rule=rule,
        status=status,
        seats=seats,
        elected=elected,
        alternates=alternates,
        lots=ranking.drawn,
        lots_required=pending,
        reasons=(
            *(reasons.lot_drawn(d) for d in ranking.drawn),
            *after,
            *(reasons.elected(c, standing[c], i) for i, c in enumerate(elected, 1)),
            *(reasons.alternate(c, standing[c], i) for i, c in enumerate(alternates, 1)),
            *(reasons.not_elected(c, standing[c]) for c in others),
            *(reasons.withdrawn(c, contenders.votes[c]) for c in sorted(contenders.withdrawn)),
        ),
    )
