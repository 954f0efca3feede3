import pytest
from hypothesis import given
from hypothesis import strategies as st

from sandogh.core.definition.model import Contest, Name, Office, RoundLink
from sandogh.core.definition.rule import PluralityRule, ThresholdRule
from sandogh.core.voters.where_to_vote import (
    ADMITTED,
    Admission,
    Refusal,
    Scope,
    admit,
    earlier_round,
    scope_of,
)

TEHRAN, VARAMIN = "tehran", "varamin"  # two Majlis constituencies with runoffs in 2024
MAIN = RoundLink("majlis-1398", "parliament")  # the 2021 Majlis by-election's main election


def _contest(
    office: Office = Office.PARLIAMENT, round: int = 1, by_election: bool = False
) -> Contest:
    rule = ThresholdRule() if office == Office.PARLIAMENT and round == 1 else PluralityRule()
    previous = RoundLink("majlis-1402-r1", "parliament") if round > 1 else None
    main = MAIN if by_election and round == 1 else None
    return Contest(
        "c", office, Name("c", "c"), rule, (), (), round=round, previous_round=previous,
        by_election=by_election, main_election=main,
    )  # fmt: skip


PRESIDENT_RUNOFF = _contest(Office.PRESIDENT, round=2)
MAJLIS = _contest()
MAJLIS_RUNOFF = _contest(round=2)
MAJLIS_BY_ELECTION = _contest(by_election=True)


@pytest.mark.parametrize("contest", [_contest(Office.PRESIDENT), PRESIDENT_RUNOFF])
@pytest.mark.parametrize("voted_in", [None, "IR", TEHRAN])
def test_presidential_voters_vote_anywhere(contest: Contest, voted_in: str | None) -> None:
    assert scope_of(contest) == Scope.ANYWHERE
    assert admit(contest, "IR", voted_in) == ADMITTED
    assert admit(contest, "abroad", voted_in).allowed


def test_majlis_round_1_in_any_one_constituency() -> None:
    assert scope_of(MAJLIS) == Scope.ANYWHERE
    assert admit(MAJLIS, TEHRAN, None).allowed
    assert admit(MAJLIS, VARAMIN, None).allowed


def test_majlis_runoff_only_where_the_voter_voted_in_round_1() -> None:
    assert scope_of(MAJLIS_RUNOFF) == Scope.EARLIER_CONSTITUENCY
    assert admit(MAJLIS_RUNOFF, TEHRAN, TEHRAN).allowed
    refused = admit(MAJLIS_RUNOFF, VARAMIN, TEHRAN)
    # refused without being told where they voted: whoever typed the code learns no place
    assert refused == Admission(Refusal.RUNOFF_ELSEWHERE)
    assert not refused.allowed


def test_majlis_runoff_anywhere_for_who_did_not_vote_in_round_1() -> None:
    assert admit(MAJLIS_RUNOFF, VARAMIN, None).allowed
    assert admit(MAJLIS_RUNOFF, TEHRAN, None).allowed


def test_majlis_by_election_for_who_voted_there_in_the_main_election_or_did_not_vote() -> None:
    assert scope_of(MAJLIS_BY_ELECTION) == Scope.EARLIER_CONSTITUENCY
    assert admit(MAJLIS_BY_ELECTION, TEHRAN, TEHRAN).allowed
    assert admit(MAJLIS_BY_ELECTION, TEHRAN, None).allowed
    # refused without being told where they voted: whoever typed the code learns no place
    assert admit(MAJLIS_BY_ELECTION, TEHRAN, VARAMIN) == Admission(Refusal.BY_ELECTION_ELSEWHERE)
    assert earlier_round(MAJLIS_BY_ELECTION) == MAIN


def test_a_by_election_runoff_is_tied_to_its_own_first_round() -> None:
    runoff = _contest(round=2, by_election=True)
    assert admit(runoff, TEHRAN, VARAMIN).refusal == Refusal.RUNOFF_ELSEWHERE
    assert earlier_round(runoff) == runoff.previous_round
    assert earlier_round(MAJLIS) is None


@pytest.mark.parametrize(
    "office", [Office.EXPERTS, Office.CITY_COUNCIL, Office.VILLAGE_COUNCIL, Office.NOMAD_COUNCIL]
)
def test_other_bodies_follow_the_majlis_rule(office: Office) -> None:
    assert scope_of(_contest(office)) == Scope.ANYWHERE
    assert scope_of(_contest(office, round=2)) == Scope.EARLIER_CONSTITUENCY
    assert scope_of(_contest(office, by_election=True)) == Scope.EARLIER_CONSTITUENCY


@given(
    office=st.sampled_from(Office),
    round=st.integers(1, 2),
    by_election=st.booleans(),
    station=st.sampled_from([TEHRAN, VARAMIN, "IR"]),
    voted_in=st.none() | st.sampled_from([TEHRAN, VARAMIN, "IR"]),
)
def test_refused_only_when_tied_and_voted_elsewhere(
    office: Office, round: int, by_election: bool, station: str, voted_in: str | None
) -> None:
    contest = _contest(office, round, by_election)
    admission = admit(contest, station, voted_in)
    tied = scope_of(contest) == Scope.EARLIER_CONSTITUENCY
    elsewhere = voted_in is not None and voted_in != station
    assert admission.allowed is not (tied and elsewhere)
