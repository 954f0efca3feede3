"""The certified totals tree (`core.supervision.totals_tree`, docs/formats.md): known answers
for its three kinds of node from the JSON the document specifies, written out here by hand, and
the tree of a small election: every node of its scope, its root from its parts, and a change of
any figure, kept or reported, changing the root."""

from __future__ import annotations

import hashlib
from dataclasses import replace

from sandogh.core.counting.running import Running
from sandogh.core.counting.tally import Counts, InvalidKind, TallySheet
from sandogh.core.definition.geography import Geography
from sandogh.core.supervision.totals_tree import (
    PAGE_SIZE,
    below_hash,
    page_hash,
    pages_hash,
    scope_codes,
    station_node,
    totals_tree,
    tree_root,
    unit_node,
    unit_of,
)
from tests.services.build import ROUND_2_DAY, ST_1, ST_2, ST_3

GEOGRAPHY = Geography.of(ROUND_2_DAY)


def _sha(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def _counts(a: int, b: int) -> Counts:
    return Counts(
        papers_received=10,
        papers_used=a + b + 1,
        papers_unused=10 - a - b - 1,
        cast=a + b + 1,
        valid=a + b,
        invalid={InvalidKind.BLANK: 1, InvalidKind.CROSSED_OUT: 0},
        votes={"21": a, "25": b},
    )


SHEETS = {
    station: TallySheet(station, "president", _counts(a, b))
    for station, (a, b) in {ST_1: (3, 1), ST_2: (2, 2), ST_3: (1, 0)}.items()
}


def test_a_station_node_is_the_hash_of_its_documented_json() -> None:
    expected = (
        '{"sheet":{"cast":5,"invalid":{"blank":1},"papers_received":10,"papers_spoiled":0,'
        '"papers_unused":5,"papers_used":5,"station":"ST-0801-0001","valid":4,"void":0,'
        '"votes":{"21":3,"25":1}},"station":"ST-0801-0001"}'
    )
    assert station_node(ST_1, SHEETS[ST_1]) == _sha(expected)
    assert station_node(ST_1, None) is None  # nothing kept there: null (format 2)
    flat = _sha('{"sheet":null,"station":"ST-0801-0001"}')
    assert station_node(ST_1, None, paged=False) == flat  # format 1 hashed it


def test_a_unit_node_leaves_out_zeros_and_the_root_names_its_scope() -> None:
    kept = Running(replace(_counts(5, 0), votes={"21": 5, "25": 0}), 2)
    pairs = [(ST_1, "sha256:" + "1" * 64), (ST_2, "sha256:" + "2" * 64)]
    flat = _sha(
        '[["ST-0801-0001","sha256:' + "1" * 64 + '"],["ST-0801-0002","sha256:' + "2" * 64 + '"]]'
    )
    below = below_hash(pairs)
    assert below == _sha('[[1,"' + flat + '"]]')  # one page
    assert below_hash(pairs, paged=False) == flat  # format 1: a certification naming none
    expected = (
        '{"below":"' + below + '","totals":{"cast":6,"invalid":{"blank":1},'
        '"papers_received":10,"papers_spoiled":0,"papers_unused":4,"papers_used":6,'
        '"reported":2,"valid":5,"void":0,"votes":{"21":5}},"unit":"IR-08-0801"}'
    )
    assert unit_node("IR-08-0801", kept, below) == _sha(expected)
    empty = below_hash([])
    assert empty == _sha("[]") == below_hash([], paged=False)
    assert unit_node("IR-08-0801", None, empty) == _sha(
        '{"below":"' + empty + '","totals":null,"unit":"IR-08-0801"}'
    )
    root = tree_root(GEOGRAPHY, "parliament", "P1", [("IR-08-0801", "sha256:" + "3" * 64)])
    assert root == _sha(
        '{"constituency":"P1","contest":"parliament","election":"kerman-1403-r2",'
        '"parts":[["IR-08-0801","sha256:' + "3" * 64 + '"]]}'
    )


def _kept() -> dict[str, Running]:
    counties = {"IR-08-0801": (ST_1, ST_2), "IR-08-0802": (ST_3,)}
    kept = {}
    for county, stations in counties.items():
        a = sum(SHEETS[s].counts.votes["21"] for s in stations)
        b = sum(SHEETS[s].counts.votes["25"] for s in stations)
        kept[county] = Running(Counts(votes={"21": a, "25": b}), len(stations))
    kept["IR-08"] = kept["IR"] = Running(Counts(votes={"21": 6, "25": 3}), 3)
    return kept


def test_the_tree_of_the_whole_contest_holds_every_node_and_changes_with_any_figure() -> None:
    root, nodes = totals_tree(GEOGRAPHY, "president", None, kept=_kept(), sheets=SHEETS)
    assert list(nodes) == list(reversed(scope_codes(GEOGRAPHY, "president", None)))
    assert set(nodes) == {"IR", "IR-08", "IR-08-0801", "IR-08-0802", ST_1, ST_2, ST_3}
    below = below_hash([(ST_1, nodes[ST_1][0]), (ST_2, nodes[ST_2][0])])
    county = unit_node("IR-08-0801", _kept()["IR-08-0801"], below)
    assert nodes["IR-08-0801"] == (county, below)
    assert nodes[ST_1] == (station_node(ST_1, SHEETS[ST_1]), None)
    assert root == tree_root(GEOGRAPHY, "president", None, [("IR", nodes["IR"][0])])
    moved = {**SHEETS, ST_2: replace(SHEETS[ST_2], counts=_counts(1, 3))}
    assert totals_tree(GEOGRAPHY, "president", None, kept=_kept(), sheets=moved)[0] != root
    kept = {**_kept(), "IR-08": Running(Counts(votes={"21": 5, "25": 4}), 3)}
    assert totals_tree(GEOGRAPHY, "president", None, kept=kept, sheets=SHEETS)[0] != root


def test_a_constituency_s_tree_is_made_of_its_parts_alone() -> None:
    root, nodes = totals_tree(GEOGRAPHY, "parliament", "P1", kept=_kept(), sheets={})
    assert set(nodes) == {"IR-08-0801", ST_1, ST_2}
    part = nodes["IR-08-0801"][0]
    assert root == tree_root(GEOGRAPHY, "parliament", "P1", [("IR-08-0801", part)])


def test_below_is_paged_as_the_reads_page_the_units_below() -> None:
    pairs = [(f"ST-{n:04}", "sha256:" + f"{n:064x}") for n in range(2 * PAGE_SIZE + 1)]
    first, second, third = pairs[:PAGE_SIZE], pairs[PAGE_SIZE : 2 * PAGE_SIZE], pairs[-1:]
    one = '[["' + '"],["'.join('","'.join(pair) for pair in first) + '"]]'
    assert page_hash(first) == _sha(one)
    pages = [page_hash(first), page_hash(second), page_hash(third)]
    assert (
        below_hash(pairs)
        == pages_hash(pages)
        == _sha('[[1,"' + pages[0] + '"],[2,"' + pages[1] + '"],[3,"' + pages[2] + '"]]')
    )
    assert below_hash(pairs, paged=False) == page_hash(pairs) != below_hash(pairs)
    moved = [*first[:-1], pairs[PAGE_SIZE], first[-1], *pairs[PAGE_SIZE + 1 :]]
    assert below_hash(moved) != below_hash(pairs)  # a unit moved across a page's edge


def test_where_nothing_is_kept_the_node_is_null() -> None:
    """A loaded election's tree is all null, kept as no rows; a unit is null while it holds no
    kept total and nothing below it is kept, and its page lists its null children."""
    root, nodes = totals_tree(GEOGRAPHY, "president", None, kept={}, sheets={})
    assert set(nodes.values()) == {(None, None)}
    assert root == tree_root(GEOGRAPHY, "president", None, [("IR", None)])
    assert root == _sha(
        '{"constituency":null,"contest":"president","election":"kerman-1403-r2",'
        '"parts":[["IR",null]]}'
    )
    one = {ST_1: SHEETS[ST_1]}
    _, nodes = totals_tree(GEOGRAPHY, "president", None, kept=_kept(), sheets=one)
    pairs = [(ST_1, station_node(ST_1, SHEETS[ST_1])), (ST_2, None)]
    assert nodes["IR-08-0801"] == unit_of("IR-08-0801", _kept()["IR-08-0801"], pairs)
    assert nodes["IR-08-0801"][1] == _sha('[[1,"' + page_hash(pairs) + '"]]')
    assert page_hash(pairs) == _sha(
        '[["ST-0801-0001","' + str(pairs[0][1]) + '"],["ST-0801-0002",null]]'
    )
    assert unit_of("IR-08-0802", None, [(ST_3, None)]) == (None, None)
    assert unit_of("IR-08-0802", None, [(ST_3, None)], paged=False)[0] is not None
