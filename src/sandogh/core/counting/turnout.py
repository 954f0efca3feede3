"""Turnout (مشارکت) of a unit in a contest, as exact fractions.

`reference/iran-election-rules.md` (Ballots): ballot papers used (تعرفه مصرفی) is its own count, and
the announced turnout is taken from it, not from ballots cast: the 2024 runoff counted 30,530,157
ballots but its 49.8 % was 30,573,931 papers used of 61,452,321 eligible voters. Both shares are
kept. A unit's eligible voters are its own figure, else the sum of its children's when every child
has one; otherwise they are unknown, and so is the turnout: it is never computed from a partial sum.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType

from sandogh.core.counting.tally import Counts
from sandogh.core.definition.geography import Geography


@dataclass(frozen=True)
class Turnout:
    """Ballots cast and ballot papers used against the eligible voters, where those are known."""

    eligible: int | None
    cast: int
    papers_used: int

    @property
    def cast_share(self) -> Fraction | None:
        """Ballots cast (آرای مأخوذه) / eligible voters."""
        return None if not self.eligible else Fraction(self.cast, self.eligible)

    @property
    def papers_share(self) -> Fraction | None:
        """Ballot papers used / eligible voters: the turnout the election HQ announces."""
        return None if not self.eligible else Fraction(self.papers_used, self.eligible)


def turnout(counts: Counts, eligible: int | None) -> Turnout:
    """The turnout of `counts` among `eligible` voters (None or 0: unknown shares)."""
    return Turnout(eligible=eligible, cast=counts.cast, papers_used=counts.papers_used)


def eligible_voters(geography: Geography) -> Mapping[str, int | None]:
    """Every unit's eligible voters: its own figure, else its children's sum when all are known."""
    known: dict[str, int | None] = {}
    for code in reversed(geography.top_down):
        own = geography.unit(code).eligible_voters
        children = geography.children(code)
        if own is not None or not children:
            known[code] = own
            continue
        figures = [known[child] for child in children]
        complete = [figure for figure in figures if figure is not None]
        known[code] = sum(complete) if len(complete) == len(figures) else None
    return MappingProxyType(known)
