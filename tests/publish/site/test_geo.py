"""Boundary matching against the real divisions: every Kerman county of `data/iran-divisions`
finds its OpenStreetMap feature, whatever the two sources' spellings, and every province its own."""

from __future__ import annotations

import csv
from fractions import Fraction
from pathlib import Path

from sandogh.publish.site.geo import (
    NO_DATA,
    TURNOUT_COLOURS,
    boundary_sets,
    candidate_colours,
    fold,
    match_features,
    turnout_colour,
)
from sandogh.publish.site.snapshot import UnitRef

DIVISIONS = Path(__file__).resolve().parents[3] / "data" / "iran-divisions"
KERMAN: UnitRef = {"code": "IR-08", "kind": "province", "name": {"fa": "کرمان", "en": "Kerman"}}
IRAN: UnitRef = {"code": "IR", "kind": "nation", "name": {"fa": "ایران", "en": "Iran"}}


def _rows(name: str) -> list[dict[str, str]]:
    with (DIVISIONS / name).open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def test_every_kerman_county_of_the_divisions_is_drawn() -> None:
    counties: list[UnitRef] = [
        {"code": f"IR-08-{row['code']}", "kind": "county", "name": {"fa": row["name"], "en": ""}}
        for row in _rows("counties.csv")
        if row["province_id"] == "21"  # Kerman
    ]
    drawn = match_features(KERMAN, counties)
    assert drawn.asset == "boundaries/kerman-counties.geojson"
    assert len(counties) == 23
    assert sorted(drawn.units.values()) == sorted(c["code"] for c in counties)
    assert len(drawn.scope) == 25  # OpenStreetMap has two newer counties: in view, undrawn


def test_every_province_is_drawn_by_its_iso_code() -> None:
    provinces: list[UnitRef] = [
        {"code": f"IR-{row['code']}", "kind": "province", "name": {"fa": "", "en": ""}}
        for row in _rows("provinces.csv")
    ]
    drawn = match_features(IRAN, provinces)
    assert drawn.asset == "boundaries/provinces.geojson"
    assert len(drawn.units) == len(provinces) == len(boundary_sets()[0].keys) == 31


def test_spellings_fold_together() -> None:
    assert fold("ارزوئیه") == fold("ارزوییه")
    assert fold("رودبار جنوب") == fold("رودبارجنوب")
    assert fold("كرمان") == fold("کرمان")  # Arabic kaf


def test_colours_are_stable_and_turnout_is_classed() -> None:
    assert candidate_colours(["25", "21"]) == candidate_colours(["21", "25"])
    assert turnout_colour(None) == NO_DATA
    assert turnout_colour(Fraction(46, 100)) == TURNOUT_COLOURS[1]
    assert turnout_colour(Fraction(55, 100)) == TURNOUT_COLOURS[2]
    assert turnout_colour(Fraction(70, 100)) == TURNOUT_COLOURS[4]
