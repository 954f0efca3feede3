"""The Kerman 1403 presidential runoff (Jalili 21, Pezeshkian 25, as in `docs/formats.md`) and a
city council over three of its stations, for the tests of a definition's checks; and valid trees
drawn by hypothesis."""

from __future__ import annotations

import datetime
from dataclasses import replace

from hypothesis import strategies as st

from sandogh.core.definition.model import (
    Candidate,
    Constituency,
    Contest,
    Election,
    Mobility,
    Name,
    Office,
    ReportingUnit,
    RoundLink,
    Setting,
    StationInfo,
    UnitKind,
    VotingMode,
)
from sandogh.core.definition.rule import PluralityRule
from sandogh.core.definition.validate import problems

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
