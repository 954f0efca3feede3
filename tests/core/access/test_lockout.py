"""Lockout with growing backoff: five failures lock for a minute, each next one twice as long, up to
an hour; attempts while locked change nothing."""

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sandogh.core.access import Lockout, LockoutPolicy, Standing

T0 = datetime.datetime(2024, 6, 28, 4, 30, tzinfo=datetime.UTC)
MINUTE = datetime.timedelta(minutes=1)
POLICY = LockoutPolicy()


def test_the_fifth_failure_locks_for_a_minute_and_each_next_for_twice_as_long() -> None:
    state, at = Lockout(), T0
    for _ in range(4):
        state = POLICY.after_failure(state, at)
        assert state.locked_until is None
        assert not state.locked(at)
    waits = []
    for _ in range(8):
        state = POLICY.after_failure(state, at)
        assert state.locked_until is not None
        waits.append(state.locked_until - at)
        assert state.locked(at)
        assert not state.locked(state.locked_until)  # a lock ends at its time
        at = state.locked_until
    assert waits == [MINUTE * n for n in (1, 2, 4, 8, 16, 32, 60, 60)]


def test_failures_while_locked_are_not_counted() -> None:
    locked = Lockout(5, T0 + MINUTE)
    assert POLICY.after_failure(locked, T0 + datetime.timedelta(seconds=59)) == locked
    assert POLICY.after_failure(locked, T0 + MINUTE) == Lockout(6, T0 + 3 * MINUTE)


def test_a_policy_needs_sensible_numbers() -> None:
    with pytest.raises(ValueError, match="threshold"):
        LockoutPolicy(threshold=0)
    with pytest.raises(ValueError, match="first"):
        LockoutPolicy(first=MINUTE, cap=datetime.timedelta(seconds=30))


@settings(max_examples=100)
@given(st.integers(min_value=0, max_value=10_000))
def test_a_lock_never_passes_the_cap_and_never_shrinks(failures: int) -> None:
    now = POLICY.lock_for(failures)
    after = POLICY.lock_for(failures + 1)
    if now is None:
        assert failures < POLICY.threshold
    else:
        assert after is not None
        assert MINUTE <= now <= after <= POLICY.cap


def test_a_lock_holds_on_its_network_and_on_the_account_only_under_attack() -> None:
    locked, free = Lockout(5, T0 + MINUTE), Lockout()
    assert Standing(free, locked, known_network=True, attacked=False).locked(T0)
    assert not Standing(locked, free, known_network=False, attacked=False).locked(T0)
    assert Standing(locked, free, known_network=False, attacked=True).locked(T0)
    assert not Standing(locked, free, known_network=True, attacked=True).locked(T0)
    assert not Standing(locked, free, known_network=False, attacked=True).locked(T0 + MINUTE)


def test_an_attack_is_an_account_wide_lock_from_enough_networks() -> None:
    locked = Lockout(5, T0 + MINUTE)
    assert POLICY.attacked(locked, POLICY.spread, T0)
    assert not POLICY.attacked(locked, POLICY.spread - 1, T0)
    assert not POLICY.attacked(Lockout(4), POLICY.spread, T0)
    with pytest.raises(ValueError, match="spread"):
        LockoutPolicy(spread=1)
