"""Kaplan–Markov (docs/audit.md §4.5) against SHANGRLA's tests and the Gentle Introduction.

pbstark/SHANGRLA, tests/core/test_NonnegMean.py `test_kaplan_markov`: five 1s at t = 1/2 give
2^−5; with padding g = 0.1, five 1s then a 0 give (1.1/0.6)^−5 (the minimum over the history).
"""

from fractions import Fraction

import pytest

from sandogh.core.audit import PRECISION_BITS, AuditInputError, kaplan_markov


def test_five_ones_give_two_to_the_minus_five() -> None:
    assert kaplan_markov([Fraction(1)] * 5).p_value == Fraction(1, 32)


def test_padding_keeps_a_zero_from_ending_the_test_and_the_minimum_is_kept() -> None:
    draws = [Fraction(1)] * 5 + [Fraction(0)]
    m = kaplan_markov(draws, padding=Fraction(1, 10))
    exact = Fraction(6, 11) ** 5
    assert m.p_value >= exact  # the product is rounded down: the P-value never below the exact
    assert m.p_value - exact <= exact / 2 ** (PRECISION_BITS - 8)
    assert m.history[-1] == m.history[-2]


def test_negative_draws_are_refused() -> None:
    with pytest.raises(AuditInputError, match="negative"):
        kaplan_markov([Fraction(-1)])
