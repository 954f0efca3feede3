"""The presidential majority, with the 2024 figures of `reference/iran-election-rules.md`."""

from fractions import Fraction

from sandogh.core.definition.rule import Base, MajorityRule
from sandogh.core.rules import Lot, LotRequired, Stake, Status, decide

from .build import candidates, constituency, counts

# 2024, round 1, nationwide: Pezeshkian, Jalili, Ghalibaf, Pourmohammadi.
ROUND_1 = {"25": 10_415_991, "21": 9_473_298, "22": 3_383_340, "23": 206_397}
CAST_2024 = 24_535_185
RUNOFF_RULE = MajorityRule()


def test_2024_round_1_nobody_has_the_majority_and_the_top_two_advance() -> None:
    outcome = decide(
        RUNOFF_RULE, constituency(), candidates(ROUND_1), counts(ROUND_1, cast=CAST_2024)
    )
    assert outcome.status is Status.RUNOFF
    assert outcome.elected == ()
    assert outcome.advancing == ("25", "21")
    assert outcome.runoff_seats == 1
    assert (outcome.base, outcome.threshold, outcome.votes_needed) == (
        CAST_2024,
        Fraction(CAST_2024, 2),
        12_267_593,
    )
    keys = [(r.key, r.candidate) for r in outcome.reasons]
    assert keys == [
        ("majority-needed", None),
        ("runoff", None),
        ("advances-to-runoff", "25"),
        ("advances-to-runoff", "21"),
        ("below-majority", "22"),
        ("below-majority", "23"),
    ]


def test_the_base_is_all_ballots_cast_not_only_the_valid() -> None:
    # Half of these 23,479,026 valid ballots is 11,739,513: 12,000,000 votes pass on the valid
    # ballots but not on the 24,535,185 cast, where 12,267,593 are needed.
    votes = {"25": 12_000_000, "21": 11_479_026}
    on_cast = decide(RUNOFF_RULE, constituency(), candidates(votes), counts(votes, cast=CAST_2024))
    on_valid = decide(
        MajorityRule(base=Base.VALID), constituency(), candidates(votes), counts(votes, CAST_2024)
    )
    assert on_cast.status is Status.RUNOFF
    assert on_valid.elected == ("25",)


def test_kerman_2024_round_2_jalili_has_the_majority() -> None:
    votes = {"21": 773_591, "25": 479_249}
    outcome = decide(RUNOFF_RULE, constituency(), candidates(votes), counts(votes, cast=1_276_092))
    assert outcome.status is Status.DECIDED
    assert outcome.elected == ("21",)
    assert outcome.votes_needed == 638_047
    assert outcome.reasons[1].key == "majority-reached"


def test_exactly_half_is_not_a_majority() -> None:
    votes = {"a": 50, "b": 30, "c": 20}
    outcome = decide(RUNOFF_RULE, constituency(), candidates(votes), counts(votes))
    assert outcome.status is Status.RUNOFF
    assert outcome.advancing == ("a", "b")


def test_a_leader_who_withdrew_is_skipped_and_the_next_moves_up() -> None:
    outcome = decide(
        RUNOFF_RULE,
        constituency(),
        candidates(ROUND_1),
        counts(ROUND_1, cast=CAST_2024),
        withdrawn={"21"},
    )
    assert outcome.advancing == ("25", "22")
    assert outcome.reasons[-1].key == "withdrawn"
    assert outcome.reasons[-1].votes == 9_473_298


def test_a_tie_for_the_second_runoff_place_waits_for_a_lot() -> None:
    votes = {"a": 40, "b": 30, "c": 30}
    outcome = decide(RUNOFF_RULE, constituency(), candidates(votes), counts(votes))
    assert outcome.status is Status.LOT_REQUIRED
    assert outcome.lots_required == (LotRequired(Stake.RUNOFF, ("b", "c"), 1),)
    assert outcome.advancing == ()
    lot = Lot("seed", ("executive board", "supervisory board"))
    drawn = decide(RUNOFF_RULE, constituency(), candidates(votes), counts(votes), lot=lot)
    assert drawn.status is Status.RUNOFF
    (record,) = drawn.lots
    assert drawn.advancing == ("a", record.order[0])
    assert (record.seed, record.drawn_by, record.tied) == ("seed", lot.drawn_by, ("b", "c"))


def test_a_tie_for_the_seat_among_those_past_a_lower_share_is_drawn() -> None:
    votes = {"a": 40, "b": 40, "c": 20}
    rule = MajorityRule(share=Fraction(1, 3))
    outcome = decide(rule, constituency(), candidates(votes), counts(votes))
    assert outcome.lots_required == (LotRequired(Stake.SEAT, ("a", "b"), 1),)
    assert outcome.elected == ()
    drawn = decide(rule, constituency(), candidates(votes), counts(votes), lot=Lot("s", ()))
    assert drawn.elected == drawn.lots[0].order[:1]
    assert [r.key for r in drawn.reasons][-2:] == ["passed-no-seat", "below-majority"]
