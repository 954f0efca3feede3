"""A unit's list of the units just below it, on pages of their own (issue 14).

The console reads a unit a page of the units below it at a time (`services.unit_tally`); the
site pages its lists the same way, `PAGE_SIZE` to a page in the geography's order: page 1 is
the unit's page at its address, with its totals and the first units below; pages 2… live at
`<election>/units/<code>/<n>.html` and hold the list alone, each contest's rows for the same
units, with links to the pages before and after. A page of the list changes only when a unit it
lists does, so a pass renders, for each unit a report changed, its first page and the page
listing the unit below it on the report's path; the pages' addresses depend on the geography
alone and never move.

A unit with no more units below it than a page (every unit of a province's election) has its
one page as before. (A folder per unit: `<code>-2.html` could be another unit's code.)
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sandogh.publish.site.labels import label
from sandogh.publish.site.place import Place, relative
from sandogh.services import unit_tally

if TYPE_CHECKING:
    from sandogh.publish.site.pages import ElectionPages

#: units listed to a page, as the console's results page lists them
PAGE_SIZE = unit_tally.PAGE_SIZE


@dataclass(frozen=True)
class ListPage:
    """Page `number` of `pages` of the `below` units just below a unit; `codes` those it lists
    (None: every one, the unit having one page)."""

    number: int
    pages: int
    below: int
    codes: frozenset[str] | None

    @property
    def first(self) -> int:
        return (self.number - 1) * PAGE_SIZE + 1

    @property
    def last(self) -> int:
        return min(self.below, self.number * PAGE_SIZE)


def listed_below(pages: ElectionPages, code: str) -> list[str]:
    """The units just below `code` that vote in any contest (its lists' rows), in the
    geography's order (`units.json` lists each parent's children in it)."""
    voting: set[str] = set()
    for contest in pages.snapshot["contests"]:
        result = pages.files.result(pages.election, contest["id"], code)
        if result is not None:
            voting.update(child["code"] for child in result["children"])
    if len(voting) <= PAGE_SIZE:
        return sorted(voting)  # one page: its order is each contest's own
    return [child for child in _children(pages).get(code, ()) if child in voting]


def _children(pages: ElectionPages) -> dict[str, list[str]]:
    """Every unit's children in the geography's order, made once while units.json is unchanged
    (a pass reads it from what the rendering before kept)."""

    def made() -> dict[str, list[str]]:
        children: dict[str, list[str]] = {}
        for unit in pages.files.units(pages.election):
            if unit["parent"] is not None:
                children.setdefault(unit["parent"], []).append(unit["code"])
        return children

    source = f"{pages.election}/units.json"
    return pages.files.made_of(("children", pages.election), (source,), made)


def list_page(below: list[str], number: int) -> ListPage:
    pages = max(1, -(-len(below) // PAGE_SIZE))
    if pages == 1:
        return ListPage(1, 1, len(below), None)
    start = (number - 1) * PAGE_SIZE
    return ListPage(number, pages, len(below), frozenset(below[start : start + PAGE_SIZE]))


def pages_wanted(below: list[str], named: Collection[str] | None) -> list[int]:
    """The list's pages after the first to render: every one (`named` None, a whole
    rendering), or those listing a unit `named` (a pass names each unit a report changed)."""
    count = max(1, -(-len(below) // PAGE_SIZE))
    if named is None:
        return list(range(2, count + 1))
    held = {1 + i // PAGE_SIZE for i, child in enumerate(below) if child in named}
    return sorted(held - {1})


def list_path(election: str, code: str, number: int) -> str:
    return f"{election}/units/{code}/{number}.html"


def list_href(pages: ElectionPages, place: Place, code: str, number: int) -> str:
    """The link from `place` to page `number` of `code`'s list (the first: the unit's page)."""
    if number == 1:
        return pages.href(place, code)
    return relative(list_path(pages.election, code, number), place.folder)


def page_links(
    pages: ElectionPages, place: Place, code: str, listed: ListPage
) -> dict[str, Any] | None:
    """What a page of a list says of its place among them: «صفحهٔ ۲ از ۳۶», which units, and
    links to the pages before and after; None for a list of one page."""
    if listed.pages == 1:
        return None
    lang, number = place.lang, listed.number
    return {
        "said": label(
            "list_page",
            lang,
            page=number,
            pages=listed.pages,
            first=listed.first,
            last=listed.last,
            below=listed.below,
        ),
        "previous": list_href(pages, place, code, number - 1) if number > 1 else None,
        "next": list_href(pages, place, code, number + 1) if number < listed.pages else None,
    }
