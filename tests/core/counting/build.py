"""Small elections and sheets for the counting tests, by hand and by hypothesis.

The hand-built day is a slice of Kerman 2024 (`reference/seed-facts.md`): the presidential runoff
(Jalili 21, Pezeshkian 25, as in docs/formats.md) over the whole tree, and a parliament contest
with a two-seat constituency (county 0801) and a one-seat one (county 0802).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from hypothesis import strategies as st

from sandogh.core.counting.tally import Counts, InvalidKind, TallySheet
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import (
    Candidate,
    Constituency,
    Contest,
    Election,
    Name,
    Office,
    ReportingUnit,
    UnitKind,
)
from sandogh.core.definition.rule import MajorityRule, ThresholdRule


def unit(
    code: str, kind: UnitKind, parent: str | None, eligible: int | None = None
) -> ReportingUnit:
    return ReportingUnit(code, kind, Name(code, code), parent, eligible)


def contest(
    cid: str, constituencies: Mapping[str, tuple[tuple[str, ...], int, tuple[str, ...]]]
) -> Contest:
    """`constituencies` maps an id to (its units, its seats, its candidates' codes)."""
    office = Office.PRESIDENT if cid == "president" else Office.PARLIAMENT
    return Contest(
        id=cid,
        office=office,
        name=Name(cid, cid),
        rule=MajorityRule() if office is Office.PRESIDENT else ThresholdRule(),
        constituencies=tuple(
            Constituency(k, Name(k, k), units, seats)
            for k, (units, seats, _) in constituencies.items()
        ),
        candidates=tuple(
            Candidate(code, Name(code, code), k)
            for k, (_, _, codes) in constituencies.items()
            for code in codes
        ),
    )


def election(units: list[ReportingUnit], contests: list[Contest]) -> Election:
    return Election(
        id="test",
        name=Name("آزمون", "test"),
        date=datetime.date(2024, 7, 5),
        units=tuple(units),
        contests=tuple(contests),
    )


def kerman() -> Geography:
    """IR › IR-08 › counties 0801 (city CI-1 with 2 stations, 1 station direct) and 0802 (1)."""
    units = [
        unit("IR", UnitKind.NATION, None),
        unit("IR-08", UnitKind.PROVINCE, "IR", 2_324_254),
        unit("IR-08-0801", UnitKind.COUNTY, "IR-08"),
        unit("CI-1", UnitKind.CITY, "IR-08-0801"),
        unit("ST-1", UnitKind.STATION, "CI-1", 950),
        unit("ST-2", UnitKind.STATION, "CI-1", 800),
        unit("ST-3", UnitKind.STATION, "IR-08-0801", 600),
        unit("IR-08-0802", UnitKind.COUNTY, "IR-08"),
        unit("ST-4", UnitKind.STATION, "IR-08-0802"),
    ]
    contests = [
        contest("president", {"IR": (("IR",), 1, ("21", "25"))}),
        contest(
            "parliament",
            {
                "P1": (("IR-08-0801",), 2, ("31", "32", "33")),
                "P2": (("IR-08-0802",), 1, ("41", "42")),
            },
        ),
    ]
    return Geography.of(election(units, contests))


def counts(
    votes: Mapping[str, int],
    *,
    valid: int | None = None,
    invalid: Mapping[InvalidKind, int] | None = None,
    used_extra: int = 0,
    unused: int = 0,
    spoiled: int = 0,
) -> Counts:
    """A consistent sheet: valid defaults to the sum of the votes (one seat), cast to valid plus
    invalid, papers used to cast plus `used_extra`, received to used + unused + spoiled."""
    valid = sum(votes.values()) if valid is None else valid
    invalid = dict(invalid or {})
    cast = valid + sum(invalid.values())
    used = cast + used_extra
    return Counts(
        papers_received=used + unused + spoiled,
        papers_used=used,
        papers_unused=unused,
        papers_spoiled=spoiled,
        cast=cast,
        valid=valid,
        invalid=invalid,
        votes=dict(votes),
    )


# The station of docs/formats.md: received 1050 = used 640 + unused 405 + spoiled 5.
FORMATS_STATION = counts(
    {"21": 385, "25": 238},
    invalid={InvalidKind.BLANK: 9, InvalidKind.ILLEGIBLE: 1, InvalidKind.NON_CANDIDATE: 2},
    used_extra=5,
    unused=405,
    spoiled=5,
)


@st.composite
def geographies(draw: st.DrawFn) -> Geography:
    """A random tree: nation › provinces › counties › (cities ›) stations; a presidential contest
    over the nation and a parliament one with a constituency per county, of 1 to 3 seats."""
    units = [unit("IR", UnitKind.NATION, None)]
    parliament: dict[str, tuple[tuple[str, ...], int, tuple[str, ...]]] = {}
    for p in range(draw(st.integers(1, 3))):
        province = f"P{p}"
        units.append(unit(province, UnitKind.PROVINCE, "IR"))
        for c in range(draw(st.integers(1, 3))):
            county = f"{province}-C{c}"
            units.append(
                unit(county, UnitKind.COUNTY, province, draw(st.none() | st.integers(0, 9)))
            )
            for s in range(draw(st.integers(0, 2))):
                units.append(unit(f"{county}-S{s}", UnitKind.STATION, county, 500))
            for t in range(draw(st.integers(0, 2))):
                city = f"{county}-T{t}"
                units.append(unit(city, UnitKind.CITY, county))
                for s in range(draw(st.integers(1, 3))):
                    units.append(unit(f"{city}-S{s}", UnitKind.STATION, city, 400))
            seats = draw(st.integers(1, 3))
            parliament[f"K-{county}"] = ((county,), seats, tuple(f"{county}-{i}" for i in range(3)))
    contests = [contest("president", {"IR": (("IR",), 1, ("21", "25", "27"))})]
    contests.append(contest("parliament", parliament))
    return Geography.of(election(units, contests))


@st.composite
def consistent_counts(draw: st.DrawFn, candidates: tuple[str, ...], seats: int) -> Counts:
    """Counts that satisfy every identity of DESIGN.md §3 for a ballot of `seats` seats."""
    votes = {code: draw(st.integers(0, 300)) for code in candidates}
    total = sum(votes.values())
    valid = total if seats == 1 else -(-total // seats) + draw(st.integers(0, 20))
    invalid = {
        kind: draw(st.integers(0, 9)) for kind in draw(st.sets(st.sampled_from(InvalidKind)))
    }
    return counts(
        votes,
        valid=valid,
        invalid=invalid,
        used_extra=draw(st.integers(0, 5)),
        unused=draw(st.integers(0, 100)),
        spoiled=draw(st.integers(0, 5)),
    )


@st.composite
def elections_with_sheets(draw: st.DrawFn) -> tuple[Geography, list[TallySheet]]:
    """A random geography and consistent sheets from a random part of its stations."""
    geography = draw(geographies())
    sheets = []
    for defined in geography.election.contests:
        seats = {k.id: k.seats for k in defined.constituencies}
        standing: dict[str, tuple[str, ...]] = {}
        for candidate in defined.candidates:
            standing[candidate.constituency] = (
                *standing.get(candidate.constituency, ()),
                candidate.code,
            )
        for station in geography.stations:
            where = geography.constituency_of(defined.id, station)
            if where is not None and draw(st.booleans()):
                sheet_counts = draw(consistent_counts(standing[where], seats[where]))
                sheets.append(TallySheet(station, defined.id, sheet_counts))
    return geography, sheets
