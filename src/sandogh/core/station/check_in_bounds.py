"""What a station's check-ins can be, and what only deserves a supervisor's look.

DESIGN.md §3: check-ins = ballot papers used, and nothing is dropped silently; issue 9, section 4
("Offline sync and check-in bounds": a box synced 2,000 voters for a 400-voter station, check-ins
dated 1900, after the station's final report and years after the day, all stored silently).
`reference/iran-election-rules.md`: the polls open at 08:00 for at least ten hours and are
routinely extended (2024: to midnight, in 2-hour steps); authentication took 3–10 seconds a
voter; provinces receive about 10 % more ballot papers than they have eligible voters.

A check-in is impossible (refused, naming the entry and the reason) when its time is before the
polls open or after the latest they can close (`CheckInLimits.clock_drift` either side, for a
box's clock), after the station's final report was received, or when the station would have
checked in more voters than it has ballot papers: those it received where the papers register
has its row, else its eligible voters × `papers_per_voter` where the definition has them.

A check-in is implausible, and becomes an incident, when it is outside the usual hours but within
an extension, when a run of `burst` check-ins comes faster than one per `fastest`, or when the
station's check-ins pass `high_turnout` of its eligible voters. When the final report comes, each
contest's ballot papers used are compared with the check-ins given that contest.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction


@dataclass(frozen=True)
class CheckInLimits:
    """The bounds on a station's check-ins that the definition does not give; each a setting."""

    #: How far a box's clock may be off, either way, before a time is impossible.
    clock_drift: datetime.timedelta = datetime.timedelta(minutes=15)
    #: How late after the usual close the polls may be extended: 2024's went to midnight.
    longest_extension: datetime.timedelta = datetime.timedelta(hours=6)
    #: The fastest one box checks a voter in: authentication took 3–10 seconds in 2020.
    fastest: datetime.timedelta = datetime.timedelta(seconds=3)
    #: Check-ins in a row that, coming faster than `fastest` apart on average, make a burst.
    burst: int = 10
    #: The share of its eligible voters past which a station's turnout is for the supervisors.
    high_turnout: Fraction = Fraction(9, 10)
    #: Ballot papers per eligible voter, for a station the papers register has no row of.
    papers_per_voter: Fraction = Fraction(11, 10)

    def __post_init__(self) -> None:
        if self.burst < 2:
            raise ValueError(f"a burst is at least 2 check-ins in a row, not {self.burst}")


#: The bounds the centre applies unless told otherwise.
USUAL_LIMITS = CheckInLimits()


class Impossible(StrEnum):
    """Why a check-in cannot have happened; the entry is refused."""

    BEFORE_OPENING = "before-opening"
    AFTER_CLOSING = "after-closing"  # after the latest the polls can close
    AFTER_FINAL_REPORT = "after-final-report"
    OVER_CAPACITY = "over-capacity"  # more check-ins than the station has ballot papers
    # a runoff's or by-election's earlier round is not stored here: where-to-vote cannot be held
    EARLIER_ROUND_MISSING = "earlier-round-missing"


@dataclass(frozen=True)
class StationDay:
    """What bounds one station's check-ins: the day's hours, its final report, its capacity.

    `capacity` is None when neither the papers register nor the definition gives a figure;
    `eligible` is the station's eligible voters, where the definition gives them.
    """

    opens: datetime.datetime
    closes: datetime.datetime  # the usual close, before any extension
    final_report: datetime.datetime | None
    capacity: int | None
    eligible: int | None


def capacity(
    papers_received: int | None, eligible: int | None, limits: CheckInLimits
) -> int | None:
    """The most check-ins a station can have: its ballot papers received, where known, else its
    eligible voters' share of papers (`papers_per_voter`), else None."""
    if papers_received is not None:
        return papers_received
    if eligible is not None:
        # int(eligible × share), in whole numbers: a check-in's own work (issue 14), and exact
        share = limits.papers_per_voter
        whole = abs(eligible * share.numerator) // share.denominator
        return whole if eligible * share.numerator >= 0 else -whole
    return None


def impossible_time(
    at: datetime.datetime, day: StationDay, limits: CheckInLimits
) -> tuple[Impossible, str] | None:
    """Why a check-in at `at` cannot be, in words naming the bound (in `at`'s zone), or None."""
    latest = day.closes + limits.longest_extension

    def shown(moment: datetime.datetime) -> str:
        return moment.astimezone(at.tzinfo).isoformat()

    if day.final_report is not None and at > day.final_report:
        bound = f"is after the station's final report ({shown(day.final_report)})"
        return Impossible.AFTER_FINAL_REPORT, f"{at.isoformat()} {bound}"
    if at < day.opens - limits.clock_drift:
        bound = f"is before the polls open ({shown(day.opens)})"
        return Impossible.BEFORE_OPENING, f"{at.isoformat()} {bound}"
    if at > latest + limits.clock_drift:
        bound = f"is after the latest the polls can close ({shown(latest)})"
        return Impossible.AFTER_CLOSING, f"{at.isoformat()} {bound}"
    return None


def over_capacity(count: int, day: StationDay) -> str | None:
    """Why a station cannot have `count` check-ins, or None."""
    if day.capacity is None or count <= day.capacity:
        return None
    return f"check-in {count} of a station with {day.capacity} ballot papers"


def outside_hours(times: Iterable[datetime.datetime], day: StationDay) -> list[datetime.datetime]:
    """The possible times that fall outside the usual hours (an extension, or a drifting clock)."""
    return sorted(at for at in times if at < day.opens or at > day.closes)


@dataclass(frozen=True)
class Burst:
    """`count` check-ins from `start` to `end`, faster than one box checks voters in."""

    count: int
    start: datetime.datetime
    end: datetime.datetime


def bursts(times: Sequence[datetime.datetime], limits: CheckInLimits) -> list[Burst]:
    """The runs of check-ins in which every `burst` in a row span less than (`burst` − 1) ×
    `fastest`; runs that overlap are one."""
    ordered = sorted(times)
    k = limits.burst
    span = limits.fastest * (k - 1)
    runs: list[list[int]] = []  # the first and last index of each
    for i in range(len(ordered) - k + 1):
        if ordered[i + k - 1] - ordered[i] < span:
            if runs and i <= runs[-1][1]:
                runs[-1][1] = i + k - 1
            else:
                runs.append([i, i + k - 1])
    return [Burst(last - first + 1, ordered[first], ordered[last]) for first, last in runs]


def crossed_high_turnout(before: int, after: int, day: StationDay, limits: CheckInLimits) -> bool:
    """Whether the station's check-ins, going from `before` to `after`, passed `high_turnout`
    of its eligible voters now (so that it is raised once)."""
    if not day.eligible:
        return False
    # before <= high_turnout × eligible < after, in whole numbers (a fraction's denominator is
    # positive): this is asked at every check-in
    share = limits.high_turnout
    threshold = share.numerator * day.eligible
    return before * share.denominator <= threshold < after * share.denominator


@dataclass(frozen=True)
class PapersMismatch:
    """A contest whose ballot papers used differ from the check-ins given it (DESIGN.md §3)."""

    contest: str
    check_ins: int
    papers_used: int


def papers_mismatches(
    check_ins: Mapping[str, int], papers_used: Mapping[str, int]
) -> list[PapersMismatch]:
    """Each contest of the final report whose papers used are not its check-ins."""
    return [
        PapersMismatch(contest, check_ins.get(contest, 0), used)
        for contest, used in papers_used.items()
        if check_ins.get(contest, 0) != used
    ]
