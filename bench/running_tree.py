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
from sandogh.core.supervision.totals_tree import below_hash, station_node, tree_root, unit_node
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


def path_update(work: SqlUnitOfWork, day: Night, station: str, contest: str) -> str:
    """The nodes from `station` up to the root of `contest`'s tree made again and written, as
    the intake would after storing the station's sheets; the root."""
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
        below = below_hash(children)
        made[code] = (unit_node(code, kept.get(Place(contest, Scope.UNIT, code)), below), below)
    root = tree_root(geography, contest, None, [(path[-1], made[path[-1]][0])])
    work.certifications.keep_tree(election, contest, made)
    return root


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
        figures: dict[str, list[float]] = {}
        for name, stations in (
            (f"typical ({typical_county})", typical_stations),
            (f"most stations below ({crowded}: {len(crowded_stations):,})", crowded_stations),
        ):
            for station in stations[: args.reports]:

                def totals(station: str = station) -> None:
                    with uow() as work:
                        count_sheets(work, day_of(work, election.id), day.sheets[station])

                def tree(station: str = station) -> None:
                    with uow() as work:
                        path_update(work, day, station, contest)

                figures.setdefault(f"{name}: totals update (baseline)", []).append(cpu_ms(totals))
                figures.setdefault(f"{name}: tree path, one contest", []).append(cpu_ms(tree))
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
