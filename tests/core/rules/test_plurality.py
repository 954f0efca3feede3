"""Plurality with alternates: councils, the Assembly of Experts, by-elections, runoff rounds."""

from sandogh.core.definition.rule import PluralityRule
from sandogh.core.rules import Lot, LotRequired, Stake, Status, decide

from .build import candidates, constituency, counts

RULE = PluralityRule()
# A city council of a town of up to 50,000 people: 5 seats and 3 alternates.
TOWN = {"11": 900, "12": 850, "13": 700, "14": 640, "15": 600, "16": 580, "17": 400, "18": 390}
TOWN |= {"19": 120, "20": 45}


def test_kerman_2024_runoff_by_plurality() -> None:
    votes = {"21": 773_591, "25": 479_249}
    outcome = decide(RULE, constituency(), candidates(votes), counts(votes, cast=1_276_092))
    assert outcome.status is Status.DECIDED
    assert outcome.elected == ("21",)
    assert (outcome.base, outcome.threshold, outcome.votes_needed) == (None, None, None)
    assert [(r.key, r.candidate, r.votes) for r in outcome.reasons] == [
        ("elected", "21", 773_591),
        ("not-elected", "25", 479_249),
    ]


def test_a_town_council_elects_five_and_ranks_three_alternates() -> None:
    outcome = decide(RULE, constituency(5, 3), candidates(TOWN), counts(TOWN, valid=1_000))
    assert outcome.elected == ("11", "12", "13", "14", "15")
    assert outcome.alternates == ("16", "17", "18")
    ranks = [(r.candidate, r.rank) for r in outcome.reasons if r.key == "alternate"]
    assert ranks == [("16", 1), ("17", 2), ("18", 3)]


def test_a_tie_between_alternates_decides_their_rank() -> None:
    votes = TOWN | {"17": 390}
    outcome = decide(RULE, constituency(5, 3), candidates(votes), counts(votes, valid=1_000))
    assert outcome.status is Status.LOT_REQUIRED
    assert outcome.lots_required == (LotRequired(Stake.ALTERNATE, ("17", "18"), 2),)
    assert outcome.elected == ("11", "12", "13", "14", "15")
    assert outcome.alternates == ()
    lot = Lot("1403-council", ("head of the executive board",))
    drawn = decide(RULE, constituency(5, 3), candidates(votes), counts(votes, 1_000), lot=lot)
    assert drawn.alternates == ("16", *drawn.lots[0].order)
    assert drawn.lots[0].stake is Stake.ALTERNATE


def test_a_tie_for_the_last_seat_also_orders_the_alternates() -> None:
    votes = TOWN | {"16": 600}
    outcome = decide(RULE, constituency(5, 3), candidates(votes), counts(votes, valid=1_000))
    assert outcome.lots_required == (LotRequired(Stake.SEAT, ("15", "16"), 1),)
    assert outcome.elected == ("11", "12", "13", "14")
    drawn = decide(
        RULE, constituency(5, 3), candidates(votes), counts(votes, 1_000), lot=Lot("x", ())
    )
    first, second = drawn.lots[0].order
    assert drawn.elected[-1] == first
    assert drawn.alternates == (second, "17", "18")


def test_a_tie_below_the_last_alternate_decides_nothing() -> None:
    votes = TOWN | {"20": 120}
    outcome = decide(RULE, constituency(5, 3), candidates(votes), counts(votes, valid=1_000))
    assert outcome.status is Status.DECIDED
    assert outcome.lots == ()


def test_with_fewer_candidates_than_seats_some_stay_empty() -> None:
    votes = {"a": 3, "b": 2}
    outcome = decide(RULE, constituency(3, 2), candidates(votes), counts(votes))
    assert outcome.elected == ("a", "b")
    assert outcome.alternates == ()
    assert outcome.reasons[0].key == "seats-unfilled"
    assert outcome.reasons[0].seats == 1


def test_a_withdrawn_candidate_is_skipped() -> None:
    outcome = decide(
        RULE, constituency(5, 3), candidates(TOWN), counts(TOWN, valid=1_000), withdrawn={"12"}
    )
    assert outcome.elected == ("11", "13", "14", "15", "16")
    assert outcome.alternates == ("17", "18", "19")
