"""The parliamentary threshold, with the 2024 figures of `reference/iran-election-rules.md`."""

from fractions import Fraction

from sandogh.core.definition.rule import Base, ThresholdRule
from sandogh.core.rules import Lot, LotRequired, Stake, Status, decide

from .build import TEHRAN_VALID, candidates, constituency, counts, tehran_round_1

RULE = ThresholdRule()


def test_tehran_2024_fourteen_pass_and_thirty_two_advance_for_sixteen_seats() -> None:
    votes = tehran_round_1()
    outcome = decide(RULE, constituency(30), candidates(votes), counts(votes, valid=TEHRAN_VALID))
    assert outcome.status is Status.RUNOFF
    assert outcome.elected == tuple(f"T{i:02}" for i in range(1, 15))
    assert outcome.runoff_seats == 16
    assert outcome.advancing == tuple(f"T{i:02}" for i in range(15, 47))
    assert outcome.base == TEHRAN_VALID
    assert outcome.threshold == Fraction(TEHRAN_VALID, 5)
    assert outcome.votes_needed == 313_972
    below = [r for r in outcome.reasons if r.candidate == "T47"]
    assert [(r.key, r.votes, r.needed) for r in below] == [("below-threshold", 65_000, 313_972)]
    assert outcome.reasons[0].key == "threshold-needed"
    assert "officials print 313,971" in outcome.reasons[0].text


def test_the_base_is_the_valid_ballots_not_the_cast() -> None:
    votes = {"a": 21, "b": 19}
    on_valid = decide(RULE, constituency(), candidates(votes), counts(votes, cast=200, valid=100))
    on_cast = decide(
        ThresholdRule(base=Base.CAST), constituency(), candidates(votes), counts(votes, 200, 100)
    )
    assert on_valid.elected == ("a",)
    assert on_cast.elected == ()


def test_varamin_2024_nobody_passes_and_two_advance_for_one_seat() -> None:
    # Synthetic figures: four candidates, none with 20 % of the 100,000 valid ballots.
    votes = {"V1": 19_999, "V2": 18_000, "V3": 15_000, "V4": 9_000}
    outcome = decide(RULE, constituency(1), candidates(votes), counts(votes, valid=100_000))
    assert outcome.status is Status.RUNOFF
    assert outcome.elected == ()
    assert (outcome.advancing, outcome.runoff_seats) == (("V1", "V2"), 1)
    assert outcome.votes_needed == 20_000


def test_more_passing_than_seats_fills_them_in_order_of_votes() -> None:
    votes = {"a": 30, "b": 25, "c": 22, "d": 10}
    outcome = decide(RULE, constituency(2), candidates(votes), counts(votes, valid=100))
    assert outcome.status is Status.DECIDED
    assert outcome.elected == ("a", "b")
    assert outcome.advancing == ()
    assert [r.key for r in outcome.reasons if r.candidate == "c"] == ["passed-no-seat"]


def test_a_tie_for_the_last_seat_among_those_who_passed_is_drawn() -> None:
    votes = {"a": 30, "b": 25, "c": 25, "d": 10}
    outcome = decide(RULE, constituency(2), candidates(votes), counts(votes, valid=100))
    assert outcome.lots_required == (LotRequired(Stake.SEAT, ("b", "c"), 1),)
    assert outcome.elected == ("a",)
    drawn = decide(
        RULE, constituency(2), candidates(votes), counts(votes, valid=100), lot=Lot("s", ())
    )
    assert drawn.status is Status.DECIDED
    assert drawn.elected == ("a", drawn.lots[0].order[0])


def test_a_tie_for_the_last_runoff_place_is_drawn() -> None:
    votes = {"a": 30, "b": 15, "c": 12, "d": 12}
    outcome = decide(RULE, constituency(2), candidates(votes), counts(votes, valid=100))
    assert outcome.elected == ("a",)
    assert outcome.lots_required == (LotRequired(Stake.RUNOFF, ("c", "d"), 1),)
    drawn = decide(
        RULE, constituency(2), candidates(votes), counts(votes, valid=100), lot=Lot("s", ())
    )
    assert drawn.advancing == ("b", drawn.lots[0].order[0])


def test_with_too_few_candidates_left_all_of_them_advance() -> None:
    votes = {"a": 30, "b": 15}
    outcome = decide(RULE, constituency(3), candidates(votes), counts(votes, valid=100))
    assert (outcome.elected, outcome.advancing, outcome.runoff_seats) == (("a",), ("b",), 2)


def test_with_nobody_left_the_seats_stay_empty() -> None:
    votes = {"a": 30}
    outcome = decide(RULE, constituency(2), candidates(votes), counts(votes, valid=100))
    assert outcome.status is Status.DECIDED
    assert [r.key for r in outcome.reasons][:2] == ["threshold-needed", "seats-unfilled"]
