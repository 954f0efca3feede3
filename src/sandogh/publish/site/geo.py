"""The choropleth map: which boundary feature draws which reporting unit, and in which colour.

Boundaries are the vendored OpenStreetMap files of `sandogh/maps/boundaries/` (README there),
copied into the site's assets: `provinces.geojson` carries each province's ISO 3166-2 code (`iso`,
as `IR-08`, the form province codes take in sandogh definitions) and its Persian name;
`counties/IR-NN.geojson` holds that province's counties, each with its code of
`data/iran-divisions/counties.csv` where the two sources agree (a unit `IR-08-0801`), else "".
A unit is matched to a feature by code where the feature has one, else by Persian name within its
province (ISO code or English name), compared after folding the Arabic letters ي ك ئ into Persian
ی ک ی, آ into ا, and dropping spaces and zero-width non-joiners, since the sources spell
«ارزوئیه»/«ارزوییه» and «رودبار جنوب»/«رودبارجنوب» differently. A unit without a feature is still
in the page's table; it is only missing from the map.

Colours are chosen here, once, so the page's script only applies them: candidates take the
Okabe–Ito palette (distinguishable with the common colour-vision deficiencies) in the order of
their ballot codes, stable through the day; turnout takes ColorBrewer's five-class YlGnBu,
whose palest class still stands out from the grey of areas without results. An area where
half its stations or fewer have reported (`reported.LITTLE`) is hatched in grey whatever the
mode, not painted in its leader's colour: a few boxes do not tell how an area voted. The hatch is
an SVG pattern the page defines once (`HATCHED` names it), so the map and its legend share it.
A unit that has reported but whose every box reported a board voided (a voided station, most
often) is drawn in `VOIDED`, neither a leader's colour nor a turnout of 0 %, nor the grey of no
report yet.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from typing import Any

from sandogh.locale import Lang
from sandogh.maps import MAPS
from sandogh.publish.site.figures import lead_words, percent
from sandogh.publish.site.labels import label
from sandogh.publish.site.reported import LITTLE, counted, reported_share
from sandogh.publish.site.snapshot import UnitRef, UnitResult

PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8C564B", "#F0E442")
NO_DATA = "#C8C8C8"
HATCHED = "url(#little-reporting)"  # the pattern of `_map.html`
OUTSIDE = "#F4F4F4"  # areas drawn with no unit of the election (map.js paints them so)
VOIDED = "#7A1712"  # reported, every box of it voided (the voided status's colour)
TIED = "#6E6E6E"  # two or more candidates with the most votes: no one's colour (S23 A2)
TURNOUT_STEPS = (Fraction(40, 100), Fraction(50, 100), Fraction(60, 100), Fraction(70, 100))
TURNOUT_COLOURS = ("#FFFFCC", "#A1DAB4", "#41B6C4", "#2C7FB8", "#253494")

_FOLD = str.maketrans({"ي": "ی", "ك": "ک", "ئ": "ی", "آ": "ا", "\u200c": None, " ": None})


def fold(name: str) -> str:
    return name.translate(_FOLD)


@dataclass(frozen=True)
class Boundaries:
    """One boundary file of the assets and the keys each of its features answers to."""

    asset: str  # path under the site's assets/
    kind: str  # the kind of unit its features draw
    keys: tuple[frozenset[str], ...]  # per feature, in file order
    within: tuple[frozenset[str], ...]  # per feature, its province's ISO code and English name


@dataclass(frozen=True)
class Drawn:
    """The boundary file for a page's map, its features that draw units, and those to show."""

    asset: str
    units: dict[int, str]  # feature index → unit code
    scope: tuple[int, ...]  # the features inside the page's unit: the map's extent


def _features(name: str) -> list[Mapping[str, Any]]:
    document = json.loads((MAPS / "boundaries" / name).read_text(encoding="utf-8"))
    return [feature["properties"] for feature in document["features"]]


