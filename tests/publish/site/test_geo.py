"""Boundary matching against the real divisions: every county of `data/iran-divisions` finds its
OpenStreetMap feature in its province's file, by code and (but for the few named here) by name
whatever the two sources' spellings, and every province its own."""

from __future__ import annotations

import csv
import json
from fractions import Fraction
from pathlib import Path

from sandogh.maps import MAPS, boundaries_for
from sandogh.publish.site.geo import (
    NO_DATA,
    TIED,
    TURNOUT_COLOURS,
    boundary_sets,
    candidate_colours,
    fold,
    match_features,
    shading,
    turnout_colour,
)
from sandogh.publish.site.snapshot import UnitRef
from tests.publish.site.ties import COLOURS, JALILI, PEZESHKIAN, result

DIVISIONS = Path(__file__).resolve().parents[3] / "data" / "iran-divisions"
IRAN: UnitRef = {"code": "IR", "kind": "nation", "name": {"fa": "ایران", "en": "Iran"}}


def _rows(name: str) -> list[dict[str, str]]:
    with (DIVISIONS / name).open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


# counties.csv's counties without an OpenStreetMap boundary in the vendored files
UNDRAWN = {"IR-15-1508"}  # Poldokhtar: no admin_level 5 relation in the source's snapshot
# drawn by code only: OpenStreetMap names them otherwise (scripts/county_boundaries.py, RENAMED)
RENAMED = {"IR-03-0306": "مراغه", "IR-11-1102": "چاه بهار", "IR-09-0932": "بینالود"}


def _province_counties() -> dict[str, tuple[UnitRef, list[UnitRef]]]:
    """Each province (by ISO code) with its counties of counties.csv, coded as the example does."""
    english = {
        f["properties"]["iso"]: f["properties"]["name_en"]
        for f in json.loads((MAPS / "boundaries" / "provinces.geojson").read_bytes())["features"]
    }
    provinces = {row["id"]: row for row in _rows("provinces.csv")}
    found: dict[str, tuple[UnitRef, list[UnitRef]]] = {}
    for row in _rows("provinces.csv"):
        iso = f"IR-{row['code']}"
        found[iso] = (
            {"code": iso, "kind": "province", "name": {"fa": row["name"], "en": english[iso]}},
            [],
        )
    for row in _rows("counties.csv"):
        iso = f"IR-{provinces[row['province_id']]['code']}"
        found[iso][1].append(
            {
                "code": f"{iso}-{row['code']}",
                "kind": "county",
                "name": {"fa": row["name"], "en": ""},
            }
        )
    return found


def test_every_county_of_the_divisions_is_drawn_in_its_provinces_file() -> None:
    undrawn: set[str] = set()
    for iso, (province, counties) in _province_counties().items():
        drawn = match_features(province, counties)
        assert drawn.asset == f"boundaries/counties/{iso}.geojson" == boundaries_for(iso)
        features = json.loads((MAPS / drawn.asset).read_bytes())["features"]
        assert len(drawn.scope) == len(features)  # newer counties too: in view, undrawn
        assert all(f["properties"]["name_fa"] and f["properties"]["name_en"] for f in features)
        assert not any(ch in f["properties"]["name_fa"] for f in features for ch in "يك")
        undrawn |= {c["code"] for c in counties} - set(drawn.units.values())
    assert undrawn == UNDRAWN


def test_counties_are_found_by_name_alone_but_the_renamed() -> None:
    unnamed: dict[str, str] = {}
    for province, counties in _province_counties().values():
        by_name: list[UnitRef] = [{**c, "code": f"name:{c['code']}"} for c in counties]
        drawn = match_features(province, by_name)
        matched = {code.removeprefix("name:") for code in drawn.units.values()}
        unnamed |= {c["code"]: c["name"]["fa"] for c in counties if c["code"] not in matched}
    assert unnamed == {**RENAMED, "IR-15-1508": "پلدختر"}


def test_kerman_keeps_its_two_newer_counties_in_view() -> None:
    province, counties = _province_counties()["IR-08"]
    assert len(counties) == 23
    assert len(match_features(province, counties).scope) == 25  # Ganbaki and Jazmurian


def test_a_place_outside_any_province_draws_the_provinces() -> None:
    assert boundaries_for(None) == boundaries_for("IR-99") == "boundaries/provinces.geojson"


def test_every_province_is_drawn_by_its_iso_code() -> None:
    provinces: list[UnitRef] = [
        {"code": f"IR-{row['code']}", "kind": "province", "name": {"fa": "", "en": ""}}
        for row in _rows("provinces.csv")
    ]
    drawn = match_features(IRAN, provinces)
    assert drawn.asset == "boundaries/provinces.geojson"
    assert len(drawn.units) == len(provinces) == len(boundary_sets()[0].keys) == 31
    assert len(boundary_sets()) == 32  # and each province's counties


def test_spellings_fold_together() -> None:
    assert fold("ارزوئیه") == fold("ارزوییه")
    assert fold("رودبار جنوب") == fold("رودبارجنوب")
    assert fold("كرمان") == fold("کرمان")  # Arabic kaf
    assert fold("حاجی آباد") == fold("حاجیاباد")


def test_colours_are_stable_and_turnout_is_classed() -> None:
    assert candidate_colours(["25", "21"]) == candidate_colours(["21", "25"])
    assert turnout_colour(None) == NO_DATA
    assert turnout_colour(Fraction(46, 100)) == TURNOUT_COLOURS[1]
    assert turnout_colour(Fraction(55, 100)) == TURNOUT_COLOURS[2]
    assert turnout_colour(Fraction(70, 100)) == TURNOUT_COLOURS[4]


def test_the_map_paints_a_tie_in_no_one_s_colour_and_says_it_is_a_tie() -> None:
    """Finding A2 of session 23: a tie was painted in the colour of its first by order."""
    tie = shading(result([JALILI, PEZESHKIAN]), Fraction(1, 2), COLOURS, "fa")
    assert (tie.winner, tie.leader) == (TIED, None)
    assert tie.text.startswith("برابر: سعید جلیلی، مسعود پزشکیان (۵۰٫۰٪)")
    assert TIED not in (NO_DATA, *COLOURS.values())
    led = shading(result([{**JALILI, "votes": 2}, PEZESHKIAN]), Fraction(1, 2), COLOURS, "en")
    assert (led.winner, led.leader) == (COLOURS["21"], "21")
    assert led.text.startswith("Leader: Saeed Jalili (66.7%)")
