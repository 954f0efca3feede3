"""What keeping each contest's running totals tree current costs the intake, and what holding a
read to it costs the read (an uncertified round's reads held to the log: docs/formats.md, "An
uncertified round's totals tree"; `services.running_trees`).

    .venv/bin/python bench/running_tree.py [--stations N] [--seed S] [--reports K]

bench/totals.py's night (a synthetic national day shrunk to N stations, its sheets imported with
their running totals and, since session 29, every contest's tree made whole) in a SQLite store
under the temporary folder. Then, for K stations of a typical county and K of the unit with the
most stations directly below it (nationally the city of 3,508, CI-77; at 5,000 stations CI-77's
299), alternated, each in a unit of work rolled back:

- baseline: the running totals' update a report makes (`services.totals.count_sheets`, the
  station's sheets of every contest: what the intake did before the trees);
- the same with the trees, as the intake does now: the roots the log last recorded found
  (`services.totals.ensure_trees`), the station's path of each contest held to them before the
  totals change (`hold_trees`), and made again and written after (`remake_trees`).

Then a unit's read (`services.unit_tally.tally_unit`, every contest, the first page of its units)
of the typical county and of the crowded unit, R times each, and its check alone
(`running_trees.hold_read`, on the rows the read read). CPU milliseconds, the median of each (the
figure to trust on a shared machine).

Session 29, the intake wired (load 6–12), CPU ms, the report's four contests: 5,000 stations, a
typical village 2.03 (totals alone) → 11.80 with the trees, CI-77's 299 stations 1.85 → 11.81;
nationally (`--stations 58640 --reports 10 --reads 5`, ~10 min) a typical city 1.74 → 11.17,
CI-77's 3,508 stations 2.03 → 14.67. Reads: a typical county's page 5.6 (its check 4.5) at
5,000, 7.9 (5.9) nationally; CI-77's first page 21.8 (check 15.2) at 5,000, 23.8 (16.1)
nationally.

Session 28 (format 2, the paged `below`), the path alone for the president, CPU ms beside the
same run's running totals' update, load 7–9: 5,000 stations, a typical village 2.47 (totals
2.67, the flat path 2.27), CI-77's 299 stations 2.24 (totals 2.26, flat 3.04). The core alone at
a city of 3,508 stations (104 rows): 0.35 ms, the flat list's hash alone 2.6 ms. Session 27
(flat `below`), nationally: CI-77's 3,508 stations 2.31 (totals) / 19.74 (tree path, one
contest); a whole read's certification digest 567 ms, the kept totals held to its tree 1,359 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from sandogh.core.counting.running import Scope
from sandogh.core.counting.tally import TallySheet
from sandogh.core.definition.model import UnitKind
from sandogh.formats.definition_file import canonical_bytes, definition_hash
from sandogh.services.days import day_of
from sandogh.services.elections import load_election
from sandogh.services.results import import_results
from sandogh.services.running_trees import hold_read, hold_trees, remake_trees, stations_of
from sandogh.services.totals import count_sheets, ensure_trees
from sandogh.services.unit_tally import PAGE_SIZE, tally_unit
from sandogh.store.engine import make_engine
from sandogh.store.schema import init_database
from sandogh.store.unit_of_work import SqlUnitOfWork
from totals import NIGHT, Night, night


def cpu_ms(work: Callable[[], object]) -> float:
    start = time.process_time()
    work()
    return (time.process_time() - start) * 1000


Figures = dict[str, list[float]]


def reports(
    uow: Callable[[], SqlUnitOfWork], day: Night, name: str, stations: list[str], figures: Figures
) -> None:
    """Each station's report, alternated: the totals' update alone, then with the trees."""
    election = day.election.id
    for station in stations:
        sheets = day.sheets[station]

        def totals(sheets: list[TallySheet] = sheets) -> None:
            with uow() as work:
                count_sheets(work, day_of(work, election), sheets)

        def trees(sheets: list[TallySheet] = sheets) -> None:
            with uow() as work:
                stored = day_of(work, election)
                roots, _ = ensure_trees(work, stored, changing=True)
                change = hold_trees(work, stored, stations_of(sheets), roots)
                count_sheets(work, stored, sheets)
                remake_trees(work, stored, change)

        figures.setdefault(f"{name}: totals update (baseline)", []).append(cpu_ms(totals))
        figures.setdefault(f"{name}: with the trees held and made", []).append(cpu_ms(trees))


def reads(
    uow: Callable[[], SqlUnitOfWork], day: Night, unit: str, times: int, figures: Figures
) -> None:
    """The unit's read (page 1, every contest), and its check alone on the rows it reads."""
    election, geography = day.election.id, day.geography
    codes = (unit, *geography.children(unit)[:PAGE_SIZE])
    stations = {c for c in codes if geography.kind(c) is UnitKind.STATION}
    for _ in range(times):
        with uow() as work:
            figures.setdefault(f"read of {unit} (page 1), every contest", []).append(
                cpu_ms(lambda work=work: tally_unit(work, election, unit, page=1))
            )
        with uow() as work:
            stored = day_of(work, election)
            roots, _ = ensure_trees(work, stored)
            sheets = tuple(work.tallies.of_stations(election, stations))
            rows = [c for c in codes if c not in stations]
            kept = work.totals.read(election, Scope.UNIT, rows)
            contests = [c.id for c in day.election.contests]
            figures.setdefault(f"read of {unit}: its check alone", []).append(
                cpu_ms(
                    partial(
                        hold_read,
                        work,
                        stored,
                        roots,
                        contests=contests,
                        codes=codes,
                        kept=kept,
                        sheets=sheets,
                    )
                )
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stations", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1403)
    parser.add_argument("--reports", type=int, default=20)
    parser.add_argument("--reads", type=int, default=10)
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
        print(f"… importing {len(every):,} sheets", file=sys.stderr, flush=True)
        import_results(uow, election.id, every, now=NIGHT)
        figures: Figures = {}
        typical = f"typical ({typical_county})"
        reports(uow, day, typical, typical_stations[: args.reports], figures)
        most = f"most stations below ({crowded}: {len(crowded_stations):,})"
        reports(uow, day, most, crowded_stations[: args.reports], figures)
        for unit in (typical_county, crowded):
            reads(uow, day, unit, args.reads, figures)
        print(
            f"{len(day.sheets):,} stations; CPU ms, median of {args.reports} (reads: {args.reads})"
        )
        for name, each in figures.items():
            print(f"{name:70} {statistics.median(each):8.2f}")
        engine.dispose()


if __name__ == "__main__":
    main()
