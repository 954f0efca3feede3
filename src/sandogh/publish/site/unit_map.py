"""The map of a unit's page: its areas (where a boundary matches) or stations (as points),
coloured by leader or turnout per contest, and a legend that names every colour drawn."""

from __future__ import annotations

import itertools
from typing import Any

from sandogh.publish.site.area_list import station_marks
from sandogh.publish.site.geo import (
    HATCHED,
    NO_DATA,
    OUTSIDE,
    TIED,
    VOIDED,
    Drawn,
    match_features,
    shading,
    turnout_legend,
)
from sandogh.publish.site.labels import label
from sandogh.publish.site.pages import ElectionPages
from sandogh.publish.site.place import Place
from sandogh.publish.site.reported import turnout
from sandogh.publish.site.snapshot import ContestEntry, Name, UnitRef, UnitResult


def unit_map(
    pages: ElectionPages,
    results: list[tuple[ContestEntry, UnitResult]],
    place: Place,
) -> dict[str, Any] | None:
    """What the map draws: children as areas (where a boundary matches) or as points."""
    lang = place.lang
    unit = results[0][1]["unit"]
    children: dict[str, UnitRef] = {}
    for _, result in results:
        children.update((child["code"], child) for child in result["children"])
    drawn = match_features(unit, list(children.values()))

    leaders: set[tuple[str, str]] = set()  # (contest, candidate) leading somewhere drawn
    voided: set[str] = set()  # contests in which a unit drawn has every box reported voided
    tied: set[str] = set()  # contests in which a unit drawn is a tie

    def shades(code: str, own: UnitResult | None = None) -> dict[str, list[str]]:
        shaded = {}
        for contest, _ in results:
            found = own or pages.files.result(pages.election, contest["id"], code)
            share = (
                None
                if found is None
                else turnout(pages.files, pages.election, contest["id"], found)
            )
            s = shading(found, share, pages.colours[contest["id"]], lang)
            shaded[contest["id"]] = [s.winner, s.turnout, s.text]
            if s.leader is not None:
                leaders.add((contest["id"], s.leader))
            if s.winner == VOIDED:
                voided.add(contest["id"])
            if s.winner == TIED:
                tied.add(contest["id"])
        return shaded

    areas = {
        str(index): {
            "name": children[code]["name"][lang],
            "href": pages.href(place, code),
            "shade": shades(code),
        }
        for index, code in drawn.units.items()
    }
    stations: list[tuple[str, UnitResult | None]] = [
        (code, None) for code, c in children.items() if c["kind"] == "station"
    ]
    if unit["kind"] == "station":
        stations = [(unit["code"], results[0][1])]
    points = []
    for code, own in stations:
        found = own or pages.files.result(pages.election, results[0][0]["id"], code)
        info = found["station"] if found else None
        if found is None or info is None or info["location"] is None:
            continue
        marks = station_marks(info, lang)
        points.append(
            {
                "lat": info["location"]["lat"],
                "lon": info["location"]["lon"],
                "name": found["unit"]["name"][lang] + (f" ({'، '.join(marks)})" if marks else ""),
                "href": pages.href(place, code),
                "mobile": info["mobility"] == "mobile",
                "hard": info["hard_to_reach"],
                "shade": shades(code, own),
            }
        )
    outline = None
    if not areas and points:
        drawn, outline = _outline(results[0][1])
    if not areas and not points:
        return None
    # every colour the map can show beside the leaders' and turnout's: the legend covers all
    others = [
        *([(HATCHED, label("map_little", lang))] if areas else []),  # stations are not
        (NO_DATA, label("map_no_data", lang)),
        *([(OUTSIDE, label("map_outside", lang))] if areas or outline else []),
    ]
    legends = []
    for contest, result in results:
        # from the result, not the page's list: a leader may be one whose constituency's page
        # lists them (`views.Placed.elsewhere`)
        names = _names(pages, contest["id"], result)
        colours = pages.colours[contest["id"]]  # by code, in order: `geo.candidate_colours`
        led = sorted(code for led_in, code in leaders if led_in == contest["id"])
        also = [(VOIDED, label("status_voided", lang))] if contest["id"] in voided else []
        tie = [(TIED, label("tied", lang))] if contest["id"] in tied else []
        legends.append(
            {
                "contest": contest["id"],
                "winner": [
                    (colours[code], names[code][lang] if code in names else code)
                    for code in led
                    if code in colours
                ]
                + tie
                + also
                + others,
                "turnout": [*turnout_legend(lang), *also, *others],
            }
        )
    return {
        "data": {
            "boundaries": f"{place.up}assets/{drawn.asset}" if areas or outline else None,
            "areas": areas,
            "outline": outline,
            "points": points,
            "fit": [str(index) for index in drawn.scope] if areas else [],
        },
        "contests": [(contest["id"], contest["name"][lang]) for contest, _ in results],
        "legends": legends,
    }


def _names(pages: ElectionPages, contest: str, result: UnitResult) -> dict[str, Name]:
    """Each candidate's name in the unit's result by code, found once a rendering for its
    pages (both languages; the nation's 108,000 village-council candidates)."""
    votes = result["counts"]["votes"]
    key = ("names", pages.election, contest, result["unit"]["code"])
    return pages.files.once(key, result, lambda: {v["code"]: v["name"] for v in votes})


def _outline(result: UnitResult) -> tuple[Drawn, str | None]:
    """For a map of points: the boundary of the unit, or of the nearest unit above it."""
    line = [*result["path"], result["unit"]]
    for parent, unit in reversed(list(itertools.pairwise(line))):
        drawn = match_features(parent, [unit])
        if drawn.units:
            return drawn, str(next(iter(drawn.units)))
    return Drawn("", {}, ()), None
