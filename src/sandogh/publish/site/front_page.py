"""The site's front page: each election published, with its headline figures.

What an election-night front page leads with (Clarity/Scytl, Brazil's TSE): the scope the figures
are for («استان کرمان», not the country, for one province's election), the stations reported
out of all, turnout over the stations that have reported, and each contest's leader, or its
candidate with the most votes once the count is complete. The page keeps itself current with
`assets/live.js`, which polls `data/elections.json`.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from sandogh.publish.site.area_list import of
from sandogh.publish.site.figures import day, joined, leading, moment, number, percent
from sandogh.publish.site.labels import label
from sandogh.publish.site.pages import ElectionPages
from sandogh.publish.site.place import Place
from sandogh.publish.site.reported import complete, turnout


def summary(pages: ElectionPages, place: Place) -> dict[str, Any]:
    """The election's entry on the site's front page: its headline figures."""
    snapshot, lang = pages.snapshot, place.lang
    statuses = {contest["status"] for contest in snapshot["contests"]}
    status = statuses.pop() if len(statuses) == 1 else "partial"
    stations = snapshot["stations"]
    leaders = []
    share = None
    scope = pages.top
    for contest in snapshot["contests"]:
        result = pages.files.result(pages.election, contest["id"], pages.top)
        if result is None:
            continue
        scope = pages.named(result["unit"], lang)
        if share is None:
            share = turnout(pages.files, pages.election, contest["id"], result)
        votes, valid = result["counts"]["votes"], result["counts"]["valid"]
        found = leading(votes) if valid else None
        if found is not None:
            first, most = found  # more than one: a tie, named as one (S23 A2)
            key = (
                "headline_tied"
                if len(first) > 1
                else "headline_most"
                if complete(result)
                else "headline_leading"
            )
            leaders.append(
                {
                    "label": label(key, lang, contest=contest["name"][lang]),
                    "name": joined((v["name"][lang] for v in first), lang),
                    "votes": number(most, lang),
                    "share": percent(Fraction(most, valid), lang, 1),
                }
            )
    return {
        "name": snapshot["name"][lang],
        "scope": scope,
        "day": day(snapshot["date"], lang),
        "stations": of(stations["reported"], stations["total"], lang),
        "stations_share": percent(Fraction(stations["reported"], stations["total"]), lang, 1)
        if stations["total"]
        else "",
        "turnout": None if share is None else percent(share, lang, 1),
        "turnout_label": label("headline_turnout", lang),
        "leaders": leaders,
        "status": label(f"status_{status}", lang),
        "status_key": status,
        "href": f"{place.home}{pages.election}/index.html",
        "updated": label("updated", lang, when=moment(snapshot["updated"], lang)),
    }
