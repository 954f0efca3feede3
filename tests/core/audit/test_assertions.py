"""Assertions from a reported outcome (docs/audit.md §2.2), for the majority, threshold and
plurality rules: the 2024 figures, and the invariant that makes them assertions — whenever they
all hold on some paper totals, the rules give the reported outcome on those totals too."""

from fractions import Fraction

import pytest
from hypothesis import assume, event, given, settings
from hypothesis import strategies as st

from sandogh.core.audit import AuditInputError, Kind, assertions_for
from sandogh.core.definition.rule import MajorityRule, PluralityRule, ThresholdRule
from sandogh.core.rules import Status, decide
from tests.core.rules.build import (
    TEHRAN_VALID,
    candidates,
    constituency,
    counts,
    tehran_round_1,
)

from .build import contest_counts, holds, near, totals

ROUND_1 = {"25": 10_415_991, "21": 9_473_298, "22": 3_383_340, "23": 206_397}
CAST_2024 = 24_535_185


def test_2024_round_1_nobody_had_a_majority_and_the_top_two_beat_the_others() -> None:
    reported = counts(ROUND_1, cast=CAST_2024)
    outcome = decide(MajorityRule(), constituency(), candidates(ROUND_1), reported)
    found = assertions_for(outcome, ROUND_1)
    assert [a.key for a in found] == [
        "below-share 21",
        "below-share 22",
        "below-share 23",
        "below-share 25",
        "beats 21 22",
        "beats 21 23",
        "beats 25 22",
        "beats 25 23",
    ]
    margins = {a.key: a.assorter.margin(totals(reported)) for a in found}
    assert all(m > 0 for m in margins.values())
    # Pezeshkian's 42.45 % of ballots cast: the majority's assorter margin is (1/2 − 0.4245)·2
    assert margins["below-share 25"] == Fraction(CAST_2024 - 2 * ROUND_1["25"], CAST_2024)


def test_an_elected_president_is_above_half_of_all_ballots_cast_invalid_included() -> None:
    votes = {"25": 16_384_403, "21": 13_538_179}
    outcome = decide(
        MajorityRule(), constituency(), candidates(votes), counts(votes, cast=30_530_157)
    )
    found = assertions_for(outcome, votes)
    assert [(a.kind, a.subjects) for a in found] == [
        (Kind.ABOVE, ("25",)),
        (Kind.BEATS, ("25", "21")),
    ]
    assert holds(found, counts(votes, cast=30_530_157))
    # with enough invalid ballots the same votes are no majority, and the assertion fails
    assert not holds(found, counts(votes, cast=2 * 16_384_403))


def test_tehran_2024_the_threshold_the_elected_and_the_runoff_set() -> None:
    votes = tehran_round_1()
    reported = counts(votes, cast=TEHRAN_VALID + 10_000, valid=TEHRAN_VALID)
    outcome = decide(ThresholdRule(), constituency(30), candidates(votes), reported)
    assert outcome.status is Status.RUNOFF
    found = assertions_for(outcome, votes)
    kinds = [a.kind for a in found]
    assert kinds.count(Kind.ABOVE) == 14
    assert kinds.count(Kind.BELOW) == len(votes) - 14
    assert kinds.count(Kind.BEATS) == 32 * (len(votes) - 14 - 32)
    assert holds(found, reported)
    # T14's 313,972 and T15's 313,971 against 313,971 2/5: the two smallest margins
    closest = sorted(found, key=lambda a: a.assorter.margin(totals(reported)))[:2]
    assert {a.key for a in closest} == {"above-share T14", "below-share T15"}


def test_plurality_with_ranked_alternates() -> None:
    votes = {"a": 50, "b": 40, "c": 30, "d": 20, "e": 10}
    outcome = decide(
        PluralityRule(), constituency(2, 2), candidates(votes), counts(votes, valid=60)
    )
    found = assertions_for(outcome, votes)
    assert [a.key for a in found] == [
        "beats a c",
        "beats b c",
        "beats c d",
        "beats d e",
    ]


def test_withdrawn_candidates_are_in_no_assertion_and_a_pending_lot_is_refused() -> None:
    votes = {"a": 50, "b": 40, "c": 30}
    outcome = decide(
        PluralityRule(), constituency(), candidates(votes), counts(votes), withdrawn={"a"}
    )
    found = assertions_for(outcome, votes, withdrawn={"a"})
    assert [a.key for a in found] == ["beats b c"]
    tied = {"a": 5, "b": 5}
    waiting = decide(PluralityRule(), constituency(), candidates(tied), counts(tied))
    with pytest.raises(AuditInputError, match="lot"):
        assertions_for(waiting, tied)
    with pytest.raises(AuditInputError, match="not a candidate"):
        assertions_for(outcome, {"a", "c"}, withdrawn={"a"})


CODES = ("a", "b", "c", "d", "e")
rules = st.one_of(
    st.tuples(st.just(MajorityRule()), st.just(1), st.just(0)),
    st.tuples(st.just(ThresholdRule()), st.integers(1, 3), st.just(0)),
    st.tuples(st.just(PluralityRule()), st.integers(1, 2), st.integers(0, 2)),
)


@settings(max_examples=150)
@given(st.data())
def test_whenever_the_assertions_hold_on_paper_the_rules_give_the_reported_outcome(
    data: st.DataObject,
) -> None:
    rule, seats, alternates = data.draw(rules)
    codes = CODES[: data.draw(st.integers(2, 5))]
    where = constituency(seats, alternates)
    reported = data.draw(contest_counts(codes, seats))
    outcome = decide(rule, where, candidates(codes), reported)
    assume(outcome.status is not Status.LOT_REQUIRED and not outcome.lots)
    found = assertions_for(outcome, codes)
    margins = [a.assorter.margin(totals(reported)) for a in found]
    assert all(m >= 0 for m in margins)
    # a margin of 0 (exactly at the threshold) confirms nothing: a full hand count (§2.2)
    assume(all(m > 0 for m in margins))
    paper = data.draw(st.one_of(contest_counts(codes, seats), near(reported, seats)))
    agrees = holds(found, paper)
    event(f"the assertions hold on the paper: {agrees}")
    if agrees:
        again = decide(rule, where, candidates(codes), paper)
        assert set(again.elected) == set(outcome.elected)
        assert set(again.advancing) == set(outcome.advancing)
        assert again.alternates == outcome.alternates
        assert again.runoff_seats == outcome.runoff_seats
