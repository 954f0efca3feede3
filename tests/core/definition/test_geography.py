"""The geography index: the tree of units and which constituency each station votes in."""

from __future__ import annotations

import datetime

import pytest

from sandogh.core.definition.geography import Geography, GeographyError
from sandogh.core.definition.model import (
    UNIT_DEPTH,
    Candidate,
    Constituency,
    Contest,
    Election,
    Name,
    Office,
    ReportingUnit,
    UnitKind,
)
from sandogh.core.definition.problems import Problem
from sandogh.core.definition.rule import PluralityRule, ThresholdRule
from sandogh.core.definition.validate import problems


def _unit(code: str, kind: UnitKind, parent: str | None) -> ReportingUnit:
    return ReportingUnit(code, kind, Name(code, code), parent)


def _contest(cid: str, constituencies: dict[str, tuple[str, ...]]) -> Contest:
    return Contest(
        id=cid,
        office=Office.PARLIAMENT,
        name=Name(cid, cid),
        rule=ThresholdRule(),
        constituencies=tuple(
            Constituency(k, Name(k, k), units, 1) for k, units in constituencies.items()
        ),
        candidates=tuple(Candidate(f"{k}1", Name(k, k), k) for k in constituencies),
    )


def _election(units: list[ReportingUnit], contests: list[Contest]) -> Election:
    return Election(
        id="kerman-1403-r2",
        name=Name("کرمان", "Kerman"),
        date=datetime.date(2024, 7, 5),
        units=tuple(units),
        contests=tuple(contests),
    )


# Two counties of Kerman; the city of Kerman holds two stations, Bardsir one, one station is rural.
UNITS = [
    _unit("IR", UnitKind.NATION, None),
    _unit("IR-08", UnitKind.PROVINCE, "IR"),
    _unit("IR-08-0801", UnitKind.COUNTY, "IR-08"),
    _unit("CI-KERMAN", UnitKind.CITY, "IR-08-0801"),
    _unit("ST-1", UnitKind.STATION, "CI-KERMAN"),
    _unit("ST-2", UnitKind.STATION, "CI-KERMAN"),
    _unit("VI-1", UnitKind.VILLAGE, "IR-08-0801"),
    _unit("ST-3", UnitKind.STATION, "VI-1"),
    _unit("IR-08-0802", UnitKind.COUNTY, "IR-08"),
    _unit("CI-BARDSIR", UnitKind.CITY, "IR-08-0802"),
    _unit("ST-4", UnitKind.STATION, "CI-BARDSIR"),
]
CONTESTS = [
    _contest("parliament", {"KERMAN": ("IR-08-0801",), "BARDSIR": ("CI-BARDSIR",)}),
    # The city council lists the city and, redundantly, one of its stations.
    _contest("city-council", {"CC-KERMAN": ("CI-KERMAN", "ST-1")}),
]


def test_the_tree_reads_both_ways() -> None:
    geography = Geography.of(_election(UNITS, CONTESTS))
    assert geography.parent("ST-1") == "CI-KERMAN"
    assert geography.parent("IR") is None
    assert geography.children("IR-08-0801") == ("CI-KERMAN", "VI-1")
    assert geography.children("ST-1") == ()
    assert geography.ancestors("ST-1") == ("CI-KERMAN", "IR-08-0801", "IR-08", "IR")
    assert geography.ancestors("IR") == ()
    assert geography.kind("VI-1") is UnitKind.VILLAGE
    assert geography.unit("ST-4").parent == "CI-BARDSIR"
    assert "ST-4" in geography
    assert "ST-9" not in geography


def test_stations_under_a_unit_include_a_station_itself() -> None:
    geography = Geography.of(_election(UNITS, CONTESTS))
    assert geography.stations_under("IR-08-0801") == ("ST-1", "ST-2", "ST-3")
    assert geography.stations_under("IR") == ("ST-1", "ST-2", "ST-3", "ST-4")
    assert geography.stations_under("ST-2") == ("ST-2",)
    assert geography.stations == ("ST-1", "ST-2", "ST-3", "ST-4")


def test_top_down_is_depth_first_whatever_the_file_order() -> None:
    breadth_first = sorted(UNITS, key=lambda unit: UNIT_DEPTH[unit.kind])
    geography = Geography.of(_election(breadth_first, CONTESTS))
    assert geography.top_down == tuple(unit.code for unit in UNITS)


def test_a_child_before_its_parent_is_refused_as_validation_refuses_it() -> None:
    election = _election(UNITS[::-1], CONTESTS)
    with pytest.raises(GeographyError) as raised:
        Geography.of(election)
    assert raised.value.problems[0] == Problem(
        "units[0].parent", "CI-BARDSIR comes later (units[1]); parents come before their children"
    )
    assert set(raised.value.problems) <= set(problems(election))
    assert str(raised.value).startswith("the geography cannot be indexed: 10 problems: ")


def test_a_station_votes_where_a_unit_above_it_is_listed() -> None:
    geography = Geography.of(_election(UNITS, CONTESTS))
    assert geography.constituency_of("parliament", "ST-3") == "KERMAN"
    assert geography.constituency_of("parliament", "ST-4") == "BARDSIR"
    assert geography.constituency_of("city-council", "ST-2") == "CC-KERMAN"
    assert geography.constituency_of("city-council", "ST-3") is None
    # A unit lies wholly in a constituency, or in none when it spans several or is outside.
    assert geography.constituency_of("parliament", "IR-08-0801") == "KERMAN"
    assert geography.constituency_of("parliament", "IR-08") is None
    assert geography.constituency_of("parliament", "IR-08-0802") is None
    assert geography.constituency_map("city-council") == {
        "CI-KERMAN": "CC-KERMAN",
        "ST-1": "CC-KERMAN",
        "ST-2": "CC-KERMAN",
    }


