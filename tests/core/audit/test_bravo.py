"""BRAVO (docs/audit.md §4.6), hand-worked: each ballot multiplies T by 2s_w, 2(1 − s_w) or 1."""

from fractions import Fraction

import pytest

from sandogh.core.audit import AuditInputError, Reading, bravo

W, L, OTHER = Reading.vote("w"), Reading.vote("l"), Reading.vote("o")


def test_hand_worked_sequence() -> None:
    # s_w = 3/5: a vote for w multiplies T by 6/5, for l by 4/5.
    m = bravo([W, W, L, OTHER, W, None], "w", "l", 60, 40)
    t = [Fraction(6, 5), Fraction(36, 25), Fraction(144, 125), Fraction(144, 125)]
    t += [Fraction(864, 625), Fraction(3456, 3125)]
    best = [max(t[: i + 1]) for i in range(len(t))]
    # a paper not found counts for the loser; the product is rounded down (docs/audit.md §4.7)
    for got, b in zip(m.history, best, strict=True):
        assert 1 / b <= got <= (1 / b) * (1 + Fraction(1, 2**90))


def test_sixty_percent_with_ten_percent_risk_stops_after_thirteen_straight_winner_votes() -> None:
    # (6/5)^12 = 8.9 < 10 ≤ (6/5)^13 = 10.7
    assert bravo([W] * 20, "w", "l", 60, 40).draws_to(Fraction(1, 10)) == 13


def test_a_winner_not_ahead_is_refused() -> None:
    with pytest.raises(AuditInputError):
        bravo([W], "w", "l", 40, 40)
