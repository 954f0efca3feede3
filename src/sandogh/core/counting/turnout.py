"""Turnout (مشارکت) of a unit in a contest, as exact fractions.

`reference/iran-election-rules.md` (Ballots): ballot papers used (تعرفه مصرفی) is its own count, and
the announced turnout is taken from it, not from ballots cast: the 2024 runoff counted 30,530,157
ballots but its 49.8 % was 30,573,931 papers used of 61,452,321 eligible voters. Both shares are
kept. A unit's eligible voters are its own figure, else the sum of its children's when every child
has one; otherwise they are unknown, and so is the turnout: it is never computed from a partial sum.

After a void, one rule for every published form (the results files, the site, the CSV, the NIST
report, the command; `turnout`): DESIGN.md §1 lets a supervisory board void a station's box, and
§3 says every figure reconciles and aggregates equal the sum of their parts. A voided box's ballots
are not cast (`core.supervision.apply`), so its station's eligible voters are not the base of any
share of its ballots either: the voided stations' eligible voters leave turnout's denominator, and
their ballots cast and ballot papers used its numerators. Counted otherwise, a void would read as
voters who stayed home. Those stations have reported, but the share of stations turnout is over
names them apart, as voided, not among the stations reporting (`Voided.stations`). A candidate's
votes voided in a box that stands leave the ballots cast (its ballots are void) but not the base:
its voters came, and its ballot papers were used.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType

from sandogh.core.counting.tally import Counts
from sandogh.core.definition.geography import Geography


@dataclass(frozen=True)
class Voided:
    """What the voids took from one contest in one unit: the ballots they moved out of those
    cast into `void` (a voided box's, a voided candidate's where one seat is filled), and the
    stations whose box they voided whole, with those stations' eligible voters (None where one
    station's are not known) and the ballot papers used in them. Each adds up from the stations
    to every unit above (`core.supervision.voided_by_unit`)."""

    ballots: int = 0
    stations: int = 0
    eligible: int | None = 0
    papers_used: int = 0


NOTHING_VOIDED = Voided()


@dataclass(frozen=True)
class Turnout:
    """A unit's eligible voters, ballots cast and ballot papers used, as its figures give them,
    with what the voids took there (`voided`); its shares are by the module's rule, over `base`."""

    eligible: int | None  # every eligible voter of the unit, where known
    cast: int
    papers_used: int  # every ballot paper used in the unit
    voided: Voided = NOTHING_VOIDED

    @property
    def base(self) -> int | None:
        """The eligible voters of the stations whose box was not voided: turnout's base."""
        if self.eligible is None or self.voided.eligible is None:
            return None
        return self.eligible - self.voided.eligible

    @property
    def papers_counted(self) -> int:
        """The ballot papers used in the stations whose box was not voided."""
        return self.papers_used - self.voided.papers_used

    @property
    def cast_share(self) -> Fraction | None:
        """Ballots cast (آرای مأخوذه) / the base (a voided box has none cast)."""
        base = self.base
        return None if not base else Fraction(self.cast, base)

    @property
    def papers_share(self) -> Fraction | None:
        """Ballot papers used / the base: the turnout the election HQ announces."""
        base = self.base
        return None if not base else Fraction(self.papers_counted, base)


def turnout(counts: Counts, eligible: int | None, voided: Voided = NOTHING_VOIDED) -> Turnout:
    """The turnout of `counts` (a unit's total, voids applied) among its `eligible` voters, after
    what the voids took there (`voided`), by the module's rule: its shares leave out the voided
    stations' eligible voters and ballot papers used (their ballots cast are 0 already). No
    base left, or none known: unknown shares."""
    return Turnout(eligible, counts.cast, counts.papers_used, voided)


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
