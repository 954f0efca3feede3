"""The three methods, worked by hand on examples where they disagree."""

import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sandogh.core.definition.rule import Apportionment
from sandogh.core.rules.apportionment import apportion
from sandogh.core.rules.lots import Lot, LotRequired, Stake

# 10 seats among six lists of 100,000 votes.
# D'Hondt (÷1, 2, 3, …), the ten highest: A 47,000  A 23,500  B 16,000  C 15,800  A 15,667
#   D 12,000  A 11,750  A 9,400  B 8,000  C 7,900 (next: A 7,833)      → A5 B2 C2 D1 E0 F0
# Sainte-Laguë (÷1, 3, 5, …): A 47,000  B 16,000  C 15,800  A 15,667  D 12,000  A 9,400
#   A 6,714  E 6,100  B 5,333  C 5,267 (next: A 5,222)                 → A4 B2 C2 D1 E1 F0
# Largest remainder, Hare quota 10,000: 4.7 1.6 1.58 1.2 0.61 0.31 → whole parts 4 1 1 1 0 0,
#   the 3 seats left to the largest remainders .7 (A) .61 (E) .6 (B)  → A5 B2 C1 D1 E1 F0
SIX = {"A": 47_000, "B": 16_000, "C": 15_800, "D": 12_000, "E": 6_100, "F": 3_100}
UNLIMITED = dict.fromkeys(SIX, 10)
# The worked example of staatsrecht.honikel.de (Berechnungsbeispiele): 10 seats, 12,000 votes.
THREE = {"A": 6_100, "B": 5_000, "C": 900}


@pytest.mark.parametrize(
    ("method", "expected"),
    [
        (Apportionment.DHONDT, {"A": 5, "B": 2, "C": 2, "D": 1, "E": 0, "F": 0}),
        (Apportionment.SAINTE_LAGUE, {"A": 4, "B": 2, "C": 2, "D": 1, "E": 1, "F": 0}),
        (Apportionment.LARGEST_REMAINDER, {"A": 5, "B": 2, "C": 1, "D": 1, "E": 1, "F": 0}),
    ],
)
def test_six_lists_ten_seats(method: Apportionment, expected: dict[str, int]) -> None:
    shared = apportion(method, SIX, UNLIMITED, 10, None)
    assert shared.seats == expected
    assert shared.drawn == ()
    assert shared.pending == ()


@pytest.mark.parametrize(
    ("method", "expected"),
    [
        (Apportionment.DHONDT, {"A": 6, "B": 4, "C": 0}),
        (Apportionment.SAINTE_LAGUE, {"A": 5, "B": 4, "C": 1}),
        (Apportionment.LARGEST_REMAINDER, {"A": 5, "B": 4, "C": 1}),
    ],
)
def test_three_lists_ten_seats(method: Apportionment, expected: dict[str, int]) -> None:
    assert apportion(method, THREE, dict.fromkeys(THREE, 10), 10, None).seats == expected


def test_dhondt_passes_over_a_full_list() -> None:
    # A has 3 candidates: after A 15,667 the next quotients go on without A:
    # D 12,000  B 8,000  C 7,900  E 6,100  D 6,000.
    shared = apportion(Apportionment.DHONDT, SIX, UNLIMITED | {"A": 3}, 10, None)
    assert shared.seats == {"A": 3, "B": 2, "C": 2, "D": 2, "E": 1, "F": 0}


def test_largest_remainder_sets_a_full_list_aside_and_shares_the_rest_afresh() -> None:
    # A's whole part 4 reaches its 3 candidates: A keeps 3; 7 seats among the other 53,000 votes:
    # B 2.113 C 2.087 D 1.585 E 0.806 F 0.409 → 2 2 1 0 0, the 2 left to E (.806) and D (.585).
    shared = apportion(Apportionment.LARGEST_REMAINDER, SIX, UNLIMITED | {"A": 3}, 10, None)
    assert shared.seats == {"A": 3, "B": 2, "C": 2, "D": 2, "E": 1, "F": 0}


