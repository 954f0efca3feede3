"""Sliding-window counters: the estimate, when a throttled key clears, and networks of addresses."""

import datetime
from fractions import Fraction

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sandogh.core.access import Window, canonical_address, network_of

TEN_MINUTES = datetime.timedelta(minutes=10)
WINDOW = Window(10, TEN_MINUTES)
# 04:30 UTC is 08:00 in Tehran, when polls open; a fixed window starts every ten minutes
OPENING = datetime.datetime(2024, 7, 5, 4, 30, tzinfo=datetime.UTC)


def test_windows_are_aligned_to_the_epoch() -> None:
    assert WINDOW.start(OPENING) == OPENING
    assert WINDOW.start(OPENING + datetime.timedelta(minutes=9, seconds=59)) == OPENING
    tehran = datetime.timezone(datetime.timedelta(hours=3, minutes=30))
    assert WINDOW.start(datetime.datetime(2024, 7, 5, 8, 4, tzinfo=tehran)) == OPENING


def test_the_estimate_weighs_the_previous_window_by_what_it_still_overlaps() -> None:
    # three minutes into the window: 70 % of the previous one still counts
    at = OPENING + datetime.timedelta(minutes=3)
    assert WINDOW.estimate(previous=10, current=2, at=at) == 2 + Fraction(7)
    assert WINDOW.estimate(previous=0, current=9, at=at) == 9
    assert not WINDOW.over(previous=0, current=9, at=at)
    assert WINDOW.over(previous=0, current=10, at=at)
    assert WINDOW.over(previous=12, current=2, at=at)  # 2 + 8.4


def test_a_key_clears_when_the_estimate_falls_below_the_limit() -> None:
    at = OPENING + datetime.timedelta(minutes=3)
    # 2 + 10 × (10 − m)/10 < 10 once m > 2 minutes: it is already clear
    assert WINDOW.clear_at(previous=10, current=2, at=at) == at
    # 5 + 12 × (10 − m)/10 < 10 once 10 − m < 50/12 minutes, m > 5 min 50 s
    cleared = WINDOW.clear_at(previous=12, current=5, at=at)
    assert cleared == OPENING + datetime.timedelta(minutes=5, seconds=50, microseconds=1)
    # 10 in this window: in the next one 10 × (20 − m)/10 < 10 once m > 10 minutes
    full = WINDOW.clear_at(previous=0, current=10, at=at)
    assert full == OPENING + TEN_MINUTES + datetime.timedelta(microseconds=1)
    # 40 in this window: 40 × (20 − m)/10 < 10 once m > 17.5 minutes
    flood = WINDOW.clear_at(previous=0, current=40, at=at)
    assert flood == OPENING + datetime.timedelta(minutes=17, seconds=30, microseconds=1)


@settings(max_examples=200)
@given(
    previous=st.integers(min_value=0, max_value=500),
    current=st.integers(min_value=0, max_value=500),
    offset=st.integers(min_value=0, max_value=599_999_999),
)
@example(previous=1, current=9, offset=0)  # over at the window's first instant, clear 1 µs later
def test_a_cleared_key_is_below_the_limit_and_was_over_just_before(
    previous: int, current: int, offset: int
) -> None:
    at = OPENING + datetime.timedelta(microseconds=offset)
    cleared = WINDOW.clear_at(previous, current, at)
    assert cleared >= at
    in_next = cleared >= OPENING + TEN_MINUTES
    later_previous, later_current = (current, 0) if in_next else (previous, current)
    assert not WINDOW.over(later_previous, later_current, cleared)
    earlier = cleared - datetime.timedelta(microseconds=2)
    if earlier >= at:  # a moment before `at` is in no window this test describes
        before = (current, 0) if earlier >= OPENING + TEN_MINUTES else (previous, current)
        assert WINDOW.over(*before, earlier)


def test_a_window_needs_a_limit_and_a_length() -> None:
    with pytest.raises(ValueError, match="limit"):
        Window(0, TEN_MINUTES)
    with pytest.raises(ValueError, match="length"):
        Window(10, datetime.timedelta(milliseconds=10))


@pytest.mark.parametrize(
    ("address", "network"),
    [
        ("192.0.2.77", "192.0.2.0/24"),
        ("::ffff:192.0.2.77", "192.0.2.0/24"),
        ("2001:db8:aa:bb:1:2:3:4", "2001:db8:aa:bb::/64"),
        ("2001:DB8:AA:BB::9", "2001:db8:aa:bb::/64"),
        ("testclient", "testclient"),
    ],
)
def test_an_address_is_throttled_with_its_network(address: str, network: str) -> None:
    assert network_of(address) == network


def test_one_host_has_one_spelling() -> None:
    assert canonical_address("::ffff:192.0.2.77") == "192.0.2.77"
    assert canonical_address("2001:DB8:0:0::1") == "2001:db8::1"
    assert canonical_address(" 192.0.2.1") == "192.0.2.1"
    assert canonical_address("testclient") == "testclient"
