"""The facts of each unit and the eligible voters they sum to, on the Kerman 1403 runoff."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sandogh.core.definition.model import (
    Location,
    Name,
    ReportingUnit,
    UnitKind,
)
from sandogh.core.definition.problems import Problem
from sandogh.core.definition.validate import problems

from .kerman import (
    INFO,
    KERMAN,
    UNITS,
    election_of,
    messages,
    trees,
    unit,
    with_units,
)


@pytest.mark.parametrize(
    ("units", "expected"),
    [
        (
            (*UNITS, unit("ST 9", UnitKind.STATION, "IR-08-0801")),
            "units[7].code: 'ST 9' must be ASCII letters, digits, '.', '_' or '-', starting with "
            "a letter or digit",
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
def test_unit_problems(units: tuple[ReportingUnit, ...], expected: str) -> None:
    assert messages(with_units(*units)) == [expected]


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


# ---- invariants ------------------------------------------------------------------------------


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
