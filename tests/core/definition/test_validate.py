"""Semantic checks of a definition, on the Kerman 1403 presidential runoff and the 2024 Majlis
figures of `reference/iran-election-rules.md` (Tehran 30 seats, runoff 32 candidates for 16;
Varamin 2 for 1)."""

from __future__ import annotations

import datetime
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sandogh.core.definition.model import (
    Candidate,
    Constituency,
    Contest,
    Election,
    Location,
    Mobility,
    Name,
    Office,
    PartyList,
    ReportingUnit,
    RoundLink,
    Setting,
    StationInfo,
    UnitKind,
    VotingMode,
)
from sandogh.core.definition.problems import DefinitionError, Problem
from sandogh.core.definition.rule import (
    MajorityRule,
    PluralityRule,
    ProportionalRule,
    ThresholdRule,
)
from sandogh.core.definition.validate import problems, require_valid

KERMAN_ELIGIBLE = 2_324_254
INFO = StationInfo(Mobility.FIXED, Setting.URBAN, VotingMode.ELECTRONIC, False, None)


def unit(
    code: str, kind: UnitKind, parent: str | None, eligible: int | None = None
) -> ReportingUnit:
    info = INFO if kind is UnitKind.STATION else None
    return ReportingUnit(code, kind, Name(code, code), parent, eligible, info)


def person(code: str, constituency: str, en: str = "", party: str | None = None) -> Candidate:
    return Candidate(code, Name(f"نامزد {code}", en), constituency, party)


UNITS = (
    unit("IR", UnitKind.NATION, None),
    unit("IR-08", UnitKind.PROVINCE, "IR", KERMAN_ELIGIBLE),
    unit("IR-08-0801", UnitKind.COUNTY, "IR-08"),
    unit("ST-0801-0001", UnitKind.STATION, "IR-08-0801", 950),
    unit("ST-0801-0002", UnitKind.STATION, "IR-08-0801", 1_020),
    unit("IR-08-0802", UnitKind.COUNTY, "IR-08"),
    unit("ST-0802-0001", UnitKind.STATION, "IR-08-0802", 700),
)
PRESIDENT = Contest(
    id="president",
    office=Office.PRESIDENT,
    name=Name("ریاست جمهوری", "President"),
    rule=PluralityRule(),
    constituencies=(Constituency("IR", Name("ایران", "Iran"), ("IR",), 1),),
    candidates=(person("21", "IR", "Saeed Jalili"), person("25", "IR", "Masoud Pezeshkian")),
    round=2,
    previous_round=RoundLink("kerman-1403-r1", "president"),
)
COUNCIL = Contest(
    id="city-council",
    office=Office.CITY_COUNCIL,
    name=Name("شورای شهر", "City council"),
    rule=PluralityRule(),
    constituencies=(
        Constituency("kerman", Name("کرمان", "Kerman"), ("IR-08-0801",), 5, 3),
        Constituency("bam", Name("بم", "Bam"), ("IR-08-0802",), 5, 3),
    ),
    candidates=tuple(person(str(100 + i), "kerman") for i in range(8))
    + tuple(person(str(100 + i), "bam") for i in range(5)),
)
KERMAN = Election(
    id="kerman-1403-r2",
    name=Name("انتخابات ریاست جمهوری، دور دوم", "Presidential election, round 2"),
    date=datetime.date(2024, 7, 5),
    units=UNITS,
    contests=(PRESIDENT, COUNCIL),
)


def messages(election: Election) -> list[str]:
    return [str(p) for p in problems(election)]


def with_units(*units: ReportingUnit) -> Election:
    return replace(KERMAN, units=units)


def with_contest(contest: Contest) -> Election:
    return replace(KERMAN, contests=(contest,))


def test_the_kerman_runoff_is_valid() -> None:
    assert problems(KERMAN) == ()
    assert require_valid(KERMAN) is KERMAN


def test_require_valid_raises_with_every_problem() -> None:
    bad = with_units(*UNITS, UNITS[3], unit("X", UnitKind.VILLAGE, "NOWHERE"))
    with pytest.raises(DefinitionError) as raised:
        require_valid(bad)
    assert raised.value.problems == problems(bad)
    assert [p.path for p in raised.value.problems] == ["units[7].code", "units[8].parent"]
    assert str(raised.value).startswith("2 problems: units[7].code: duplicate code ST-0801-0001")


