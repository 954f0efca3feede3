"""The bounds on a station's check-ins: the impossible named, the implausible found."""

from __future__ import annotations

import datetime
import itertools
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from sandogh.core.station.check_in_bounds import (
    USUAL_LIMITS,
    Burst,
    CheckInLimits,
    Impossible,
    PapersMismatch,
    StationDay,
    bursts,
    capacity,
    crossed_high_turnout,
    impossible_time,
    outside_hours,
    over_capacity,
    papers_mismatches,
)

IRST = datetime.timezone(datetime.timedelta(hours=3, minutes=30))
OPENS = datetime.datetime(2024, 7, 5, 8, 0, tzinfo=IRST)
CLOSES = datetime.datetime(2024, 7, 5, 18, 0, tzinfo=IRST)
DAY = StationDay(OPENS, CLOSES, final_report=None, capacity=400, eligible=950)
MINUTE = datetime.timedelta(minutes=1)


def _why(at: datetime.datetime, day: StationDay = DAY) -> Impossible | None:
    found = impossible_time(at, day, USUAL_LIMITS)
    return None if found is None else found[0]


def test_the_day_is_bounded_by_its_hours_an_extension_and_a_clock_drift() -> None:
    drift, extension = USUAL_LIMITS.clock_drift, USUAL_LIMITS.longest_extension
    assert _why(OPENS - drift) is None
    assert _why(OPENS - drift - MINUTE) is Impossible.BEFORE_OPENING
    assert _why(CLOSES + extension + drift) is None  # midnight, and a box's slow clock
    assert _why(CLOSES + extension + drift + MINUTE) is Impossible.AFTER_CLOSING
    assert _why(datetime.datetime(1900, 1, 1, tzinfo=IRST)) is Impossible.BEFORE_OPENING


def test_nothing_is_checked_in_after_the_final_report() -> None:
    reported = StationDay(OPENS, CLOSES, CLOSES + MINUTE, 400, 950)
    assert _why(CLOSES + MINUTE, reported) is None
    assert _why(CLOSES + 2 * MINUTE, reported) is Impossible.AFTER_FINAL_REPORT


def test_the_capacity_is_the_papers_received_else_the_electorate_with_its_spare_papers() -> None:
    assert capacity(400, 950, USUAL_LIMITS) == 400
    assert capacity(None, 950, USUAL_LIMITS) == 1045
    assert capacity(None, None, USUAL_LIMITS) is None
    assert over_capacity(400, DAY) is None
    assert over_capacity(401, DAY) == "check-in 401 of a station with 400 ballot papers"


def test_outside_the_usual_hours_is_found() -> None:
    times = [OPENS - MINUTE, OPENS, CLOSES, CLOSES + MINUTE]
    assert outside_hours(times, DAY) == [OPENS - MINUTE, CLOSES + MINUTE]


def test_a_burst_is_a_run_faster_than_a_box_serves_voters() -> None:
    second = datetime.timedelta(seconds=1)
    steady = [OPENS + 3 * i * second for i in range(20)]  # one every 3 s: as fast as a box goes
    assert bursts(steady, USUAL_LIMITS) == []
    rushed = [CLOSES + i * second for i in range(15)]
    assert bursts(steady + rushed, USUAL_LIMITS) == [Burst(15, CLOSES, CLOSES + 14 * second)]
    assert bursts(rushed[:9], USUAL_LIMITS) == []  # fewer than `burst` in a row


@given(st.lists(st.integers(0, 10_000), max_size=60), st.integers(2, 12))
def test_bursts_never_overlap_and_each_is_too_fast(seconds: list[int], run: int) -> None:
    limits = CheckInLimits(burst=run)
    times = [OPENS + datetime.timedelta(seconds=s) for s in seconds]
    found = bursts(times, limits)
    for burst in found:
        assert burst.count >= run
        assert burst.end - burst.start < limits.fastest * (burst.count - 1)
    for earlier, later in itertools.pairwise(found):
        assert earlier.end <= later.start


def test_a_high_turnout_is_crossed_once() -> None:
    limits = CheckInLimits(high_turnout=Fraction(9, 10))  # of 950: 855
    assert not crossed_high_turnout(0, 855, DAY, limits)
    assert crossed_high_turnout(855, 856, DAY, limits)
    assert crossed_high_turnout(10, 900, DAY, limits)
    assert not crossed_high_turnout(856, 900, DAY, limits)
    assert not crossed_high_turnout(0, 900, StationDay(OPENS, CLOSES, None, None, None), limits)


def test_papers_used_are_compared_with_the_check_ins_of_each_contest() -> None:
    assert papers_mismatches(
        {"president": 4, "parliament": 3}, {"president": 4, "parliament": 4}
    ) == [PapersMismatch("parliament", 3, 4)]
    assert papers_mismatches({}, {"council": 2}) == [PapersMismatch("council", 0, 2)]


_SHARES = st.fractions(min_value=0, max_value=3, max_denominator=1000)


@given(st.integers(-(10**6), 10**6), _SHARES)
def test_the_capacity_in_whole_numbers_is_the_fraction_s(eligible: int, share: Fraction) -> None:
    # reckoned without a Fraction at each check-in (issue 14): the same figure, whatever the sign
    assert capacity(None, eligible, CheckInLimits(papers_per_voter=share)) == int(eligible * share)


@given(st.integers(0, 10**5), st.integers(0, 10**5), st.integers(1, 10**5), _SHARES)
def test_a_high_turnout_in_whole_numbers_is_the_fraction_s(
    before: int, after: int, eligible: int, share: Fraction
) -> None:
    day = StationDay(OPENS, CLOSES, None, None, eligible)
    crossed = crossed_high_turnout(before, after, day, CheckInLimits(high_turnout=share))
    assert crossed == (before <= share * eligible < after)
