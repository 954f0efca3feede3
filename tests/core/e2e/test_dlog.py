"""Discrete logs of tallies (`docs/e2e.md` §8): up to the national electorate and beyond."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sandogh.core.e2e.dlog import BOUND, DiscreteLogError, discrete_log
from sandogh.core.e2e.group import RISTRETTO255

G = RISTRETTO255


@pytest.mark.parametrize("t", [0, 1, 2, 65535, 65536, 65537, 62_000_000, BOUND - 1])
def test_known_values(t: int) -> None:
    assert discrete_log(G, G.base_exp(t)) == t


@settings(max_examples=20)
@given(st.integers(0, BOUND - 1))
def test_any_value_below_the_bound(t: int) -> None:
    assert discrete_log(G, G.base_exp(t)) == t


def test_beyond_the_bound_is_a_typed_error() -> None:
    with pytest.raises(DiscreteLogError):
        discrete_log(G, G.base_exp(BOUND))
    with pytest.raises(DiscreteLogError):
        discrete_log(G, G.base_exp(100), bound=100)
    with pytest.raises(DiscreteLogError):
        discrete_log(G, G.base_exp(-1))


def test_a_bound_below_the_table_is_kept_after_the_table_grew() -> None:
    assert discrete_log(G, G.base_exp(70_000)) == 70_000
    assert discrete_log(G, G.base_exp(99), bound=100) == 99
    with pytest.raises(DiscreteLogError):
        discrete_log(G, G.base_exp(500), bound=100)