@pytest.mark.parametrize(
    ("units", "expected"),
    [
        (
            (*UNITS, unit("ST-0801-0001", UnitKind.STATION, "IR-08-0801")),
            "units[7].code: duplicate code ST-0801-0001, also used by units[3]",
        ),
        (
            (*UNITS, unit("ST 9", UnitKind.STATION, "IR-08-0801")),
            "units[7].code: 'ST 9' must be ASCII letters, digits, '.', '_' or '-', starting with "
            "a letter or digit",
        ),
        (
            (*UNITS, unit("ST-9", UnitKind.STATION, "IR-08-0803")),
            "units[7].parent: unknown unit IR-08-0803",
        ),
        (
            (UNITS[0], UNITS[3], *UNITS[1:3], *UNITS[4:]),
            "units[1].parent: IR-08-0801 comes later (units[3]); parents come before their "
            "children",
        ),
        (
            (*UNITS, unit("C", UnitKind.CITY, "C")),
            "units[7].parent: a unit cannot be its own parent",
        ),
        (
            (*UNITS, unit("IR-09", UnitKind.PROVINCE, "IR-08-0801")),
            "units[7].parent: IR-08-0801 is a county; a province cannot be below a county",
        ),
        (
            (*UNITS, unit("X", UnitKind.STATION, "ST-0801-0001")),
            "units[7].parent: ST-0801-0001 is a station; stations have no children",
        ),
        (
            (*UNITS, unit("IR2", UnitKind.NATION, None)),
            "units[7].parent: missing; only the root unit has no parent, and that is IR (units[0])",
        ),
        (
            (*UNITS, replace(unit("ST-9", UnitKind.STATION, "IR-08-0801"), station=None)),
            "units[7].station: required for a station",
        ),
        (
            (*UNITS, replace(unit("C", UnitKind.CITY, "IR-08-0801"), station=INFO)),
            "units[7].station: only stations have station details, not a city",
        ),
        (
            (*UNITS, unit("ST-9", UnitKind.STATION, "IR-08-0801", -1)),
            "units[7].eligible_voters: must be 0 or more, not -1",
        ),
        (
            (*UNITS, replace(unit("C", UnitKind.CITY, "IR-08-0801"), name=Name(" ", "C"))),
            "units[7].name.fa: the Persian name is required",
        ),
    ],
)
def test_geography_problems(units: tuple[ReportingUnit, ...], expected: str) -> None:
    assert messages(with_units(*units)) == [expected]


def test_an_empty_geography_and_a_rootless_one() -> None:
    assert messages(replace(with_units(), contests=(COUNCIL,)))[0] == (
        "units: a definition needs at least its root unit"
    )
    rootless = (replace(UNITS[0], parent="IR-08"), *UNITS[1:])
    assert messages(with_units(*rootless)) == [
        "units: no root: exactly one unit must have no parent",
        "units[0].parent: IR-08 comes later (units[1]); parents come before their children",
    ]


@pytest.mark.parametrize(
    ("lat", "lon", "bad"),
    [
        ("30.2839", "57.0834", []),
        ("-90", "180", []),
        ("90.0001", "57", ["lat"]),
        ("30", "-180.5", ["lon"]),
        ("NaN", "Infinity", ["lat", "lon"]),
    ],
)
def test_coordinates_are_in_range(lat: str, lon: str, bad: list[str]) -> None:
    info = replace(INFO, location=Location(Decimal(lat), Decimal(lon)))
    station = replace(UNITS[3], station=info)
    found = problems(with_units(*UNITS[:3], station, *UNITS[4:]))
    assert [p.path for p in found] == [f"units[3].station.location.{axis}" for axis in bad]


def test_children_may_add_up_to_less_than_their_parent_but_not_more() -> None:
    # 950 + 1,020 + 700 stations' voters are far fewer than Kerman's 2,324,254: a partial tree.
    assert problems(KERMAN) == ()
    county = replace(UNITS[2], eligible_voters=1_969)  # 950 + 1,020 = 1,970
    assert messages(with_units(*UNITS[:2], county, *UNITS[3:])) == [
        "units[2].eligible_voters: the units below IR-08-0801 have 1970 eligible voters, more "
        "than its 1969"
    ]
    # Counties without a figure count as the sum of their stations: 2,670 against the province.
    province = replace(UNITS[1], eligible_voters=2_669)
    assert messages(with_units(UNITS[0], province, *UNITS[2:])) == [
        "units[1].eligible_voters: the units below IR-08 have 2670 eligible voters, more than "
        "its 2669"
    ]
    # A station without a figure leaves its county's sum unknown: nothing to compare.
    silent = replace(UNITS[4], eligible_voters=None)
    assert problems(with_units(UNITS[0], province, *UNITS[2:4], silent, *UNITS[5:])) == ()


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