def test_a_list_without_candidates_gets_no_seat() -> None:
    for method in Apportionment:
        shared = apportion(method, {"A": 10, "B": 5}, {"A": 0, "B": 3}, 2, None)
        assert shared.seats == {"A": 0, "B": 2}


@pytest.mark.parametrize(
    ("method", "votes", "seats", "a_seats"),
    [
        # 250, 125 for A; then B 100 and C 100 for the last seat (A's next is 83 1/3).
        (Apportionment.DHONDT, {"A": 250, "B": 100, "C": 100}, 3, 2),
        # 250 for A; then B 100 and C 100 for the last seat (A's next is 250 / 3 = 83 1/3).
        (Apportionment.SAINTE_LAGUE, {"A": 250, "B": 100, "C": 100}, 2, 1),
        # Quotas 1.2, 0.4, 0.4: A has 1, B and C have the same remainder for the last seat.
        (Apportionment.LARGEST_REMAINDER, {"A": 300, "B": 100, "C": 100}, 2, 1),
    ],
)
def test_a_tie_for_the_last_seat_waits_for_a_lot(
    method: Apportionment, votes: dict[str, int], seats: int, a_seats: int
) -> None:
    shared = apportion(method, votes, dict.fromkeys(votes, 5), seats, None)
    assert shared.pending == (LotRequired(Stake.LIST_SEAT, ("B", "C"), 1),)
    assert shared.seats == {"A": a_seats, "B": 0, "C": 0}
    drawn = apportion(method, votes, dict.fromkeys(votes, 5), seats, Lot("s", ()))
    winner = drawn.drawn[0].order[0]
    assert drawn.seats == {"A": a_seats, "B": 0, "C": 0} | {winner: 1}


def test_lists_tied_for_as_many_seats_as_are_left_need_no_lot() -> None:
    votes = {"A": 300, "B": 100, "C": 100}
    shared = apportion(Apportionment.DHONDT, votes, dict.fromkeys(votes, 5), 5, None)
    assert shared.seats == {"A": 3, "B": 1, "C": 1}
    assert shared.drawn == ()
    assert shared.pending == ()


lists = st.dictionaries(st.sampled_from("ABCDEFGH"), st.integers(0, 10_000), min_size=1, max_size=8)


@settings(max_examples=150)
@given(
    method=st.sampled_from(Apportionment),
    votes=lists,
    seats=st.integers(1, 30),
    caps=st.lists(st.integers(0, 12), min_size=8, max_size=8),
)
def test_every_seat_is_given_while_a_list_can_take_it(
    method: Apportionment, votes: dict[str, int], seats: int, caps: list[int]
) -> None:
    capacity = {k: caps[i] for i, k in enumerate(sorted(votes))}
    shared = apportion(method, votes, capacity, seats, Lot("s", ()))
    assert shared.pending == ()
    assert all(0 <= shared.seats[k] <= capacity[k] for k in votes)
    assert sum(shared.seats.values()) == min(seats, sum(capacity.values()))


@settings(max_examples=150)
@given(method=st.sampled_from(Apportionment), votes=lists, seats=st.integers(1, 30))
def test_more_votes_never_win_fewer_seats(
    method: Apportionment, votes: dict[str, int], seats: int
) -> None:
    shared = apportion(method, votes, dict.fromkeys(votes, 30), seats, Lot("s", ()))
    for a, more in votes.items():
        for b, fewer in votes.items():
            if more > fewer:
                assert shared.seats[a] >= shared.seats[b]


@settings(max_examples=150)
@given(votes=lists.filter(lambda v: sum(v.values()) > 0), seats=st.integers(1, 30))
def test_largest_remainder_gives_each_list_its_quota_rounded_down_or_up(
    votes: dict[str, int], seats: int
) -> None:
    shared = apportion(
        Apportionment.LARGEST_REMAINDER, votes, dict.fromkeys(votes, 30), seats, Lot("s", ())
    )
    for k, v in votes.items():
        quota = Fraction(v * seats, sum(votes.values()))
        assert math.floor(quota) <= shared.seats[k] <= math.ceil(quota)
