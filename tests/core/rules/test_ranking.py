from fractions import Fraction

from sandogh.core.rules.lots import Lot, LotRequired, Stake
from sandogh.core.rules.ranking import Region, rank

SEATS_AND_ALTERNATES = [Region(2, Stake.SEAT), Region(4, Stake.ALTERNATE, ranked=True)]
LOT = Lot("seed", ("board",))


def test_orders_by_votes_and_needs_no_lot_without_ties() -> None:
    ranking = rank({"a": 5, "b": 9, "c": 7}, SEATS_AND_ALTERNATES, None)
    assert ranking.order == ("b", "c", "a")
    assert ranking.pending == ()
    assert ranking.drawn == ()


def test_a_tie_inside_the_seats_decides_nothing_and_stands_in_code_order() -> None:
    ranking = rank({"b": 9, "a": 9, "c": 1}, SEATS_AND_ALTERNATES, None)
    assert ranking.order == ("a", "b", "c")
    assert ranking.pending == ()


def test_a_tie_across_the_last_seat_waits_for_a_lot() -> None:
    ranking = rank({"a": 9, "b": 5, "c": 5, "d": 1}, SEATS_AND_ALTERNATES, None)
    assert ranking.pending == (LotRequired(Stake.SEAT, ("b", "c"), 1),)
    assert ranking.certain(0, 2) == ("a",)
    assert ranking.certain(2, 4) == ("d",)


def test_a_tie_among_alternates_decides_their_rank() -> None:
    ranking = rank({"a": 9, "b": 8, "c": 5, "d": 5, "e": 1}, SEATS_AND_ALTERNATES, None)
    assert ranking.pending == (LotRequired(Stake.ALTERNATE, ("c", "d"), 2),)


def test_a_tie_beyond_the_last_region_decides_nothing() -> None:
    ranking = rank({"a": 9, "b": 8, "c": 7, "d": 6, "e": 1, "f": 1}, SEATS_AND_ALTERNATES, None)
    assert ranking.pending == ()


def test_a_tie_across_the_last_alternate_place_waits_for_a_lot() -> None:
    ranking = rank({"a": 9, "b": 8, "c": 7, "d": 1, "e": 1}, SEATS_AND_ALTERNATES, None)
    assert ranking.pending == (LotRequired(Stake.ALTERNATE, ("d", "e"), 1),)


def test_a_lot_orders_the_tied_and_is_recorded() -> None:
    ranking = rank({"a": 9, "b": 5, "c": 5, "d": 1}, SEATS_AND_ALTERNATES, LOT)
    (drawn,) = ranking.drawn
    assert drawn.tied == ("b", "c")
    assert ranking.order == ("a", *drawn.order, "d")
    assert ranking.pending == ()


def test_fractions_rank_exactly() -> None:
    ranking = rank({"a": Fraction(1, 3), "b": Fraction(333, 1000)}, [Region(1, Stake.SEAT)], None)
    assert ranking.order == ("a", "b")
