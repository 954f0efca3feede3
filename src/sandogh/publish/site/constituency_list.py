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

from collections.abc import Callable
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


def by_area(
    *,
    contest: str,
    within: tuple[tuple[Outcome, str], ...],
    within_in: tuple[str, ...],
    children: list[Child],
    href: Callable[[str], str],
    lang: Lang,
) -> tuple[AreaConstituencies, ...]:
    """The constituencies `within` a unit by the unit just below it that holds each
    (`within_in`), in the order of its `children`; each links to that unit's list of them, or
    to its contest where it is one of their units (their outcomes are shown there)."""
    held: dict[str, list[Outcome]] = {}
    for (outcome, _), unit in zip(within, within_in, strict=True):
        held.setdefault(unit, []).append(outcome)
    rows = []
    for child in children:
        outcomes = held.get(child["code"])
        if not outcomes:
            continue
        inside = any(child["code"] not in o["constituency"]["units"] for o in outcomes)
        anchor = f"#within-{contest}" if inside else f"#contest-{contest}"
        complete = sum(o["status"] != "partial" for o in outcomes)
        rows.append(
            AreaConstituencies(
                child["name"][lang],
                href(child["code"]) + anchor,
                number(len(outcomes), lang),
                label("of", lang, reported=complete, total=len(outcomes)),
            )
        )
    return tuple(rows)
