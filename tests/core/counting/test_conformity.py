"""Tally sheets against the election definition: every problem, each named."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sandogh.core.counting.aggregate import aggregate
from sandogh.core.counting.conformity import (
    Mismatch,
    NonconformingSheetsError,
    Nonconformity,
    by_contest,
    nonconformities,
    require_conformity,
)
from sandogh.core.counting.tally import Counts, TallySheet, row_of
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import UnitKind

from .build import FORMATS_STATION, contest, counts, election, elections_with_sheets, kerman, unit


def test_sheets_that_fit_the_definition_conform() -> None:
    sheets = [
        TallySheet("ST-1", "president", FORMATS_STATION),
        TallySheet("ST-1", "parliament", counts({"31": 10, "33": 5}, valid=10)),
        TallySheet("ST-4", "parliament", counts({"41": 7})),
    ]
    assert nonconformities(kerman(), sheets) == ()
    require_conformity(kerman(), sheets)


def test_every_problem_of_a_batch_is_named() -> None:
    sheets = [
        TallySheet("ST-9", "president", Counts()),  # 0: no such station
        TallySheet("CI-1", "president", Counts()),  # 1: a city, not a station
        TallySheet("ST-1", "experts", Counts()),  # 2: no such contest
        TallySheet("ST-1", "president", counts({"21": 5, "31": 1, "99": 2})),  # 3: two strangers
        TallySheet("ST-4", "parliament", counts({"31": 4})),  # 4: 31 stands in P1, not P2
        TallySheet("ST-1", "president", Counts()),  # 5: ST-1 again for the president
    ]
    assert nonconformities(kerman(), sheets) == (
        Nonconformity(Mismatch.UNKNOWN_STATION, 0, "ST-9", "president"),
        Nonconformity(Mismatch.NOT_A_STATION, 1, "CI-1", "president"),
        Nonconformity(Mismatch.UNKNOWN_CONTEST, 2, "ST-1", "experts"),
        Nonconformity(Mismatch.UNKNOWN_CANDIDATE, 3, "ST-1", "president", "31"),
        Nonconformity(Mismatch.UNKNOWN_CANDIDATE, 3, "ST-1", "president", "99"),
        Nonconformity(Mismatch.UNKNOWN_CANDIDATE, 4, "ST-4", "parliament", "31"),
        Nonconformity(Mismatch.DUPLICATE, 5, "ST-1", "president"),
    )


def test_a_station_outside_every_constituency_of_the_contest_is_named() -> None:
    units = [
        unit("IR", UnitKind.NATION, None),
        unit("C1", UnitKind.COUNTY, "IR"),
        unit("C2", UnitKind.COUNTY, "IR"),
        unit("ST-1", UnitKind.STATION, "C1"),
        unit("ST-2", UnitKind.STATION, "C2"),
    ]
    geography = Geography.of(election(units, [contest("parliament", {"K": (("C1",), 1, ("1",))})]))
    sheets = [TallySheet("ST-2", "parliament", Counts())]
    assert nonconformities(geography, sheets) == (
        Nonconformity(Mismatch.OUTSIDE_CONTEST, 0, "ST-2", "parliament"),
    )


def test_refusal_carries_every_problem() -> None:
    sheets = [TallySheet("ST-9", "president", Counts()), TallySheet("ST-9", "president", Counts())]
    with pytest.raises(NonconformingSheetsError) as raised:
        require_conformity(kerman(), sheets)
    assert [p.mismatch for p in raised.value.problems] == [
        Mismatch.UNKNOWN_STATION,
        Mismatch.DUPLICATE,
        Mismatch.UNKNOWN_STATION,
    ]


# Sheets that each break one rule: a unit that is no station, a station of no constituency of
# the contest (none: every county has one), an unknown contest, a stranger named, a repeat.
@st.composite
def batches(draw: st.DrawFn) -> tuple[Geography, list[TallySheet]]:
    geography, sheets = draw(elections_with_sheets())
    for _ in range(draw(st.integers(0, 2))):
        kinds = ["unit", "unknown", "contest", "stranger", "silent stranger", "repeat"]
        kind = draw(st.sampled_from(kinds))
        at = draw(st.integers(0, len(sheets)))
        # an election may have no station at all (hypothesis found one): then a station it lacks
        station = draw(st.sampled_from(geography.stations)) if geography.stations else "NOWHERE"
        if kind == "unit":
            bad = TallySheet(draw(st.sampled_from(geography.top_down[:1])), "president", Counts())
        elif kind == "unknown":
            bad = TallySheet("NOWHERE", "president", Counts())
        elif kind == "contest":
            bad = TallySheet(station, "experts", Counts())
        elif kind == "stranger":
            bad = TallySheet(station, "parliament", counts({"21": 1}))
        elif kind == "silent stranger":  # named with no vote: still named (and refused)
            bad = TallySheet(station, "parliament", counts({"21": 0}))
        elif sheets:
            bad = draw(st.sampled_from(sheets))
        else:
            continue
        sheets.insert(at, bad)
    return geography, sheets


@given(batches())
@settings(max_examples=50, deadline=None)
def test_the_one_pass_check_refuses_exactly_what_is_named(
    drawn: tuple[Geography, list[TallySheet]],
) -> None:
    geography, sheets = drawn
    named = nonconformities(geography, sheets)
    if named:
        with pytest.raises(NonconformingSheetsError) as raised:
            by_contest(geography, map(row_of, sheets))
        assert raised.value.problems == named
    else:
        found = by_contest(geography, map(row_of, sheets))
        assert found == {
            c.id: {s.station: row_of(s) for s in sheets if s.contest == c.id}
            for c in geography.election.contests
        }


@given(batches())
@settings(max_examples=50, deadline=None)
def test_the_aggregate_refuses_exactly_what_is_named(
    drawn: tuple[Geography, list[TallySheet]],
) -> None:
    """The aggregate holds a constituency's sheets' candidates to those standing there once,
    on the union its total names (`aggregate_rows`), not sheet by sheet: the same refusals."""
    geography, sheets = drawn
    named = nonconformities(geography, sheets)
    if named:
        with pytest.raises(NonconformingSheetsError) as raised:
            aggregate(geography, sheets)
        assert raised.value.problems == named
    else:
        aggregate(geography, sheets)
