import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sandogh.core.counting.tally import Counts
from sandogh.core.definition.model import Candidate
from sandogh.core.definition.rule import (
    Apportionment,
    MajorityRule,
    PluralityRule,
    ProportionalRule,
    Rule,
    ThresholdRule,
)
from sandogh.core.rules import Lot, RulesInputError, Status, decide

from .build import candidates, constituency, counts

RULES: list[Rule] = [
    MajorityRule(),
    ThresholdRule(),
    PluralityRule(),
    *(ProportionalRule(method=method) for method in Apportionment),
]


@pytest.mark.parametrize("rule", RULES)
def test_dispatches_on_the_rule(rule: Rule) -> None:
    votes = {"1": 60, "2": 30, "3": 10}
    outcome = decide(rule, constituency(), candidates(votes), counts(votes))
    assert outcome.rule == rule
    assert outcome.elected == ("1",)
    assert outcome.constituency == "K"


def test_bad_inputs_raise_with_every_problem() -> None:
    with pytest.raises(RulesInputError) as caught:
        decide(
            PluralityRule(), constituency(), candidates(["1"]), counts({"2": 1}), withdrawn={"9"}
        )
    assert [p.path for p in caught.value.problems] == ["counts.votes[2]", "withdrawn"]


@st.composite
def contests(draw: st.DrawFn) -> tuple[Rule, int, int, list[Candidate], Counts, set[str]]:
    rule = draw(st.sampled_from(RULES))
    codes = draw(st.lists(st.sampled_from([str(n) for n in range(10, 22)]), unique=True))
    lists = {code: draw(st.sampled_from(["L1", "L2", None])) for code in codes}
    votes = {code: draw(st.integers(0, 12)) for code in codes}
    seats, alternates = draw(st.integers(1, 4)), draw(st.integers(0, 3))
    valid = sum(votes.values()) + draw(st.integers(0, 10))
    tally = Counts(cast=valid + draw(st.integers(0, 10)), valid=valid, votes=votes)
    withdrawn = set(draw(st.lists(st.sampled_from(codes), max_size=2))) if codes else set()
    return rule, seats, alternates, list(candidates(codes, lists)), tally, withdrawn


@settings(max_examples=200)
@given(
    contest=contests(),
    lot=st.sampled_from([None, Lot("seed", ("board",))]),
    shuffle=st.randoms(use_true_random=False),
)
def test_the_outcome_does_not_depend_on_the_order_of_the_inputs(
    contest: tuple[Rule, int, int, list[Candidate], Counts, set[str]],
    lot: Lot | None,
    shuffle: random.Random,
) -> None:
    rule, seats, alternates, standing, tally, withdrawn = contest
    where = constituency(seats, alternates)
    outcome = decide(rule, where, standing, tally, withdrawn=withdrawn, lot=lot)
    shuffled = list(standing)
    shuffle.shuffle(shuffled)
    pairs = list(tally.votes.items())
    shuffle.shuffle(pairs)
    again = Counts(cast=tally.cast, valid=tally.valid, votes=dict(pairs))
    assert decide(rule, where, shuffled, again, withdrawn=list(withdrawn), lot=lot) == outcome

    placed = [*outcome.elected, *outcome.alternates, *outcome.advancing]
    assert len(placed) == len(set(placed))
    assert not set(placed) & withdrawn
    assert len(outcome.elected) <= seats
    assert (outcome.status is Status.LOT_REQUIRED) == bool(outcome.lots_required)
    assert (outcome.status is Status.RUNOFF) == bool(outcome.advancing)
    if lot is not None:
        assert outcome.status is not Status.LOT_REQUIRED
    elif outcome.status is not Status.LOT_REQUIRED:
        assert decide(rule, where, standing, tally, withdrawn=withdrawn, lot=Lot("x", ())) == (
            outcome
        )


def test_a_nomad_tribal_section_elects_as_a_village_council_does() -> None:
    # iran-candidacy.md §5 [S45]: each tribal section (تیره) elects as a village council does,
    # 3 seats and 2 alternates by plurality; the rule is the contest's, whatever the office.
    votes = {"1": 90, "2": 80, "3": 70, "4": 60, "5": 50, "6": 40}
    outcome = decide(PluralityRule(), constituency(3, 2), candidates(votes), counts(votes))
    assert (outcome.elected, outcome.alternates) == (("1", "2", "3"), ("4", "5"))
