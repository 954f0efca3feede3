"""The constituencies lying inside a unit, as its page lists them (issue 14).

Up to a page of them (`listing.PAGE_SIZE`) are listed one by one, each with its status, its
stations reported and who is ahead, linked to its own page. More than that — the nation's
parliamentary constituencies (~200), its village councils (~12,000), a province's (~400) — are
listed by the unit just below that holds them: a province, then its counties. A journalist
looks for a constituency by where it lies, not by its place among thousands in one list (the
headquarters' own results are given by province); the list of one county fits a page, and
each unit's page, rendered again with every report below it, stays the size of its own
figures rather than the nation's: the election's page listed 13,500 constituencies, 3.4 MB.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sandogh.locale import Lang
from sandogh.publish.site import listing
from sandogh.publish.site.figures import number
from sandogh.publish.site.labels import label
from sandogh.publish.site.snapshot import Child, Outcome


@dataclass(frozen=True)
class AreaConstituencies:
    """The constituencies lying inside one unit below a page's unit: their count, and how many
    have every station counted, linked to that unit's list of them."""

    name: str
    href: str
    constituencies: str
    complete: str


def listed_one_by_one(within: tuple[tuple[Outcome, str], ...]) -> bool:
    return len(within) <= listing.PAGE_SIZE


@dataclass(frozen=True)
class Held:
    """The constituencies lying inside a unit that one unit just below it holds: how many, how
    many have every station counted, and whether some are not that unit's own."""

    count: int
    complete: int
    inside: bool


def held_by_area(
    within: tuple[tuple[Outcome, str], ...], within_in: tuple[str, ...]
) -> dict[str, Held]:
    """The constituencies `within` a unit by the unit just below it that holds each
    (`within_in`): found once a rendering (`views.Placed.held`), for its pages in both
    languages (nationally 13,500, on the election's page and the nation's)."""
    held: dict[str, list[Outcome]] = {}
    for (outcome, _), unit in zip(within, within_in, strict=True):
        held.setdefault(unit, []).append(outcome)
    return {
        unit: Held(
            len(outcomes),
            sum(o["status"] != "partial" for o in outcomes),
            any(unit not in o["constituency"]["units"] for o in outcomes),
        )
        for unit, outcomes in held.items()
    }


def by_area(
    *,
    contest: str,
    held: Mapping[str, Held],
    children: list[Child],
    href: Callable[[str], str],
    lang: Lang,
) -> tuple[AreaConstituencies, ...]:
    """The constituencies `held` by each unit just below a unit (`held_by_area`), in the order
    of its `children`; each links to that unit's list of them, or to its contest where it is
    one of their units (their outcomes are shown there)."""
    rows = []
    for child in children:
        found = held.get(child["code"])
        if found is None:
            continue
        anchor = f"#within-{contest}" if found.inside else f"#contest-{contest}"
        rows.append(
            AreaConstituencies(
                child["name"][lang],
                href(child["code"]) + anchor,
                number(found.count, lang),
                label("of", lang, reported=found.complete, total=found.count),
            )
        )
    return tuple(rows)
