"""Party lists: a list's votes are its candidates' votes; seats by the contest's method."""

from sandogh.core.definition.rule import Apportionment, ProportionalRule
from sandogh.core.rules import ListResult, Lot, LotRequired, Stake, Status, decide

from .build import candidates, constituency, counts

# The six lists of test_apportionment, now as candidates: the voters of a ballot may name
# candidates of several lists, and each list's votes are the sum of its candidates' votes.
VOTES = {
    **{"a1": 9_000, "a2": 8_000, "a3": 7_000, "a4": 6_500, "a5": 6_000, "a6": 5_000},
    **{"a7": 3_000, "a8": 2_500, "b1": 7_000, "b2": 5_000, "b3": 4_000},
    **{"c1": 6_000, "c2": 5_800, "c3": 4_000, "d1": 7_000, "d2": 5_000, "e": 6_100, "f1": 3_100},
}
LISTS = {code: code[0].upper() for code in VOTES if code != "e"}  # e stands without a list
CANDIDATES = candidates(VOTES, LISTS)


def test_dhondt_fills_each_list_in_order_of_its_candidates_votes() -> None:
    outcome = decide(ProportionalRule(), constituency(10), CANDIDATES, counts(VOTES))
    assert outcome.status is Status.DECIDED
    a, b, c, d, e, f = outcome.party_lists
    assert a == ListResult(
        "A",
        ("a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8"),
        47_000,
        5,
        ("a1", "a2", "a3", "a4", "a5"),
        ("a6", "a7", "a8"),  # 52 % of 5 is 2.6, rounded up to 3
    )
    assert (b.votes, b.seats, b.elected, b.alternates) == (16_000, 2, ("b1", "b2"), ("b3",))
    assert (c.votes, c.seats, c.elected, c.alternates) == (15_800, 2, ("c1", "c2"), ("c3",))
    assert (d.votes, d.seats, d.elected, d.alternates) == (12_000, 1, ("d1",), ("d2",))
    assert (e.party_list, e.candidates, e.seats) == (None, ("e",), 0)
    assert (f.party_list, f.seats) == ("F", 0)
    assert outcome.elected == (*a.elected, *b.elected, *c.elected, *d.elected)
    assert outcome.alternates == (*a.alternates, *b.alternates, *c.alternates, *d.alternates)
    assert (outcome.base, outcome.threshold, outcome.votes_needed) == (None, None, None)


def test_sainte_lague_gives_the_candidate_without_a_list_a_seat() -> None:
    rule = ProportionalRule(method=Apportionment.SAINTE_LAGUE)
    outcome = decide(rule, constituency(10), CANDIDATES, counts(VOTES))
    seats = {r.party_list or r.candidates[0]: r.seats for r in outcome.party_lists}
    assert seats == {"A": 4, "B": 2, "C": 2, "D": 1, "e": 1, "F": 0}
    assert "e" in outcome.elected
    assert [r.key for r in outcome.reasons if r.candidate == "e"] == ["elected"]


def test_largest_remainder() -> None:
    rule = ProportionalRule(method=Apportionment.LARGEST_REMAINDER)
    outcome = decide(rule, constituency(10), CANDIDATES, counts(VOTES))
    seats = {r.party_list or r.candidates[0]: r.seats for r in outcome.party_lists}
    assert seats == {"A": 5, "B": 2, "C": 1, "D": 1, "e": 1, "F": 0}


def test_a_withdrawn_candidates_votes_still_count_for_the_list() -> None:
    outcome = decide(
        ProportionalRule(), constituency(10), CANDIDATES, counts(VOTES), withdrawn={"a1"}
    )
    a = outcome.party_lists[0]
    assert (a.votes, a.seats) == (47_000, 5)
    assert a.elected == ("a2", "a3", "a4", "a5", "a6")
    assert a.alternates == ("a7", "a8")


def test_tehran_council_twenty_one_seats_have_eleven_alternates() -> None:
    votes = {f"L{i:02}": 1_000_000 - 10_000 * i for i in range(1, 41)}
    lists = dict.fromkeys(votes, "L")
    outcome = decide(ProportionalRule(), constituency(21), candidates(votes, lists), counts(votes))
    assert len(outcome.elected) == 21
    # 52 % of 21 is 10.92, rounded up to 11: the 21 + 11 of reference/iran-election-rules.md.
    assert outcome.alternates == tuple(f"L{i:02}" for i in range(22, 33))


def test_a_tie_between_lists_waits_for_a_lot_and_keeps_the_certain_seats() -> None:
    votes = {"a1": 150, "a2": 100, "b1": 100, "c1": 100}
    lists = {"a1": "A", "a2": "A", "b1": "B", "c1": "C"}
    outcome = decide(ProportionalRule(), constituency(3), candidates(votes, lists), counts(votes))
    assert outcome.status is Status.LOT_REQUIRED
    assert outcome.lots_required == (LotRequired(Stake.LIST_SEAT, ("B", "C"), 1),)
    assert outcome.elected == ("a1", "a2")
    assert outcome.alternates == ()
    drawn = decide(
        ProportionalRule(),
        constituency(3),
        candidates(votes, lists),
        counts(votes),
        lot=Lot("s", ("board",)),
    )
    assert drawn.status is Status.DECIDED
    assert len(drawn.elected) == 3


def test_a_tie_inside_a_list_for_its_last_seat_is_drawn() -> None:
    votes = {"a1": 100, "a2": 60, "a3": 60, "b1": 90}
    lists = {"a1": "A", "a2": "A", "a3": "A", "b1": "B"}
    outcome = decide(ProportionalRule(), constituency(3), candidates(votes, lists), counts(votes))
    # A 220: 220, 110; B 90: the seats are A2 B1, and a2, a3 tie for A's second seat.
    assert outcome.lots_required == (LotRequired(Stake.SEAT, ("a2", "a3"), 1),)
    assert outcome.elected == ("a1", "b1")
