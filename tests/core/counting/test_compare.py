"""Round against round: Kerman 2024 (reference/seed-facts.md)."""

from __future__ import annotations

from fractions import Fraction

from sandogh.core.counting.compare import (
    Margin,
    compare_rounds,
    leading_margin,
    margin,
    points_change,
)
from sandogh.core.counting.tally import Counts

KERMAN_ELIGIBLE = 2_324_254
# Round 2 as printed; the papers used are synthetic, chosen so that turnout is the printed 55 %.
ROUND_2 = Counts(
    papers_used=1_278_340,
    cast=1_276_092,
    valid=1_252_840,
    votes={"21": 773_591, "25": 479_249},
)
# Round 1: only the turnout (46 %) and the margin (148,119) are printed; the rest is synthetic.
ROUND_1 = Counts(
    papers_used=1_069_157,
    cast=1_068_000,
    valid=1_040_000,
    votes={"21": 520_000, "25": 371_881, "22": 140_000, "23": 8_119},
)


def test_kerman_turnout_rose_nine_points_between_the_rounds() -> None:
    compared = compare_rounds(
        ROUND_1, ROUND_2, previous_eligible=KERMAN_ELIGIBLE, current_eligible=KERMAN_ELIGIBLE
    )
    assert compared.turnout_change == Fraction(100 * (1_278_340 - 1_069_157), KERMAN_ELIGIBLE)
    before, after = compared.previous.papers_share, compared.current.papers_share
    assert before is not None
    assert after is not None
    assert (round(100 * before), round(100 * after)) == (46, 55)
    assert compared.turnout_change is not None
    assert round(compared.turnout_change) == 9
    assert compared.cast_change == 1_276_092 - 1_068_000


def test_the_round_2_margin_is_294_342() -> None:
    lead = leading_margin(ROUND_2)
    assert lead == Margin("21", "25", 773_591, 479_249)
    assert lead is not None
    assert lead.votes == 294_342
    assert margin(ROUND_2, "25", "21").votes == -294_342


def test_the_round_1_margin_is_148_119() -> None:
    lead = leading_margin(ROUND_1)
    assert lead is not None
    assert (lead.first, lead.second, lead.votes) == ("21", "25", 148_119)


def test_a_candidate_without_votes_has_none_and_one_candidate_has_no_margin() -> None:
    assert margin(ROUND_2, "21", "99") == Margin("21", "99", 773_591, 0)
    assert leading_margin(Counts(votes={"21": 5})) is None
    assert leading_margin(Counts()) is None


def test_a_tie_is_a_margin_of_zero_in_code_order() -> None:
    assert leading_margin(Counts(votes={"25": 7, "21": 7, "23": 1})) == Margin("21", "25", 7, 7)


def test_turnout_change_is_unknown_when_a_turnout_is() -> None:
    compared = compare_rounds(ROUND_1, ROUND_2, previous_eligible=None, current_eligible=100)
    assert compared.turnout_change is None
    assert points_change(Fraction(46, 100), Fraction(55, 100)) == 9
    assert points_change(None, Fraction(1, 2)) is None
