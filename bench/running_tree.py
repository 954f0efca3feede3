"""What keeping the totals tree current at each report would cost the intake (the design for an
uncertified round's reads in docs/formats.md, "An uncertified round's totals tree").

    .venv/bin/python bench/running_tree.py [--stations N] [--seed S] [--reports K]

bench/totals.py's night (a synthetic national day shrunk to N stations, its sheets imported
with their running totals) in a SQLite store under the temporary folder, the president's result
certified (which keeps its tree: the nodes a running tree would hold). Then, for K stations of a
typical county and K of the unit with the most stations directly below it (nationally the city
of 3,508, CI-77), alternated, each in a unit of work rolled back:

- baseline: the running totals' update a report makes today (`services.totals.count_sheets`,
  the station's sheets of every contest);
- the path update a report would add, for the president: the station's node from its sheet,
  then each unit above it from its kept total and its children's nodes (the siblings' read
  from the store), the root, and the path's nodes written (`core.supervision.totals_tree`,
  `store.certified_nodes`).

CPU milliseconds, the median of each (the figure to trust on a shared machine). Then what a whole
read (`services.results.tally`: the outcome, the publisher) pays for the certification in force:
its digest recomputed from every sheet (before session 27) and its tree rebuilt from the kept
totals (`services.certified_inputs.check_certified_totals`, since).

Session 28 (format 2, the paged `below`): the paged path, held to the logged root from what is
stored and made again with the sheet (`core.supervision.running_tree`, as the intake will), CPU
ms beside the same run's running totals' update, load 7–9: 5,000 stations, a typical village
2.47 (totals 2.67, the flat path 2.27), CI-77's 299 stations 2.24 (totals 2.26, flat 3.04); the
held check passes at every station (the path made from the rows leads to the certification's
root). The core alone at a city of 3,508 stations (104 rows): 0.35 ms, the flat list's hash
alone 2.6 ms (its 3,507 rows' read was most of the 19.7 ms below).

Measured (session 27, the machine shared, load 4–5), CPU ms: 5,000 stations, a typical village
2.23 (totals) / 2.55 (tree path, one contest), CI-77's 299 stations 2.03 / 2.86; nationally
(58,640, ~6 min in all), a typical city 1.97 / 1.98, **CI-77's 3,508 stations 2.31 / 19.74**; a
whole read's digest 567 ms, the kept totals held to the tree 1,359 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sandogh.core.counting.running import Place, Scope
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import UnitKind
from sandogh.core.log import EventType
from sandogh.core.supervision.running_tree import KeptNode, path_codes, path_tree
from sandogh.core.supervision.totals_tree import (
    PAGE_SIZE,
    below_hash,
    page_hash,
    station_node,
    tree_root,
    unit_node,
)
from sandogh.formats.definition_file import canonical_bytes, definition_hash
from sandogh.services.certified_inputs import check_certified, check_certified_totals
from sandogh.services.days import day_of
from sandogh.services.elections import load_election
from sandogh.services.recorded_decisions import recorded_decisions
from sandogh.services.results import import_results
from sandogh.services.totals import count_sheets
from sandogh.store.engine import make_engine
from sandogh.store.schema import init_database
from sandogh.store.unit_of_work import SqlUnitOfWork
from totals import NIGHT, Night, certified, night


def cpu_ms(work: Callable[[], object]) -> float:
    start = time.process_time()
    work()
    return (time.process_time() - start) * 1000


def flat_update(work: SqlUnitOfWork, day: Night, station: str, contest: str) -> str:
    """The nodes from `station` up to the root of `contest`'s tree made again with format 1's
    flat `below` (every sibling's node read) and written; the root."""
    geography: Geography = day.geography
    election = day.election.id
    path = [station, *geography.ancestors(station)]  # up to the nation
    siblings = {child for code in path[1:] for child in geography.children(code)} - set(path)
    stored = work.certifications.tree_nodes(election, contest, siblings)
    kept = work.totals.read(election, Scope.UNIT, path[1:], (contest,))
    sheet = next((s for s in day.sheets[station] if s.contest == contest), None)
    made: dict[str, tuple[str, str | None]] = {station: (station_node(station, sheet), None)}
    for code in path[1:]:
        children = [
            (child, (made.get(child) or stored.get(child) or ("", None))[0])
            for child in geography.children(code)
        ]
        below = below_hash(children, paged=False)
        made[code] = (unit_node(code, kept.get(Place(contest, Scope.UNIT, code)), below), below)
    root = tree_root(geography, contest, None, [(path[-1], made[path[-1]][0])])
    work.certifications.keep_tree(election, contest, made)
    return root


def paged_update(
    work: SqlUnitOfWork,
    day: Night,
    station: str,
    contest: str,
    *,
    pages: dict[str, tuple[str, ...]],
    logged: str,
) -> str:
    """What the intake does with format 2 (`core.supervision.running_tree`): the path's rows and
    its pages' siblings read, the path made from what is stored and held to the last `logged`
    root (here the certification's: over the nation, the same), made again with the station's
    sheet, and written; the root. The page hashes, not yet
    a column, are taken from `pages` (one more column of rows read)."""
    geography = day.geography
    election = day.election.id
    rows = work.certifications.tree_nodes(election, contest, path_codes(geography, station))
    stored = {c: KeptNode(n or "", b, pages.get(c, ())) for c, (n, b) in rows.items()}
    above = geography.ancestors(station)
    read = work.totals.read(election, Scope.UNIT, above, (contest,))
    kept = {code: read.get(Place(contest, Scope.UNIT, code)) for code in above}
    sheet = next((s for s in day.sheets[station] if s.contest == contest), None)
    held, _ = path_tree(
        geography,
        contest,
        station,
        stored[station].node if station in stored else None,
        kept=kept,
        stored=stored,
    )
    if held != logged:
        raise SystemExit(f"the path of {station} does not lead to the logged root")
    root, made = path_tree(
        geography, contest, station, station_node(station, sheet), kept=kept, stored=stored
    )
    work.certifications.keep_tree(
        election,
        contest,
        {c: (None, None) if r is None else (r.node, r.below) for c, r in made.items()},
    )
    return root


def kept_pages(
    uow: Callable[[], SqlUnitOfWork], day: Night, contest: str
) -> tuple[dict[str, tuple[str, ...]], str]:
    """Each unit's page hashes as the running tree keeps them, made from the certified tree's
    stored nodes, and the root the certification's entry logged."""
    geography = day.geography
    with uow() as work:
        nodes = work.certifications.tree_nodes(day.election.id, contest, geography.top_down)
        (entry,) = work.events.of_type(EventType.RESULT_CERTIFIED, day.election.id)
    pages = {
        unit: tuple(
            page_hash([(c, nodes.get(c, (None, None))[0]) for c in below[at : at + PAGE_SIZE]])
            for at in range(0, len(below), PAGE_SIZE)
        )
        for unit in geography.top_down
        if geography.kind(unit) is not UnitKind.STATION and (below := geography.children(unit))
    }
    return pages, str(entry.event.details["totals_root"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stations", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1403)
    parser.add_argument("--reports", type=int, default=20)
    args = parser.parse_args()
    day = night(argparse.Namespace(stations=args.stations, seed=args.seed, reports=0))
    geography = day.geography
    inner = [c for c in geography.top_down if geography.kind(c) is not UnitKind.STATION]
    crowded = max(
        inner,
        key=lambda c: (sum(geography.kind(x) is UnitKind.STATION for x in geography.children(c)),),
    )
    crowded_stations = [
        c for c in geography.children(crowded) if geography.kind(c) is UnitKind.STATION
    ]
    typical_county = geography.parent(day.typical) or ""
    typical_stations = [c for c in geography.stations_under(typical_county) if c in day.sheets] or [
        day.typical
    ]
    with tempfile.TemporaryDirectory(prefix="sandogh-running-tree-") as scratch:
        url = f"sqlite:///{Path(scratch) / 'tree.sqlite'}"
        init_database(url)
        engine = make_engine(url)

        def uow() -> SqlUnitOfWork:
            return SqlUnitOfWork(engine, now=NIGHT)

        election = day.election
        load_election(
            uow,
            election,
            definition_hash=definition_hash(election),
            canonical=canonical_bytes(election),
            now=NIGHT,
        )
        every = [s for _, sheets in sorted(day.sheets.items()) for s in sheets]
        print(f"… importing {len(every):,} sheets, certifying", file=sys.stderr, flush=True)
        import_results(uow, election.id, every, now=NIGHT)
        certified(uow, day)
        contest = election.contests[0].id
        pages, logged = kept_pages(uow, day, contest)
        figures: dict[str, list[float]] = {}
        for name, stations in (
            (f"typical ({typical_county})", typical_stations),
            (f"most stations below ({crowded}: {len(crowded_stations):,})", crowded_stations),
        ):
            for station in stations[: args.reports]:

                def totals(station: str = station) -> None:
                    with uow() as work:
                        count_sheets(work, day_of(work, election.id), day.sheets[station])

                def flat(station: str = station) -> None:
                    with uow() as work:
                        flat_update(work, day, station, contest)

                def paged(station: str = station) -> None:
                    with uow() as work:
                        paged_update(work, day, station, contest, pages=pages, logged=logged)

                figures.setdefault(f"{name}: totals update (baseline)", []).append(cpu_ms(totals))
                figures.setdefault(f"{name}: flat tree path, one contest", []).append(cpu_ms(flat))
                figures.setdefault(f"{name}: paged path, held and made", []).append(cpu_ms(paged))
        with uow() as work:  # what a whole read pays for the certification in force (F7)
            stored_day = day_of(work, election.id)
            recorded = recorded_decisions(work, election.id)
            sheets = list(work.tallies.all(election.id))
            for _ in range(3):
                figures.setdefault("whole read: the digest held (baseline)", []).append(
                    cpu_ms(lambda: check_certified(stored_day, recorded, sheets, contests=None))
                )
                figures.setdefault("whole read: the kept totals held to the tree", []).append(
                    cpu_ms(lambda: check_certified_totals(work, stored_day, recorded, sheets))
                )
        print(f"{len(day.sheets):,} stations; CPU ms, median of {args.reports} (whole reads: 3)")
        for name, each in figures.items():
            print(f"{name:70} {statistics.median(each):8.2f}")
        engine.dispose()


if __name__ == "__main__":
    main()
