"""A unit's results in one round against the round before (دور اول / دور دوم).

The figures the reports of `reference/seed-facts.md` print for a runoff: the turnout change in
percentage points (Kerman 2024: 46 % → 55 %, "+9 points"), the change in ballots cast, and the
margin between candidates (round 2: Jalili 773,591 − Pezeshkian 479,249 = 294,342). Turnout is on
the papers-used basis the HQ announces (`core.counting.turnout`); every figure is exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from sandogh.core.counting.tally import Counts
from sandogh.core.counting.turnout import Turnout, turnout


@dataclass(frozen=True)
class Margin:
    """How many more votes `first` has than `second` (negative when it has fewer)."""

    first: str
    second: str
    first_votes: int
    second_votes: int

    @property
    def votes(self) -> int:
        return self.first_votes - self.second_votes


def margin(counts: Counts, first: str, second: str) -> Margin:
    """The margin between two named candidates; a candidate without votes has 0."""
    return Margin(first, second, counts.votes.get(first, 0), counts.votes.get(second, 0))


def leading_margin(counts: Counts) -> Margin | None:
    """Leader minus runner-up, or None with fewer than two candidates.

    Candidates with equal votes are ordered by code, so the answer does not depend on dict order;
    such a tie is a margin of 0, and who is elected is for the rules (lots, قرعه) to decide.
    """
    ranked = sorted(counts.votes.items(), key=lambda entry: (-entry[1], entry[0]))
    if len(ranked) < 2:
        return None
    (first, first_votes), (second, second_votes) = ranked[0], ranked[1]
    return Margin(first, second, first_votes, second_votes)


def points_change(before: Fraction | None, after: Fraction | None) -> Fraction | None:
    """The change from one share to another in percentage points; unknown if either is."""
    if before is None or after is None:
        return None
    return 100 * (after - before)


@dataclass(frozen=True)
class RoundComparison:
    """One unit and contest: the previous round against the current one."""

    previous: Turnout
    current: Turnout
    previous_margin: Margin | None
    current_margin: Margin | None

    @property
    def turnout_change(self) -> Fraction | None:
        """Percentage points, papers used / eligible; None when either turnout is unknown."""
        return points_change(self.previous.papers_share, self.current.papers_share)

    @property
    def cast_change(self) -> int:
        return self.current.cast - self.previous.cast


def compare_rounds(
    previous: Counts,
    current: Counts,
    *,
    previous_eligible: int | None,
    current_eligible: int | None,
) -> RoundComparison:
    return RoundComparison(
        previous=turnout(previous, previous_eligible),
        current=turnout(current, current_eligible),
        previous_margin=leading_margin(previous),
        current_margin=leading_margin(current),
    )
