"""A contest's running totals tree: the path a final report changes, made from a few rows (the
design in docs/formats.md, "An uncertified round's totals tree"; the session-26 outsider's F2).

The nodes are those of `core.supervision.totals_tree` (format 2: `below` paged, a node `null`
where nothing is kept). A report changes its station's node and the kept totals of the units
above it: only the nodes on that path change, and of each unit's `below` only the page holding
the path's child. So the path is made again from the station's node, the path's kept totals,
and the rows of the path and of the siblings on the path's pages (`path_codes`): ≤ 99 siblings
and one row of page hashes a unit, whatever its breadth (a city of 3,508 stations: 36 pages).

The running root is the whole contest's, over the geography's root unit: `{"election",
"contest", "constituency": null, "parts": [[TOP, NODE]]}` (a contest's constituency parts
may be thousands). The same function makes the path before a change, from what is stored, to
hold it to the last logged root, and after it, to write.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from sandogh.core.counting.running import Running
from sandogh.core.counting.tally import TallySheet
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import UnitKind
from sandogh.core.supervision.totals_tree import (
    PAGE_SIZE,
    Node,
    page_hash,
    pages_hash,
    station_node,
    tree_root,
    unit_node,
)


@dataclass(frozen=True)
class KeptNode:
    """A node as kept: a station's alone; a unit's with the hash of the nodes below it and the
    hashes of its pages (`totals_tree.page_hash`, page 1 first; none for a format-1 row)."""

    node: str
    below: str | None = None
    pages: tuple[str, ...] = ()


def path_codes(geography: Geography, station: str) -> set[str]:
    """The rows `path_tree` reads for a report of `station`: the units above it and the
    siblings on the path's page at each level (the station's own row among them)."""
    wanted: set[str] = set()
    child = station
    for unit in geography.ancestors(station):
        wanted.add(unit)
        wanted.update(_page_of(geography, unit, child)[1])
        child = unit
    return wanted


def path_tree(
    geography: Geography,
    contest: str,
    station: str,
    node: Node,
    *,
    kept: Mapping[str, Running | None],
    stored: Mapping[str, KeptNode],
) -> tuple[str, dict[str, KeptNode | None]]:
    """The running root of `contest` and the path's nodes (by code; None: null, no row), with
    `station`'s node `node`, the path's units' kept totals `kept` (by code) and the other rows
    as `stored` (`path_codes`'s; a row missing is a null node)."""
    made: dict[str, KeptNode | None] = {station: None if node is None else KeptNode(node)}
    child, child_node = station, node
    for unit in geography.ancestors(station):
        number, page = _page_of(geography, unit, child)
        pairs = [(code, child_node if code == child else _node(stored.get(code))) for code in page]
        row = stored.get(unit)
        total = kept.get(unit)
        if total is None and child_node is None and row is None:
            made[unit] = None  # nothing kept here or below (its other children: no row)
        else:
            pages = list(row.pages if row is not None else _empty_pages(geography, unit))
            pages[number] = page_hash(pairs)
            below = pages_hash(pages)
            made[unit] = KeptNode(unit_node(unit, total, below), below, tuple(pages))
        child, child_node = unit, _node(made[unit])
    # a sound geography has exactly one root, the top of every path
    return tree_root(geography, contest, None, [(child, child_node)]), made


def read_codes(geography: Geography, unit: str, shown: Collection[str]) -> set[str]:
    """The rows `read_root` reads for a read of `unit` showing `shown` just below it: its own,
    the others on the pages `shown` lies in, and the path's above it (`path_codes`)."""
    wanted = {unit, *path_codes(geography, unit)}
    children = geography.children(unit)
    for number in {children.index(code) // PAGE_SIZE for code in shown}:
        wanted.update(children[number * PAGE_SIZE : (number + 1) * PAGE_SIZE])
    return wanted


def read_root(
    geography: Geography,
    contest: str,
    unit: str,
    *,
    made: Mapping[str, Node],
    kept: Mapping[str, Running | None],
    stored: Mapping[str, KeptNode],
) -> str:
    """The running root of `contest` a read of `unit` leads to: `made`, the nodes of what it
    shows (`unit` itself if a station, else the units just below it it shows, by code); `kept`,
    the kept totals of `unit` and the units above it; `stored`, the rows `read_codes` names
    (a row missing is a null node). Of `unit`'s pages, those holding what it shows are made from
    it and the others taken from its row: a page of a city's 3,508 stations hashes its 100,
    never the 3,508."""
    if geography.kind(unit) is UnitKind.STATION:
        node = made.get(unit)
    else:
        children = geography.children(unit)
        row = stored.get(unit)
        total = kept.get(unit)
        if total is None and row is None and all(n is None for n in made.values()):
            node = None
        else:
            pages = list(row.pages if row is not None else _empty_pages(geography, unit))
            for number in {children.index(code) // PAGE_SIZE for code in made}:
                page = children[number * PAGE_SIZE : (number + 1) * PAGE_SIZE]
                pages[number] = page_hash(
                    [
                        (code, made[code] if code in made else _node(stored.get(code)))
                        for code in page
                    ]
                )
            node = unit_node(unit, total, pages_hash(pages))
    return path_tree(geography, contest, unit, node, kept=kept, stored=stored)[0]


def whole_tree(
    geography: Geography,
    contest: str,
    *,
    kept: Mapping[str, Running],
    sheets: Mapping[str, TallySheet],
) -> tuple[str, dict[str, KeptNode | None]]:
    """The running root of `contest` and every row of its tree made whole, from the kept totals
    of its units and its stations' sheets (by code): what an import, a void or a definition's
    recount remakes, and what a report's path made row by row must equal."""
    rows: dict[str, KeptNode | None] = {}
    for code in reversed(geography.top_down):  # each unit after those below it
        if geography.kind(code) is UnitKind.STATION:
            node = station_node(code, sheets.get(code))
            rows[code] = None if node is None else KeptNode(node)
            continue
        below = geography.children(code)
        children = [(child, _node(rows[child])) for child in below]
        if kept.get(code) is None and all(n is None for _, n in children):
            rows[code] = None
            continue
        pages = tuple(
            page_hash(children[at : at + PAGE_SIZE]) for at in range(0, len(children), PAGE_SIZE)
        )
        hashed = pages_hash(pages)
        rows[code] = KeptNode(unit_node(code, kept.get(code), hashed), hashed, pages)
    top = geography.top_down[0]
    return tree_root(geography, contest, None, [(top, _node(rows[top]))]), rows


def _node(row: KeptNode | None) -> Node:
    return None if row is None else row.node


def _page_of(geography: Geography, unit: str, child: str) -> tuple[int, tuple[str, ...]]:
    """The page (counted from 0) of `unit`'s units just below holding `child`, and its codes."""
    children = geography.children(unit)
    number = children.index(child) // PAGE_SIZE
    return number, children[number * PAGE_SIZE : (number + 1) * PAGE_SIZE]


def _empty_pages(geography: Geography, unit: str) -> list[str]:
    """The page hashes of a unit with nothing kept below it (every child null)."""
    children = geography.children(unit)
    return [
        page_hash([(code, None) for code in children[at : at + PAGE_SIZE]])
        for at in range(0, len(children), PAGE_SIZE)
    ]
