import pytest

from sandogh.core.counting.tally import Counts
from sandogh.core.definition.model import Candidate, Name
from sandogh.core.definition.problems import Problem
from sandogh.core.definition.rule import PluralityRule, ProportionalRule
from sandogh.core.rules.contenders import contenders_of
from sandogh.core.rules.errors import RulesInputError

from .build import candidates, constituency, counts


def test_fills_missing_votes_with_zero() -> None:
    found = contenders_of(
        PluralityRule(), constituency(), candidates(["1", "2"]), counts({"1": 4}), {"2"}
    )
    assert found.votes == {"1": 4, "2": 0}
    assert found.standing() == {"1": 4}


def test_reports_every_problem_with_its_path() -> None:
    elsewhere = Candidate("9", Name("9", "9"), "other")
    with pytest.raises(RulesInputError) as caught:
        contenders_of(
            PluralityRule(),
            constituency(seats=0, alternates=-1),
            (*candidates(["1", "1"]), elsewhere),
            Counts(cast=-1, valid=3, votes={"1": -2, "7": 5}),
            {"8"},
        )
    assert caught.value.problems == (
        Problem("constituency.seats", "0 seats: need 1 or more"),
        Problem("constituency.alternates", "-1 alternates: negative"),
        Problem("candidates[1].code", "candidate code 1 is repeated"),
        Problem("candidates[2].constituency", "candidate 9 stands in other, not in K"),
        Problem("counts.cast", "-1 is negative"),
        Problem("counts.votes[1]", "-2 votes is negative"),
        Problem("counts.votes[7]", "7 is no candidate standing here"),
        Problem("withdrawn", "8 is no candidate standing here"),
    )


def test_a_list_id_may_not_be_the_code_of_a_candidate_without_a_list() -> None:
    with pytest.raises(RulesInputError) as caught:
        contenders_of(
            ProportionalRule(),
            constituency(),
            candidates(["L", "2"], {"2": "L"}),
            counts({}),
            (),
        )
    assert [p.path for p in caught.value.problems] == ["candidates"]
