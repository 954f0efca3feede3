"""A contest's running tree made a report at a time (`core.supervision.running_tree`) is the
tree made whole (`core.supervision.totals_tree`, and `whole_tree` with the page hashes) at every
step: a county of 250 stations (three
pages of its `below`), reports in a shuffled order, each path made from the rows the step
before kept; the path before a report, made from what is stored, leads to the root before it;
a read of a page leads to the root from what it shows and the rows of a page."""

from __future__ import annotations

import random
from dataclasses import replace

from sandogh.core.counting.running import Running
from sandogh.core.counting.tally import Counts, TallySheet
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import UnitKind
from sandogh.core.supervision.running_tree import (
    KeptNode,
    path_codes,
    path_tree,
    read_codes,
    read_root,
    whole_tree,
)
from sandogh.core.supervision.totals_tree import PAGE_SIZE, station_node, totals_tree
from tests.services.build import ROUND_2_DAY, ST_1, _unit

WIDE = "IR-08-0801"
ADDED = tuple(f"ST-0801-{n:04}" for n in range(3, 251))
ELECTION = replace(
    ROUND_2_DAY, units=(*ROUND_2_DAY.units, *(_unit(s, UnitKind.STATION, WIDE) for s in ADDED))
)
GEOGRAPHY = Geography.of(ELECTION)


def _sheet(station: str, n: int) -> TallySheet:
    return TallySheet(station, "president", Counts(cast=n, valid=n, votes={"21": n}))


def _added(totals: dict[str, Running], sheet: TallySheet) -> dict[str, Running]:
    """The kept totals with `sheet` counted: the sum of the votes for 21 (any figures do)."""
    totals = dict(totals)
    for unit in GEOGRAPHY.ancestors(sheet.station):
        was = totals.get(unit, Running(Counts(), 0))
        n = was.counts.votes.get("21", 0) + sheet.counts.votes["21"]
        totals[unit] = Running(Counts(cast=n, valid=n, votes={"21": n}), was.reported + 1)
    return totals


def _kept(reported: dict[str, TallySheet]) -> dict[str, Running]:
    totals: dict[str, Running] = {}
    for sheet in reported.values():
        totals = _added(totals, sheet)
    return totals


def test_a_report_s_path_made_from_a_few_rows_is_the_whole_tree_s() -> None:
    assert len(GEOGRAPHY.children(WIDE)) > 2 * PAGE_SIZE
    stations = list(GEOGRAPHY.stations)
    random.Random(1403).shuffle(stations)
    stored: dict[str, KeptNode] = {}
    reported: dict[str, TallySheet] = {}
    root, whole = totals_tree(GEOGRAPHY, "president", None, kept={}, sheets={})
    after: dict[str, Running] = {}
    for n, station in enumerate(stations, 1):
        wanted = {code: stored[code] for code in path_codes(GEOGRAPHY, station) if code in stored}
        assert len(wanted) <= PAGE_SIZE + len(GEOGRAPHY.ancestors(station))
        before = after
        path = [station, *GEOGRAPHY.ancestors(station)]
        was, _ = path_tree(
            GEOGRAPHY,
            "president",
            station,
            None,
            kept={u: before.get(u) for u in path[1:]},
            stored=wanted,
        )
        assert was == root  # the path before the report leads to the last root
        reported[station] = _sheet(station, n % 7)
        after = _added(before, reported[station])
        root, made = path_tree(
            GEOGRAPHY,
            "president",
            station,
            station_node(station, reported[station]),
            kept={u: after.get(u) for u in path[1:]},
            stored=wanted,
        )
        stored.update((code, row) for code, row in made.items() if row is not None)
        if n in (1, 2, 150, len(stations)):
            whole_root, whole = totals_tree(
                GEOGRAPHY, "president", None, kept=after, sheets=reported
            )
            assert root == whole_root
            assert {c: (r.node, r.below) for c, r in stored.items()} == {
                c: nb for c, nb in whole.items() if nb[0] is not None
            }
            remade, rows = whole_tree(GEOGRAPHY, "president", kept=after, sheets=reported)
            assert remade == root
            assert stored == {c: r for c, r in rows.items() if r is not None}  # pages too


