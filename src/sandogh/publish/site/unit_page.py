"""The values of one reporting unit's page: each contest's view, the station's details, the
map and the downloads, with the links and the boards' decisions as `ElectionPages` reads them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

from markupsafe import Markup

from sandogh.locale import Lang
from sandogh.publish.site.area_list import area_rows, child_rows
from sandogh.publish.site.downloads import downloads, record_fingerprint
from sandogh.publish.site.figures import coordinate
from sandogh.publish.site.labels import label
from sandogh.publish.site.listing import ListPage, page_links
from sandogh.publish.site.outcomes import outcome_void_text
from sandogh.publish.site.pages import ElectionPages
from sandogh.publish.site.place import Place
from sandogh.publish.site.snapshot import ContestEntry, UnitResult
from sandogh.publish.site.unit_map import unit_map
from sandogh.publish.site.views import children_heading, contest_view


def _results(pages: ElectionPages, code: str) -> list[tuple[ContestEntry, UnitResult]]:
    """Unit `code`'s result in each contest that has it."""
    results: list[tuple[ContestEntry, UnitResult]] = []
    for contest in pages.snapshot["contests"]:
        result = pages.files.result(pages.election, contest["id"], code)
        if result is not None:
            results.append((contest, result))
    return results


def unit_page(
    pages: ElectionPages, code: str, place: Place, listed: ListPage
) -> dict[str, Any] | None:
    """The template values of one unit's page, with the first page of its list of the units
    below (`listed`); None where no contest has the unit."""
    lang = place.lang
    results = _results(pages, code)
    if not results:
        return None
    first = results[0][1]
    placing = pages.placing
    placed = [(c, result, placing.placed(c, code)) for c, result in results]
    views = [
        contest_view(
            files=pages.files,
            election=pages.election,
            contest=contest,
            result=result,
            colours=pages.colours[contest["id"]],
            outcomes=outcomes,
            shown=placing.shown(contest, code, result["counts"]["votes"]),
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
            listed=listed.codes,
        )
        for contest, result, outcomes in placed
    ]
    unit = first["unit"]
    return {
        "unit": unit,
        "unit_name": pages.named(unit, lang),
        "kind": label(unit["kind"], lang),
        "crumbs": _crumbs(pages, first, place),
        "contests": views,
        "list_nav": page_links(pages, place, code, listed),
        "station": station_details(first, lang),
        "map": unit_map(pages, results, place),
        "downloads": downloads(pages, placed, code, place, lang),
        "fingerprint": record_fingerprint(pages, lang),
    }


@dataclass(frozen=True)
class ListedContest:
    """One contest's rows on a page of a unit's list (`list_page_values`)."""

    id: str
    name: str
    children_heading: str
    child_rows: Markup


def list_page_values(
    pages: ElectionPages, code: str, place: Place, listed: ListPage
) -> dict[str, Any] | None:
    """The template values of page `listed.number` (from 2) of unit `code`'s list of the units
    below it: each contest's rows for the units of that page, and nothing that changes with
    the reports of units it does not list (a pass renders it only when one of them reports)."""
    lang = place.lang
    results = _results(pages, code)
    if not results:
        return None
    unit = results[0][1]["unit"]
    contests = [
        ListedContest(
            id=contest["id"],
            name=contest["name"][lang],
            children_heading=children_heading(result, lang),
            child_rows=child_rows(rows, lang),
        )
        for contest, result in results
        if (
            rows := area_rows(
                files=pages.files,
                election=pages.election,
                contest=contest["id"],
                result=result,
                href=lambda child: pages.href(place, child),
                lang=lang,
                listed=listed.codes,
            )
        )
    ]
    name = pages.named(unit, lang)
    return {
        "unit": unit,
        "list_title": label("list_of", lang, name=name),
        "crumbs": [*_crumbs(pages, results[0][1], place), (name, pages.href(place, code))],
        "contests": contests,
        "list_nav": page_links(pages, place, code, listed),
    }


def _crumbs(pages: ElectionPages, result: UnitResult, place: Place) -> list[tuple[str, str]]:
    return [
        (pages.named(u, place.lang), pages.href(place, u["code"]))
        for u in result["path"]
        if u["code"] not in pages.above
    ]


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
