"""Rounding the running product down keeps every P-value conservative (docs/audit.md §4.7)."""

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from sandogh.core.audit import PRECISION_BITS, round_down
from sandogh.core.audit.risk import from_products


@given(st.fractions(min_value=0, max_value=10**40))
def test_round_down_is_never_above_and_loses_at_most_one_part_in_2_to_the_95(x: Fraction) -> None:
    y = round_down(x)
    assert y <= x
    assert x - y <= x / 2 ** (PRECISION_BITS - 1)
    assert y.denominator & (y.denominator - 1) == 0  # m·2^e: a power of two below


def test_p_values_take_the_running_maximum_and_infinity_is_zero() -> None:
    m = from_products([Fraction(2), Fraction(1, 2), Fraction(4), None, Fraction(1)])
    assert m.history == (Fraction(1, 2), Fraction(1, 2), Fraction(1, 4), 0, 0)
    assert m.draws_to(Fraction(1, 4)) == 3
    assert from_products([]).p_value == 1


@given(st.fractions(min_value=Fraction(1, 10**30), max_value=10**40))
def test_round_down_keeps_at_most_the_precision_bits(x: Fraction) -> None:
    y = round_down(x)
    m = y.numerator
    while m and m % 2 == 0:
        m //= 2
    assert m.bit_length() <= PRECISION_BITS