def _take(stored: dict[str, KeptNode], reported: dict[str, TallySheet], station: str) -> str:
    """`station`'s report taken: its path made from the rows and kept; the new root."""
    reported[station] = _sheet(station, 1)
    kept = _kept(reported)
    root, made = path_tree(
        GEOGRAPHY,
        "president",
        station,
        station_node(station, reported[station]),
        kept={u: kept.get(u) for u in GEOGRAPHY.ancestors(station)},
        stored={c: stored[c] for c in path_codes(GEOGRAPHY, station) if c in stored},
    )
    stored.update((code, row) for code, row in made.items() if row is not None)
    return root


def test_a_row_rewritten_with_the_totals_above_does_not_lead_to_the_last_root() -> None:
    """A station's node and the kept totals above it rewritten consistently (what SQL can do):
    the next report's path, made from the rows before it, no longer leads to the last root, on
    the same page of the county and on another (through the county's page hashes)."""
    stored: dict[str, KeptNode] = {}
    reported: dict[str, TallySheet] = {}
    for station in ("ST-0801-0001", "ST-0801-0150", "ST-0802-0001"):
        root = _take(stored, reported, station)
    forged = {**reported, "ST-0801-0150": _sheet("ST-0801-0150", 9)}
    kept = _kept(forged)
    rows = dict(stored)
    rows["ST-0801-0150"] = KeptNode(station_node("ST-0801-0150", forged["ST-0801-0150"]) or "")
    for next_station in ("ST-0801-0120", "ST-0801-0010"):  # its page, then page 1
        path = GEOGRAPHY.ancestors(next_station)
        was, _ = path_tree(
            GEOGRAPHY,
            "president",
            next_station,
            None,
            kept={u: kept.get(u) for u in path},
            stored={c: rows[c] for c in path_codes(GEOGRAPHY, next_station) if c in rows},
        )
        assert was != root
        honest, _ = path_tree(
            GEOGRAPHY,
            "president",
            next_station,
            None,
            kept={u: _kept(reported).get(u) for u in path},
            stored={c: stored[c] for c in path_codes(GEOGRAPHY, next_station) if c in stored},
        )
        assert honest == root


def test_a_read_of_a_page_leads_to_the_root_from_what_it_shows_and_a_few_rows() -> None:
    """A read of the county's page 2 (stations 101–200 of 250): its page hashed from the
    sheets it shows, its other pages taken from its row; a station's sheet shown rewritten, or
    the county's total, no longer leads to the root."""
    reported = {s: _sheet(s, n % 5 + 1) for n, s in enumerate(GEOGRAPHY.stations) if n % 3}
    kept = _kept(reported)
    root, rows = whole_tree(GEOGRAPHY, "president", kept=kept, sheets=reported)
    stored = {c: r for c, r in rows.items() if r is not None}
    shown = GEOGRAPHY.children(WIDE)[PAGE_SIZE : 2 * PAGE_SIZE]
    wanted = read_codes(GEOGRAPHY, WIDE, shown)
    assert len(wanted) <= 1 + PAGE_SIZE + len(path_codes(GEOGRAPHY, WIDE))  # not the 250
    totals = {u: kept.get(u) for u in (WIDE, *GEOGRAPHY.ancestors(WIDE))}

    def read(sheets: dict[str, TallySheet], totals: dict[str, Running | None]) -> str:
        made = {s: station_node(s, sheets.get(s)) for s in shown}
        rows = {c: stored[c] for c in wanted if c in stored}
        return read_root(GEOGRAPHY, "president", WIDE, made=made, kept=totals, stored=rows)

    assert read(reported, totals) == root
    station = next(s for s in shown if s in reported)
    rewritten = {**reported, station: _sheet(station, 6)}
    assert read(rewritten, totals) != root
    assert read(reported, {**totals, WIDE: _kept(rewritten)[WIDE]}) != root
    for station in (ST_1, shown[0]):  # a station's own read: its path
        made = {station: station_node(station, reported.get(station))}
        near = {c: stored[c] for c in read_codes(GEOGRAPHY, station, ()) if c in stored}
        above = {u: kept.get(u) for u in (station, *GEOGRAPHY.ancestors(station))}
        assert (
            read_root(GEOGRAPHY, "president", station, made=made, kept=above, stored=near) == root
        )
