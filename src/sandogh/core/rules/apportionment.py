"""Sharing seats among party lists: D'Hondt, Sainte-Laguë, largest remainder (Hare quota).

`reference/iran-election-rules.md` (city council by party lists, Tehran from 2026): seats are shared
in proportion to the lists' votes; the method is not published, so all three are supported and
chosen per contest. The methods are the textbook ones (e.g. M. Gallagher, "Comparing
Proportional Representation Electoral Systems", British Journal of Political Science 22, 1992):
- highest averages: each seat in turn goes to the list with the highest votes ÷ divisor, the
  divisor being seats won + 1 (D'Hondt) or 2 × seats won + 1 (Sainte-Laguë);
- largest remainder: each list first gets the whole part of votes × seats ÷ total votes (votes
  over the Hare quota), the seats left go one each to the largest remainders.
A list never gets more seats than it has candidates who can take them (`capacity`). The seats it
cannot fill are shared among the other lists by the same method: the highest averages skip a
full list; largest remainder sets a list aside with its capacity whenever its whole part reaches
that, and shares the seats left among the other lists afresh. A tie for the last seat(s) is
broken by lot (قرعه), `Stake.LIST_SEAT`, among the lists' ids.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from sandogh.core.definition.rule import Apportionment
from sandogh.core.rules.lots import DrawnLot, LotRequired, Lots, Stake, draw
from sandogh.core.rules.ranking import Region, rank


@dataclass(frozen=True)
class Apportioned:
    """Seats per list. While `pending` is not empty they are the seats each list has whatever the
    lot says, and the tie's `places` seats are still to be given among its lists."""

    seats: Mapping[str, int]
    drawn: tuple[DrawnLot, ...]
    pending: tuple[LotRequired, ...]


def apportion(
    method: Apportionment,
    votes: Mapping[str, int],
    capacity: Mapping[str, int],
    seats: int,
    lot: Lots | None,
) -> Apportioned:
    """Share `seats` among the lists of `votes`, none beyond its `capacity`."""
    if method is Apportionment.LARGEST_REMAINDER:
        return _largest_remainder(votes, capacity, seats, lot)
    step = 1 if method is Apportionment.DHONDT else 2
    return _highest_averages(lambda won: step * won + 1, votes, capacity, seats, lot)


def _highest_averages(
    divisor: Callable[[int], int],
    votes: Mapping[str, int],
    capacity: Mapping[str, int],
    seats: int,
    lot: Lots | None,
) -> Apportioned:
    won = dict.fromkeys(votes, 0)
    drawn: list[DrawnLot] = []
    left = seats
    while left > 0:
        averages = {
            k: Fraction(v, divisor(won[k])) for k, v in votes.items() if won[k] < capacity[k]
        }
        if not averages:
            break
        best = max(averages.values())
        tied = sorted(k for k, average in averages.items() if average == best)
        if len(tied) > left:
            chosen = None if lot is None else lot.for_tie(Stake.LIST_SEAT, tied)
            if chosen is None:
                return Apportioned(
                    won, tuple(drawn), (LotRequired(Stake.LIST_SEAT, tuple(tied), left),)
                )
            drawn.append(draw(chosen, Stake.LIST_SEAT, tied))
            tied = list(drawn[-1].order[:left])
        # Lists tied at the best average, as many as the seats left or fewer, each take one.
        for k in tied:
            won[k] += 1
        left -= len(tied)
    return Apportioned(won, tuple(drawn), ())


def _largest_remainder(
    votes: Mapping[str, int], capacity: Mapping[str, int], seats: int, lot: Lots | None
) -> Apportioned:
    full: dict[str, int] = {}
    while True:
        sharing = {k: v for k, v in votes.items() if k not in full}
        left = seats - sum(full.values())
        total = sum(sharing.values())
        # Without a single vote among them the lists count alike, as the highest averages have it.
        exact = {
            k: Fraction(v * left, total) if total else Fraction(left, len(sharing))
            for k, v in sharing.items()
        }
        reached = {k: capacity[k] for k in sharing if math.floor(exact[k]) >= capacity[k]}
        if not reached:
            break
        full |= reached
    won = full | {k: math.floor(share) for k, share in exact.items()}
    remaining = left - sum(math.floor(share) for share in exact.values())
    remainders = {k: share - math.floor(share) for k, share in exact.items()}
    ranking = rank(remainders, [Region(remaining, Stake.LIST_SEAT)], lot)
    for k in ranking.certain(0, remaining):
        won[k] += 1
    return Apportioned(won, ranking.drawn, ranking.pending)
