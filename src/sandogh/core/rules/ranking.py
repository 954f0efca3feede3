"""Ordering by votes, with a lot only where a tie decides something.

Every rule of `reference/iran-election-rules.md` ends in "in order of votes": seats, alternates
(علی‌البدل), runoff places, list seats. An order is cut into consecutive regions (the seats, then
the alternates, …); a group of equal scores needs a lot (قرعه, see `lots`) only when it straddles a
cut, or when two or more of it fall in a region whose order is itself a rank (the alternates).
Any other tie decides nothing, and is shown in code order so the result never depends on the
order the figures came in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from sandogh.core.rules.lots import DrawnLot, LotRequired, Lots, Stake, draw


@dataclass(frozen=True)
class Region:
    """The places from the previous region's end up to `end` (exclusive), and what they decide."""

    end: int
    stake: Stake
    ranked: bool = False


@dataclass(frozen=True)
class Ranking:
    """The order, the lots drawn for it and the ties still waiting for a lot.

    While `pending` is not empty the tied groups it names stand in code order, which decides
    nothing: read their places with `certain`.
    """

    order: tuple[str, ...]
    drawn: tuple[DrawnLot, ...]
    pending: tuple[LotRequired, ...]

    def certain(self, start: int, end: int) -> tuple[str, ...]:
        """The codes in places `start`..`end` whatever the pending lots will say."""
        waiting = {code for tie in self.pending for code in tie.tied}
        return tuple(code for code in self.order[start:end] if code not in waiting)


def rank(
    scores: Mapping[str, int] | Mapping[str, Fraction],
    regions: Sequence[Region],
    lot: Lots | None,
) -> Ranking:
    """Order `scores` highest first; break with `lot` the ties that decide a place in `regions`."""
    groups: defaultdict[Fraction, list[str]] = defaultdict(list)
    for code, score in scores.items():
        groups[Fraction(score)].append(code)
    order: list[str] = []
    drawn: list[DrawnLot] = []
    pending: list[LotRequired] = []
    for score in sorted(groups, reverse=True):
        group = sorted(groups[score])
        at_stake = _at_stake(len(order), len(order) + len(group), regions)
        chosen = None if at_stake is None or lot is None else lot.for_tie(at_stake[0], group)
        if at_stake is None:
            order.extend(group)
        elif chosen is None:
            order.extend(group)
            pending.append(LotRequired(at_stake[0], tuple(group), at_stake[1]))
        else:
            drawn_lot = draw(chosen, at_stake[0], group)
            order.extend(drawn_lot.order)
            drawn.append(drawn_lot)
    return Ranking(tuple(order), tuple(drawn), tuple(pending))


def _at_stake(start: int, end: int, regions: Sequence[Region]) -> tuple[Stake, int] | None:
    """What the places `start`..`end` of one tied group decide and how many, if anything."""
    if end - start < 2:
        return None
    region_start = 0
    for region in regions:
        first, last = max(start, region_start), min(end, region.end)
        straddles = start < region.end < end
        if last > first and (straddles or (region.ranked and last - first >= 2)):
            return region.stake, last - first
        region_start = region.end
    return None
