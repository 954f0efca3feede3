"""The Majlis 2024 runoff shape: Tehran 32 candidates for 16 seats, Varamin 2 for 1."""

import datetime
from dataclasses import replace

import pytest

from sandogh.core.counting.tally import Counts
from sandogh.core.definition.model import (
    Candidate,
    Constituency,
    Contest,
    Election,
    Name,
    Office,
    ReportingUnit,
    RoundLink,
    UnitKind,
)
from sandogh.core.definition.rule import MajorityRule, PluralityRule, ThresholdRule
from sandogh.core.rules import (
    LotPendingError,
    NoRunoffError,
    Outcome,
    RunoffInputError,
    Status,
    decide,
    runoff_election,
)

from .build import TEHRAN_VALID, tehran_round_1


def unit(code: str, kind: UnitKind, parent: str | None) -> ReportingUnit:
    return ReportingUnit(code, kind, Name(code, code), parent)


UNITS = (
    unit("IR", UnitKind.NATION, None),
    unit("IR-23", UnitKind.PROVINCE, "IR"),
    unit("IR-08", UnitKind.PROVINCE, "IR"),
    unit("IR-23-01", UnitKind.COUNTY, "IR-23"),
    unit("IR-23-02", UnitKind.COUNTY, "IR-23"),
    unit("IR-08-01", UnitKind.COUNTY, "IR-08"),
    unit("ST-1", UnitKind.STATION, "IR-23-01"),
    unit("ST-2", UnitKind.STATION, "IR-23-01"),
    unit("ST-3", UnitKind.STATION, "IR-23-02"),
    unit("ST-4", UnitKind.STATION, "IR-08-01"),
)
TEHRAN = tehran_round_1()
VARAMIN = {"V1": 19_999, "V2": 18_000, "V3": 15_000}
KERMAN = {"K1": 50_000, "K2": 20_000}


def seat(code: str, name: str, seats: int) -> Constituency:
    return Constituency(name, Name(name, name), (code,), seats)


def standing(votes: dict[str, int], where: str) -> tuple[Candidate, ...]:
    return tuple(Candidate(code, Name(code, code), where) for code in votes)


PARLIAMENT = Contest(
    id="parliament",
    office=Office.PARLIAMENT,
    name=Name("مجلس", "Parliament"),
    rule=ThresholdRule(),
    constituencies=(
        seat("IR-23-01", "tehran", 30),
        seat("IR-23-02", "varamin", 1),
        seat("IR-08-01", "kerman", 1),
    ),
    candidates=(
        *standing(TEHRAN, "tehran"),
        *standing(VARAMIN, "varamin"),
        *standing(KERMAN, "kerman"),
    ),
)
COUNCIL = Contest(
    id="council",
    office=Office.CITY_COUNCIL,
    name=Name("شورا", "Council"),
    rule=PluralityRule(),
    constituencies=(seat("IR-08-01", "kerman-city", 5),),
    candidates=(),
)
ROUND_1 = Election(
    id="majlis-1402-r1",
    name=Name("دور اول", "Round 1"),
    date=datetime.date(2024, 3, 1),
    units=UNITS,
    contests=(PARLIAMENT, COUNCIL),
)


def outcomes() -> list[Outcome]:
    tehran, varamin, kerman = PARLIAMENT.constituencies
    return [
        decide(
            ThresholdRule(),
            tehran,
            standing(TEHRAN, "tehran"),
            Counts(valid=TEHRAN_VALID, votes=TEHRAN),
        ),
        decide(
            ThresholdRule(),
            varamin,
            standing(VARAMIN, "varamin"),
            Counts(valid=100_000, votes=VARAMIN),
        ),
        decide(
            ThresholdRule(), kerman, standing(KERMAN, "kerman"), Counts(valid=70_000, votes=KERMAN)
        ),
    ]


def build(given: dict[str, list[Outcome]]) -> Election:
    return runoff_election(
        ROUND_1,
        given,
        election_id="majlis-1402-r2",
        name=Name("دور دوم", "Round 2"),
        date=datetime.date(2024, 5, 10),
    )