def test_a_unit_listed_by_two_constituencies() -> None:
    kerman, bam = COUNCIL.constituencies
    contest = replace(COUNCIL, constituencies=(kerman, replace(bam, units=("IR-08-0801",))))
    assert messages(with_contest(contest))[0] == (
        "contests[0].constituencies[1].units[0]: IR-08-0801 is already in constituency kerman "
        "(contests[0].constituencies[0].units[0])"
    )


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
        "contests[0].constituencies[0].seats: 3 seats but 0 candidates stand in it: a seat "
        "would stay empty whatever the votes",
    ]
    plurality = replace(council, rule=PluralityRule(), party_lists=())
    assert messages(with_contest(plurality))[0] == (
        "contests[0].candidates[0].party_list: only candidates of a proportional contest stand "
        "on a party list"
    )


def test_every_problem_is_reported_in_file_order() -> None:
    bad = replace(
        KERMAN,
        id="Kerman",
        version=0,
        units=(*UNITS, unit("X", UnitKind.VILLAGE, "NOWHERE")),
        contests=(replace(PRESIDENT, round=1), replace(COUNCIL, id="")),
    )
    assert [p.path for p in problems(bad)] == [
        "election.id",
        "election.version",
        "units[7].parent",
        "contests[0].previous_round",
        "contests[1].id",
    ]


# ---- invariants ------------------------------------------------------------------------------


@st.composite
def trees(draw: st.DrawFn) -> tuple[ReportingUnit, ...]:
    """A valid tree in file order: nation, provinces, counties, stations with figures or not."""
    units = [unit("IR", UnitKind.NATION, None)]
    for p in range(draw(st.integers(1, 3))):
        units.append(unit(f"P{p}", UnitKind.PROVINCE, "IR"))
        for c in range(draw(st.integers(0, 3))):
            units.append(unit(f"P{p}C{c}", UnitKind.COUNTY, f"P{p}"))
            for s in range(draw(st.integers(0, 3))):
                eligible = draw(st.none() | st.integers(0, 2_000))
                units.append(unit(f"P{p}C{c}S{s}", UnitKind.STATION, f"P{p}C{c}", eligible))
    return tuple(units)


def election_of(units: tuple[ReportingUnit, ...]) -> Election:
    contest = replace(
        PRESIDENT, constituencies=(replace(PRESIDENT.constituencies[0], units=("IR",)),)
    )
    return replace(KERMAN, units=units, contests=(contest,))


@settings(max_examples=100, deadline=None)
@given(trees())
def test_a_valid_tree_has_no_problem(units: tuple[ReportingUnit, ...]) -> None:
    assert problems(election_of(units)) == ()


@settings(max_examples=100, deadline=None)
@given(trees(), st.data())
def test_a_child_moved_before_its_parent_is_found(
    units: tuple[ReportingUnit, ...], data: st.DataObject
) -> None:
    child = data.draw(st.integers(1, len(units) - 1))
    moved = (units[child], *units[:child], *units[child + 1 :])
    paths = [p.path for p in problems(election_of(moved))]
    assert "units[0].parent" in paths


@settings(max_examples=100, deadline=None)
@given(trees(), st.data())
def test_a_figure_below_its_parts_is_found(
    units: tuple[ReportingUnit, ...], data: st.DataObject
) -> None:
    """A county given one voter fewer than its stations, all known, is always reported."""
    counties = [
        i
        for i, u in enumerate(units)
        if u.kind is UnitKind.COUNTY
        and (below := [v.eligible_voters for v in units if v.parent == u.code])
        and None not in below
    ]
    if not counties:
        return
    i = data.draw(st.sampled_from(counties))
    total = sum(v.eligible_voters or 0 for v in units if v.parent == units[i].code)
    changed = (*units[:i], replace(units[i], eligible_voters=total - 1), *units[i + 1 :])
    found = problems(election_of(changed))
    assert (
        Problem(
            f"units[{i}].eligible_voters",
            f"the units below {units[i].code} have {total} eligible voters, more than its "
            f"{total - 1}",
        )
        in found
    )
