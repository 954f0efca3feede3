"""The values of one reporting unit's page: each contest's view, the station's details, the
map and the downloads, with the links and the boards' decisions as `ElectionPages` reads them."""

from __future__ import annotations

from functools import partial
from typing import Any

from sandogh.locale import Lang
from sandogh.publish.site.downloads import downloads, record_fingerprint
from sandogh.publish.site.figures import coordinate
from sandogh.publish.site.labels import label
from sandogh.publish.site.outcomes import outcome_void_text
from sandogh.publish.site.pages import ElectionPages, Place
from sandogh.publish.site.snapshot import ContestEntry, UnitResult
from sandogh.publish.site.unit_map import unit_map
from sandogh.publish.site.views import contest_view


def unit_page(pages: ElectionPages, code: str, place: Place) -> dict[str, Any] | None:
    """The template values of one unit's page; None where no contest has the unit."""
    lang = place.lang
    results: list[tuple[ContestEntry, UnitResult]] = []
    for contest in pages.snapshot["contests"]:
        result = pages.files.result(pages.election, contest["id"], code)
        if result is not None:
            results.append((contest, result))
    if not results:
        return None
    first = results[0][1]
    placed = [(contest, result, pages.placed(contest, code, place)) for contest, result in results]
    views = [
        contest_view(
            files=pages.files,
            election=pages.election,
            contest=contest,
            result=result,
            colours=pages.colours[contest["id"]],
            outcomes=outcomes,
            previous=pages.previous(contest, result),
            href=lambda child: pages.href(place, child),
            certified=lambda outcome: pages.certified(outcome, lang),
            outcome_voided=lambda outcome: outcome_void_text(
                outcome,
                pages.files.supervision(pages.election)["voids"],
                partial(pages.line, outcome["contest"]),
                lang,
            ),
            row=lambda outcome: pages.row(outcome, lang),
            voided=pages.station_voids(contest["id"], code, lang),
            lang=lang,
        )
        for contest, result, outcomes in placed
    ]
    unit = first["unit"]
    return {
        "unit": unit,
        "unit_name": pages.named(unit, lang),
        "kind": label(unit["kind"], lang),
        "crumbs": [
            (pages.named(u, lang), pages.href(place, u["code"]))
            for u in first["path"]
            if u["code"] not in pages.above
        ],
        "contests": views,
        "station": station_details(first, lang),
        "map": unit_map(pages, results, place),
        "downloads": downloads(pages, placed, code, place, lang),
        "fingerprint": record_fingerprint(pages, lang),
    }


def station_details(result: UnitResult, lang: Lang) -> list[tuple[str, str]]:
    """What a station's page says of it: fixed or mobile, urban or rural, how it votes, hard to
    reach or not, where; nothing for a unit above the stations."""
    info = result["station"]
    if info is None:
        return []
    location = info["location"]
    return [
        (label("kind_of_station", lang), label(f"mobility_{info['mobility']}", lang)),
        (label("place", lang), label(f"setting_{info['setting']}", lang)),
        (label("voting_mode", lang), label(f"mode_{info['mode']}", lang)),
        (label("hard_to_reach", lang), label("yes" if info["hard_to_reach"] else "no", lang)),
        (
            label("location", lang),
            ("، " if lang == "fa" else ", ").join(
                coordinate(location[axis], lang) for axis in ("lat", "lon")
            )
            if location
            else label("no_location", lang),
        ),
    ]
