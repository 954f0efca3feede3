"""The comparison assorter (docs/audit.md §4.2–4.3): SHANGRLA's B and the Gentle factors."""

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from sandogh.core.audit import GENTLE_INFLATOR, Comparison, Reading, Totals, pairwise

W, L, BAD = Reading.vote("w"), Reading.vote("l"), Reading.invalid()
V = Fraction(1, 20)


def test_values_for_each_kind_of_discrepancy() -> None:
    c = Comparison(pairwise("w", "l"), V)
    clean = 1 / (2 - V)
    assert c.card(W, W) == clean
    assert c.card(W, BAD) == Fraction(1, 2) * clean  # one-vote overstatement
    assert c.card(W, L) == 0  # two-vote overstatement
    assert c.card(BAD, W) == Fraction(3, 2) * clean  # one-vote understatement
    assert c.card(L, W) == c.upper == 2 * clean
    assert c.card(W, None) == 0  # the paper is not found: it reads as a vote for the loser
    assert c.card(None, W) == clean  # no record: it counts as u, the most it could say
    assert c.card(None, L) == 0


def test_with_the_inflator_each_factor_is_the_gentle_introductions() -> None:
    c = Comparison(pairwise("w", "l"), V, GENTLE_INFLATOR)
    half, g = Fraction(1, 2), GENTLE_INFLATOR
    assert half / c.card(W, W) == 1 - V / (2 * g)
    for e, paper in ((1, BAD), (2, L)):
        assert half / c.card(W, paper) == (1 - V / (2 * g)) / (1 - Fraction(e) / (2 * g))


kinds = st.sampled_from([W, L, BAD, Reading.absent()])


@settings(max_examples=60)
@given(st.lists(st.tuples(kinds, kinds), min_size=1, max_size=30))
def test_a_stations_value_is_the_mean_of_its_cards_values(
    pairs: list[tuple[Reading, Reading]],
) -> None:
    c = Comparison(pairwise("w", "l"), V)
    reported = Totals.of(r for r, _ in pairs)
    hand = Totals.of(p for _, p in pairs)
    cards = [c.card(r, p) for r, p in pairs]
    assert c.batch(reported, hand) == sum(cards, Fraction(0)) / len(pairs)


def test_shangrlas_overstatement_assorter_means() -> None:
    # pbstark/SHANGRLA tests/core/test_Assertion.py `test_overstatement_assorter_mean`: margin
    # 1/2, u = 1; the mean of B is 1/1.5 clean, 1/2 with half the cards one-vote overstated or a
    # quarter two-vote overstated, (1 − 0.125 − 0.25)/(2 − 0.5) with a quarter of each.
    c = Comparison(pairwise("w", "l"), Fraction(1, 2))
    clean, one, two = c.card(W, W), c.card(W, BAD), c.card(W, L)
    assert clean == 1 / Fraction(3, 2)
    assert (clean + one) / 2 == Fraction(1, 2)
    assert (3 * clean + two) / 4 == Fraction(1, 2)
    quarter = Fraction(1, 4)
    mixed = quarter * one + quarter * two + (1 - 2 * quarter) * clean
    assert mixed == (1 - Fraction(1, 8) - quarter) / (2 - Fraction(1, 2))
