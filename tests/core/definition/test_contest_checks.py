"""The checks of the contests, on the Kerman 1403 presidential runoff and the 2024 Majlis figures
of `reference/iran-election-rules.md` (Tehran 30 seats, runoff 32 candidates for 16; Varamin 2
for 1)."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import pytest

from sandogh.core.definition.model import (
    Constituency,
    Contest,
    Name,
    Office,
    PartyList,
    RoundLink,
)
from sandogh.core.definition.rule import (
    MajorityRule,
    PluralityRule,
    ProportionalRule,
    ThresholdRule,
)
from sandogh.core.definition.validate import problems

from .kerman import (
    COUNCIL,
    KERMAN,
    PRESIDENT,
    messages,
    person,
    with_contest,
)


def test_contest_ids_must_be_unique() -> None:
    assert messages(replace(KERMAN, contests=(PRESIDENT, COUNCIL, PRESIDENT))) == [
        "contests[2].id: duplicate contest id president, also used by contests[0]"
    ]
    assert messages(replace(KERMAN, contests=())) == [
        "contests: an election day needs at least one contest"
    ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"round": 1},
            ["contests[0].previous_round: only a runoff (round 2 or later) has one"],
        ),
        (
            {"previous_round": None},
            [
                "contests[0].previous_round: required for round 2: the election and contest "
                "this runoff continues"
            ],
        ),
        (
            {"round": 0, "previous_round": None},
            ["contests[0].round: must be 1 or more, not 0"],
        ),
        (
            {"previous_round": RoundLink("kerman-1403-r2", "president")},
            [
                "contests[0].previous_round.election: kerman-1403-r2 is this election day; a "
                "runoff continues a contest held on an earlier day"
            ],
        ),
        (
            {"previous_round": RoundLink("Kerman R1", "president")},
            ["contests[0].previous_round.election: 'Kerman R1' is not an election id"],
        ),
        (
            {"rule": MajorityRule(share=Fraction(1))},
            ["contests[0].rule.share: 1 must be more than 0 and less than 1"],
        ),
        (
            {"rule": MajorityRule(runoff_candidates=1)},
            ["contests[0].rule.runoff_candidates: must be 2 or more, not 1"],
        ),
    ],
)
def test_round_and_rule_problems(change: dict[str, object], expected: list[str]) -> None:
    assert messages(with_contest(replace(PRESIDENT, **change))) == expected  # type: ignore[arg-type]


MAIN = RoundLink("majlis-1398", "parliament")  # the 2021 Majlis by-election's main election


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"by_election": True, "main_election": MAIN}, []),
        (
            {"by_election": True},
            [
                "contests[1].main_election: required for a by-election: the election and "
                "contest of the same body's main election, whose constituency decides where its "
                "voters may vote"
            ],
        ),
        (
            {"main_election": MAIN},
            ["contests[1].main_election: only a by-election has a main election"],
        ),
        (
            {"by_election": True, "main_election": RoundLink("kerman-1403-r2", "parliament")},
            [
                "contests[1].main_election.election: kerman-1403-r2 is this election day; the "
                "main election was held on an earlier day"
            ],
        ),
        (
            {"by_election": True, "main_election": RoundLink("Majlis 1398", "parliament")},
            ["contests[1].main_election.election: 'Majlis 1398' is not an election id"],
        ),
    ],
)
def test_a_by_election_names_its_main_election(
    change: dict[str, object], expected: list[str]
) -> None:
    contest = replace(COUNCIL, **change)  # type: ignore[arg-type]
    assert messages(replace(KERMAN, contests=(PRESIDENT, contest))) == expected


def test_nomad_councils_are_an_office_and_elect_as_a_village_council_does() -> None:
    # iran-candidacy.md §5 [S45]: each tribal section (تیره) elects as a village council does.
    nomads = replace(
        COUNCIL,
        id="nomad-council",
        office=Office.NOMAD_COUNCIL,
        name=Name("شورای اسلامی عشایر", "Nomad council"),
        constituencies=tuple(replace(k, seats=3, alternates=2) for k in COUNCIL.constituencies),
    )
    assert messages(replace(KERMAN, contests=(PRESIDENT, nomads))) == []
    assert Office("nomad-council") is Office.NOMAD_COUNCIL


def test_a_presidential_contest_is_one_constituency_with_one_seat_over_every_station() -> None:
    kerman, bam = COUNCIL.constituencies
    two = replace(PRESIDENT, constituencies=(replace(kerman, seats=1), replace(bam, seats=1)))
    assert (
        "contests[0].constituencies: a presidential contest has exactly one constituency, the "
        "whole country, not 2"
    ) in messages(with_contest(two))
    kerman_only = Constituency("IR", Name("کرمان", "Kerman"), ("IR-08-0801",), 2, 1)
    assert messages(with_contest(replace(PRESIDENT, constituencies=(kerman_only,)))) == [
        "contests[0].constituencies[0].seats: a presidential contest fills 1 seat, not 2",
        "contests[0].constituencies[0].alternates: a presidential contest has no alternates",
        "contests[0].constituencies[0].units: must cover every station; 1 are not covered, "
        "e.g. ST-0802-0001",
    ]


def test_constituency_problems() -> None:
    kerman, bam = COUNCIL.constituencies
    contest = replace(
        COUNCIL,
        constituencies=(
            replace(kerman, seats=0, alternates=-1),
            replace(bam, units=("IR-08-0802", "IR-08-0802", "IR-08-0809")),
            replace(bam, id="bam2", units=("ST-0802-0001",)),
            replace(bam, units=()),
        ),
    )
    assert messages(with_contest(contest)) == [
        "contests[0].constituencies[0].seats: must be 1 or more, not 0",
        "contests[0].constituencies[0].alternates: must be 0 or more, not -1",
        "contests[0].constituencies[3].id: duplicate constituency id bam",
        "contests[0].constituencies[1].units[1]: IR-08-0802 is listed twice",
        "contests[0].constituencies[1].units[2]: unknown unit IR-08-0809",
        "contests[0].constituencies[2].units[0]: ST-0802-0001 is already in constituency bam "
        "through IR-08-0802",
        "contests[0].constituencies[2].seats: 5 seats but 0 candidates stand in it: a seat "
        "would stay empty whatever the votes",
    ]


def test_candidate_problems() -> None:
    candidates = (
        person("1107", "tehran", "Ali Example"),
        person("1107", "tehran", "Other Example"),
        person("1107", "varamin"),  # the same code in another constituency is fine
        person("۱۱", "tehran"),
        person("", "tehran"),
        person("12", "shemiran"),
        replace(person("13", "tehran"), name=Name("", "No Persian")),
    )
    contest = Contest(
        id="parliament",
        office=Office.PARLIAMENT,
        name=Name("مجلس", "Parliament"),
        rule=ThresholdRule(),
        constituencies=(
            Constituency("tehran", Name("تهران", "Tehran"), ("IR-08-0801",), 5),
            Constituency("varamin", Name("ورامین", "Varamin"), ("IR-08-0802",), 1),
        ),
        candidates=candidates,
        party_lists=(PartyList("x", Name("ایکس", "X")),),
    )
    assert messages(replace(KERMAN, contests=(PRESIDENT, contest))) == [
        "contests[1].party_lists: party lists are only for proportional contests",
        "contests[1].candidates[1].code: duplicate code 1107 in constituency tehran, also used "
        "by contests[1].candidates[0] (Ali Example)",
        "contests[1].candidates[3].code: '۱۱' must be ASCII digits",
        "contests[1].candidates[4].code: '' must be ASCII digits",
        "contests[1].candidates[5].constituency: unknown constituency shemiran",
        "contests[1].candidates[6].name.fa: the Persian name is required",
    ]


def test_a_constituency_needs_at_least_as_many_candidates_as_seats() -> None:
    # 2024 Majlis runoff: Tehran 32 candidates for the 16 seats left; Varamin 2 for 1.
    tehran = Constituency("tehran", Name("تهران", "Tehran"), ("IR-08-0801",), 16)
    varamin = Constituency("varamin", Name("ورامین", "Varamin"), ("IR-08-0802",), 1)
    runoff = Contest(
        id="parliament",
        office=Office.PARLIAMENT,
        name=Name("مجلس", "Parliament"),
        rule=PluralityRule(),
        constituencies=(tehran, varamin),
        candidates=(
            *(person(str(1000 + i), "tehran") for i in range(32)),
            person("10", "varamin"),
            person("11", "varamin"),
        ),
        round=2,
        previous_round=RoundLink("majlis-1402-r1", "parliament"),
    )
    assert problems(with_contest(runoff)) == ()
    # One Varamin candidate withdrew: one for one seat is still a runoff.
    withdrawn = replace(runoff, candidates=runoff.candidates[:-1])
    assert problems(with_contest(withdrawn)) == ()
    # Fifteen for sixteen seats would leave a seat empty whatever the votes.
    short = replace(runoff, candidates=runoff.candidates[17:])
    assert messages(with_contest(short)) == [
        "contests[0].constituencies[0].seats: 16 seats but 15 candidates stand in it: a seat "
        "would stay empty whatever the votes"
    ]


def test_party_lists_and_proportional_contests_go_together() -> None:
    lists = (PartyList("a", Name("الف", "A")), PartyList("b", Name("ب", "B")))
    tehran = Constituency("tehran", Name("تهران", "Tehran"), ("IR-08",), 3, 1)
    council = Contest(
        id="tehran-council",
        office=Office.CITY_COUNCIL,
        name=Name("شورای شهر تهران", "Tehran council"),
        rule=ProportionalRule(),
        constituencies=(tehran,),
        candidates=(
            person("1", "tehran", party="a"),
            person("2", "tehran", party="b"),
            person("3", "tehran", party="c"),
            person("4", "tehran"),
        ),
        party_lists=(*lists, replace(lists[0], name=Name("دوباره", "again"))),
    )
    assert messages(with_contest(council)) == [
        "contests[0].party_lists[2].id: duplicate party list id a, also used by "
        "contests[0].party_lists[0]",
        "contests[0].candidates[2].party_list: unknown party list c",
        "contests[0].candidates[3].party_list: required in a proportional contest",
    ]
    assert messages(with_contest(replace(council, party_lists=(), candidates=()))) == [
        "contests[0].party_lists: a proportional contest needs party lists",
    ]  # no candidates at all: a draft before its code draw, its seats not yet filled
    plurality = replace(council, rule=PluralityRule(), party_lists=())
    assert messages(with_contest(plurality))[0] == (
        "contests[0].candidates[0].party_list: only candidates of a proportional contest stand "
        "on a party list"
    )