def test_constituency_parts_drop_nested_listings() -> None:
    geography = Geography.of(_election(UNITS, CONTESTS))
    assert geography.constituency_parts("city-council", "CC-KERMAN") == ("CI-KERMAN",)
    assert geography.constituency_parts("parliament", "BARDSIR") == ("CI-BARDSIR",)


def test_stations_in_a_contest_are_counted_per_unit() -> None:
    geography = Geography.of(_election(UNITS, CONTESTS))
    assert geography.stations_in("parliament", "IR") == 4
    assert geography.stations_in("parliament", "IR-08-0802") == 1
    assert geography.stations_in("city-council", "IR-08") == 2
    assert geography.stations_in("city-council", "VI-1") == 0
    assert geography.stations_in("city-council", "ST-1") == 1
    with pytest.raises(KeyError):
        geography.stations_in("city-council", "ST-9")
    with pytest.raises(KeyError):
        geography.stations_in("experts", "IR")


def test_unknown_codes_raise_key_errors() -> None:
    geography = Geography.of(_election(UNITS, CONTESTS))
    for lookup in (geography.parent, geography.children, geography.ancestors, geography.kind):
        with pytest.raises(KeyError):
            lookup("ST-9")
    with pytest.raises(KeyError):
        geography.stations_under("ST-9")
    with pytest.raises(KeyError):
        geography.constituency_of("parliament", "ST-9")


def test_every_reason_the_units_are_not_a_tree_is_named() -> None:
    units = [
        *UNITS,
        _unit("ST-1", UnitKind.STATION, "VI-1"),  # units[11]: a second ST-1
        _unit("ST-5", UnitKind.STATION, "VI-9"),  # units[12]: no such parent
        _unit("X", UnitKind.CITY, "Y"),  # units[13] and [14]: each other's parent
        _unit("Y", UnitKind.CITY, "X"),
    ]
    election = _election(units, CONTESTS)
    with pytest.raises(GeographyError) as raised:
        Geography.of(election)
    assert [(p.path, p.message) for p in raised.value.problems] == [
        ("units[11].code", "duplicate code ST-1, also used by units[4]"),
        ("units[12].parent", "unknown unit VI-9"),
        # A cycle can only be written with a parent after its child.
        ("units[13].parent", "Y comes later (units[14]); parents come before their children"),
        ("units[14].parent", "X is a city; a city cannot be below a city"),
    ]
    assert set(raised.value.problems) <= set(problems(election))


def test_overlapping_or_unknown_constituency_units_are_named() -> None:
    contests = [
        _contest(
            "parliament",
            {"A": ("IR-08", "NOWHERE"), "B": ("IR-08-0802",), "C": ("IR-08-0802",)},
        )
    ]
    election = _election(UNITS, contests)
    with pytest.raises(GeographyError) as raised:
        Geography.of(election)
    assert [(p.path, p.message) for p in raised.value.problems] == [
        ("contests[0].constituencies[0].units[1]", "unknown unit NOWHERE"),
        (
            "contests[0].constituencies[2].units[0]",
            "IR-08-0802 is already in constituency B (contests[0].constituencies[1].units[0])",
        ),
        (
            "contests[0].constituencies[1].units[0]",
            "IR-08-0802 is already in constituency A through IR-08",
        ),
    ]
    assert set(raised.value.problems) <= set(problems(election))


def test_a_contest_without_constituencies_has_no_stations() -> None:
    empty = Contest("experts", Office.EXPERTS, Name("خبرگان", "Experts"), PluralityRule(), (), ())
    geography = Geography.of(_election(UNITS, [empty]))
    assert geography.stations_in("experts", "IR") == 0
    assert geography.constituency_of("experts", "ST-1") is None


def test_the_index_cannot_be_changed_from_outside() -> None:
    geography = Geography.of(_election(UNITS, CONTESTS))
    with pytest.raises(AttributeError):
        geography.election = _election([], [])  # type: ignore[misc]
    with pytest.raises(TypeError):
        geography.constituency_map("parliament")["ST-1"] = "BARDSIR"  # type: ignore[index]


def test_a_national_tree_indexes_every_station() -> None:
    """58,640 stations (2024) under 31 provinces and 482 counties; the bench times it."""
    units = [_unit("IR", UnitKind.NATION, None)]
    units += [_unit(f"P{p}", UnitKind.PROVINCE, "IR") for p in range(31)]
    units += [_unit(f"C{c}", UnitKind.COUNTY, f"P{c % 31}") for c in range(482)]
    units += [_unit(f"S{s}", UnitKind.STATION, f"C{s % 482}") for s in range(58_640)]
    contest = _contest("parliament", {f"K{c}": (f"C{c}",) for c in range(482)})
    geography = Geography.of(_election(units, [contest]))
    assert len(geography.stations) == 58_640
    assert geography.stations_in("parliament", "IR") == 58_640
    assert geography.constituency_of("parliament", "S58639") == f"K{58_639 % 482}"