def test_builds_the_runoff_of_the_constituencies_that_need_one() -> None:
    runoff = build({"parliament": outcomes()})
    assert (runoff.id, runoff.date) == ("majlis-1402-r2", datetime.date(2024, 5, 10))
    (contest,) = runoff.contests
    assert contest.rule == PluralityRule()
    assert (contest.round, contest.previous_round) == (2, RoundLink("majlis-1402-r1", "parliament"))
    assert [(k.id, k.seats, k.units) for k in contest.constituencies] == [
        ("tehran", 16, ("IR-23-01",)),
        ("varamin", 1, ("IR-23-02",)),
    ]
    tehran = [c.code for c in contest.candidates if c.constituency == "tehran"]
    assert tehran == [f"T{i:02}" for i in range(15, 47)]
    varamin = [c for c in contest.candidates if c.constituency == "varamin"]
    assert varamin == [
        Candidate("V1", Name("V1", "V1"), "varamin"),
        Candidate("V2", Name("V2", "V2"), "varamin"),
    ]
    assert [u.code for u in runoff.units] == [
        "IR",
        "IR-23",
        "IR-23-01",
        "IR-23-02",
        "ST-1",
        "ST-2",
        "ST-3",
    ]


def test_a_constituency_waiting_for_a_lot_stops_the_runoff() -> None:
    tie = {"V1": 19_000, "V2": 18_000, "V3": 18_000}
    varamin = PARLIAMENT.constituencies[1]
    waiting = decide(
        ThresholdRule(), varamin, standing(tie, "varamin"), Counts(valid=100_000, votes=tie)
    )
    assert waiting.status is Status.LOT_REQUIRED
    given = outcomes()
    given[1] = waiting
    with pytest.raises(LotPendingError) as caught:
        build({"parliament": given})
    assert caught.value.waiting == (waiting,)
    (problem,) = caught.value.problems
    assert problem.path == "outcomes[parliament][varamin]"
    assert "V2, V3" in problem.message


def test_outcomes_that_do_not_match_the_election_are_refused_with_every_problem() -> None:
    tehran, varamin, kerman = outcomes()
    stranger = replace(varamin, advancing=("V1", "X9"))
    with pytest.raises(RunoffInputError) as caught:
        build(
            {
                "parliament": [tehran, stranger, tehran, replace(kerman, constituency="qom")],
                "nowhere": [],
                "council": [replace(tehran, constituency="kerman-city")],
            }
        )
    assert [(p.path, p.message) for p in caught.value.problems] == [
        ("outcomes[council][kerman-city]", "decided under another rule than the contest's"),
        ("outcomes[nowhere]", "no contest nowhere"),
        ("outcomes[parliament][varamin]", "X9 advances but does not stand there"),
        ("outcomes[parliament][tehran]", "a second outcome for the same constituency"),
        ("outcomes[parliament][qom]", "no constituency qom"),
        ("outcomes[parliament][kerman]", "no outcome for this constituency"),
    ]


def test_nothing_to_run_off_is_an_error() -> None:
    decided = [o for o in outcomes() if o.status is Status.DECIDED]
    president = Contest(
        id="president",
        office=Office.PRESIDENT,
        name=Name("ریاست جمهوری", "President"),
        rule=MajorityRule(),
        constituencies=(Constituency("IR", Name("ایران", "Iran"), ("IR",), 1),),
        candidates=(),
    )
    election = replace(
        ROUND_1,
        contests=(replace(PARLIAMENT, constituencies=PARLIAMENT.constituencies[2:]), president),
    )
    with pytest.raises(NoRunoffError):
        runoff_election(
            election,
            {
                "parliament": decided,
                "president": [replace(decided[0], constituency="IR", rule=MajorityRule())],
            },
            election_id="r2",
            name=Name("-", "-"),
            date=datetime.date(2024, 5, 10),
        )