@cache
def boundary_sets() -> tuple[Boundaries, ...]:
    """The provinces, then each province's counties (`counties/IR-NN.geojson`, in ISO order)."""
    provinces = _features("provinces.geojson")
    english = {p["iso"]: p["name_en"] for p in provinces}
    sets = [
        Boundaries(
            "boundaries/provinces.geojson",
            "province",
            tuple(frozenset({f"code:{p['iso']}", f"fa:{fold(p['name_fa'])}"}) for p in provinces),
            (frozenset(),) * len(provinces),
        )
    ]
    for iso in sorted(english):
        counties = _features(f"counties/{iso}.geojson")
        within = frozenset({iso, english[iso]})
        sets.append(
            Boundaries(
                f"boundaries/counties/{iso}.geojson",
                "county",
                tuple(
                    frozenset(
                        {f"fa:{fold(c['name_fa'])}@{place}" for place in within}
                        | ({f"code:{iso}-{c['code']}"} if c["code"] else set())
                    )
                    for c in counties
                ),
                (within,) * len(counties),
            )
        )
    return tuple(sets)


def _unit_keys(unit: UnitRef, parent: UnitRef) -> frozenset[str]:
    name = fold(unit["name"]["fa"])
    return frozenset(
        {f"code:{unit['code']}", f"fa:{name}"}
        | {f"fa:{name}@{place}" for place in (parent["code"], parent["name"]["en"])}
    )


def match_features(parent: UnitRef, children: Sequence[UnitRef]) -> Drawn:
    """The boundary file that draws most of `children` (the units of `parent`)."""
    best = Drawn("", {}, ())
    for boundaries in boundary_sets():
        found: dict[int, str] = {}
        for child in children:
            if child["kind"] != boundaries.kind:
                continue
            keys = _unit_keys(child, parent)
            for index, feature_keys in enumerate(boundaries.keys):
                if keys & feature_keys and index not in found:
                    found[index] = child["code"]
                    break
        if len(found) > len(best.units):
            places = {parent["code"], parent["name"]["en"]}
            scope = tuple(
                index
                for index, within in enumerate(boundaries.within)
                if not within or within & places or index in found
            )
            best = Drawn(boundaries.asset, found, scope)
    return best


def candidate_colours(codes: Sequence[str]) -> dict[str, str]:
    return {code: PALETTE[i % len(PALETTE)] for i, code in enumerate(sorted(codes))}


def turnout_colour(share: Fraction | None) -> str:
    if share is None:
        return NO_DATA
    return TURNOUT_COLOURS[sum(share >= step for step in TURNOUT_STEPS)]


def turnout_legend(lang: Lang) -> list[tuple[str, str]]:
    """(colour, label) for each turnout class, lowest first."""
    bounds = [percent(step, lang, 0) for step in TURNOUT_STEPS]
    labels = [label("bin_below", lang, high=bounds[0])]
    labels += [
        label("bin_between", lang, low=low, high=high) for low, high in itertools.pairwise(bounds)
    ]
    labels.append(label("bin_above", lang, low=bounds[-1]))
    return list(zip(TURNOUT_COLOURS, labels, strict=True))


@dataclass(frozen=True)
class Shading:
    """How one unit is coloured for one contest, and what its tooltip says."""

    winner: str  # colour
    turnout: str  # colour
    leader: str | None  # candidate code
    text: str


def shading(
    result: UnitResult | None, share: Fraction | None, colours: Mapping[str, str], lang: Lang
) -> Shading:
    """`share` is the unit's turnout over its reported stations (`reported.turnout`)."""
    if result is None or result["stations"]["reported"] == 0:
        return Shading(NO_DATA, NO_DATA, None, label("map_no_data", lang))
    if counted(result["stations"]) == 0:
        return Shading(VOIDED, VOIDED, None, label("status_voided", lang))
    votes = result["counts"]["votes"]
    valid = result["counts"]["valid"]
    stations = result["stations"]
    parts = (
        []
        if result["unit"]["kind"] == "station"
        else [label("map_reported", lang, reported=stations["reported"], total=stations["total"])]
    )
    leader, colour = None, NO_DATA
    found = lead_words(votes, valid, lang)
    if found is not None:  # a tie in no one's colour, named as one (S23 A2)
        first, who = found
        tied = len(first) > 1
        parts.append(f"{label('tied' if tied else 'map_winner', lang)}: {who}")
        leader = None if tied else first[0]["code"]
        colour = TIED if tied else colours.get(first[0]["code"], NO_DATA)
    parts.append(f"{label('map_turnout', lang)}: {percent(share, lang, 1)}")
    text = ("، " if lang == "fa" else "; ").join(parts)
    if reported_share(result) <= LITTLE:
        return Shading(HATCHED, HATCHED, None, text)
    return Shading(
        colour,
        turnout_colour(share),
        leader,
        text,
    )
