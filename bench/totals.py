"""The running totals' benchmark (issue 14): reading a unit's results, and what keeping them costs.

    .venv/bin/python bench/totals.py [--stations N] [--db URL] [--seed S] [--reads R]
                                     [--reports K] [--json] [--no-recount]

A synthetic national day (bench/nation.py: 58,640 stations, four contests a ballot) is loaded and
its sheets imported through `services.results.import_results`, which counts the running totals in
the same transaction, all but K stations' sheets. Then, in the same run:

- a unit's results as `sandogh results show` reads them (`services.results.show_results`: the
  unit's totals row and its children's, the first page of them: 100 of a city's 3,508) for a
  unit of each kind (the nation, a province, the county with most stations, a typical county,
  city and village, a station) and those worst for a read (the unit with the most stations
  directly below it, a city of 3,508 nationally, and a station of it; the unit with the most
  units below), of every contest and of one, R times
  each (median and slowest wall time, median CPU time); beside them, the baseline,
  a primary-key row read through a unit of work (the stored definition hash of the election), and
  the full re-aggregation a read was before (`services.results.tally`, once);
- a report's sheets stored (`tallies.add_many` and commit, one unit of work per station) with
  their totals update (`services.totals.count_sheets`) and without, alternating station by
  station over the K held-back stations: the median of each and the difference;
- `sandogh results check-totals` (`services.totals.check_totals`): the full recount the check is
  (it and the full tally left out with `--no-recount`);
- with `--certify`, the president's result certified by the national board (its time) and every
  read above again: each now checks the rows it reads against the certification's totals tree
  (`services.certified_tree`).

Machines are shared and noisy: the ratios say more than the figures. The aim (issue 14): any unit
read in under 50 ms.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import gc
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import nation
from publish import held_back, shrink
from sandogh.core.access import Grant, Role
from sandogh.core.counting.tally import TallySheet
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import Election, UnitKind
from sandogh.formats.definition_file import canonical_bytes, definition_hash
from sandogh.server.collector import GC_THRESHOLDS
from sandogh.services.acting import Actor
from sandogh.services.certifications import certify
from sandogh.services.days import day_of
from sandogh.services.elections import load_election
from sandogh.services.results import import_results, show_results, tally
from sandogh.services.totals import check_totals, count_sheets
from sandogh.store.engine import make_engine
from sandogh.store.schema import init_database
from sandogh.store.unit_of_work import SqlUnitOfWork

NIGHT = datetime.datetime(2024, 6, 28, 23, 0, tzinfo=datetime.UTC)


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def timed_both(work: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds of `work`: on a shared machine the CPU is the figure to trust."""
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def spread_of(times: list[float]) -> dict[str, float]:
    return {"median_ms": ms(statistics.median(times)), "max_ms": ms(max(times))}


def wall_and_cpu(times: list[tuple[float, float]]) -> dict[str, float]:
    walls, cpus = [w for w, _ in times], [c for _, c in times]
    return spread_of(walls) | {"cpu_median_ms": ms(statistics.median(cpus))}


def units_to_read(
    geography: Geography, largest_station: str, typical_station: str
) -> dict[str, str]:
    """The units a read is timed for, by what they are: one of each kind, and those worst for a
    read (the most stations directly below, the most units below, the most stations in a
    county); a unit that is more than one of them is read once, under every name it has."""

    def county_of(station: str) -> str:
        for code in geography.ancestors(station):
            if geography.kind(code) is UnitKind.COUNTY:
                return code
        raise LookupError(station)

    def direct_stations(code: str) -> int:
        return sum(geography.kind(c) is UnitKind.STATION for c in geography.children(code))

    def typical(kind: UnitKind) -> str | None:
        of_kind = sorted(
            (len(geography.stations_under(c)), c) for c in inner if geography.kind(c) is kind
        )
        return of_kind[len(of_kind) // 2][1] if of_kind else None

    nation_code = geography.top_down[0]
    inner = [c for c in geography.top_down if geography.kind(c) is not UnitKind.STATION]
    crowded = max(inner, key=lambda c: (direct_stations(c), c))
    named = {
        "nation": nation_code,
        "province": geography.children(nation_code)[0],
        "largest county": county_of(largest_station),
        "typical county": county_of(typical_station),
        "typical city": typical(UnitKind.CITY),
        "typical village": typical(UnitKind.VILLAGE),
        "most stations directly below": crowded,
        "most units below": max(inner, key=lambda c: (len(geography.children(c)), c)),
        "station": typical_station,
        "a station of the most stations below": [
            c for c in geography.children(crowded) if geography.kind(c) is UnitKind.STATION
        ][-1],
    }
    names: dict[str, list[str]] = {}
    for name, code in named.items():
        if code is not None:
            names.setdefault(code, []).append(name)
    return {", ".join(each): code for code, each in names.items()}


@dataclasses.dataclass(frozen=True)
class Night:
    election: Election
    geography: Geography
    sheets: dict[str, list[TallySheet]]  # by station
    typical: str
    largest: str
    held: frozenset[str]  # stored one by one, after the import


def night(args: argparse.Namespace) -> Night:
    say(f"generating the nation (seed {args.seed})")
    built = nation.build(args.seed)
    election = shrink(built.election, args.stations)
    geography = Geography.of(election)
    kept = set(geography.stations)
    by_station: dict[str, list[TallySheet]] = {}
    for sheet in built.sheets():
        if sheet.station in kept:
            by_station.setdefault(sheet.station, []).append(sheet)
    typical, largest = held_back(election)
    stations = sorted(by_station)
    step = max(1, len(stations) // (args.reports + 1))
    held = frozenset(stations[step::step][: args.reports]) - {typical, largest}
    return Night(election, geography, by_station, typical, largest, held)


def reads(
    uow: Callable[[], SqlUnitOfWork],
    day: Night,
    times: int,
    *,
    recount: bool,
    certified: bool = False,
) -> dict[str, Any]:
    election = day.election.id
    pk_reads = []
    for _ in range(times):
        with uow() as work:
            pk_reads.append(timed_both(lambda work=work: work.elections.hash_of(election)))
    figures: dict[str, Any] = {"baseline: primary-key row read": wall_and_cpu(pk_reads)}
    one = day.election.contests[0].id  # the president's: on every ballot
    show_results(uow, election)  # the day kept, as a serving process has it
    for name, code in units_to_read(day.geography, day.largest, day.typical).items():
        below = len(day.geography.children(code))
        for contest in (None, one):
            took = [
                timed_both(
                    lambda code=code, c=contest: show_results(uow, election, unit=code, contest=c)
                )
                for _ in range(times)
            ]
            label = f"results show: {name} ({below} below), {contest or 'every contest'}"
            label += ", certified" if certified else ""
            figures[label] = wall_and_cpu(took)
            say(f"  {label}: {figures[label]}")
    if not recount:
        return figures

    def full() -> None:
        with uow() as work:
            tally(work, election)

    say("the full re-aggregation, as every read was before …")
    figures["before: full tally (services.results.tally)"] = {"once_ms": ms(timed(full))}
    return figures


def stores(uow: Callable[[], SqlUnitOfWork], day: Night) -> dict[str, Any]:
    """The held stations' sheets stored one unit of work each, alternately with their totals
    update and without; then, untimed, the totals of those stored without (a read of a unit
    above them refuses totals that are not the sum of its stations' sheets)."""
    election = day.election.id
    with_totals: list[float] = []
    without: list[float] = []
    for n, station in enumerate(sorted(day.held)):
        sheets = day.sheets[station]

        def store(*, counted: bool, sheets: list[TallySheet] = sheets) -> None:
            with uow() as work:
                if counted:
                    count_sheets(work, day_of(work, election), sheets)
                work.tallies.add_many(election, sheets)
                work.commit()

        if n % 2:
            with_totals.append(timed(lambda store=store: store(counted=True)))
        else:
            without.append(timed(lambda store=store: store(counted=False)))
    uncounted = [s for n, st in enumerate(sorted(day.held)) if not n % 2 for s in day.sheets[st]]
    with uow() as work:
        count_sheets(work, day_of(work, election), uncounted)
        work.commit()
    return {
        "a report's sheets stored, without totals": spread_of(without),
        "a report's sheets stored, with totals": spread_of(with_totals),
        "a report's totals update (median difference)_ms": ms(
            statistics.median(with_totals) - statistics.median(without)
        ),
        "stored without totals": len(without),
    }


def certified(uow: Callable[[], SqlUnitOfWork], day: Night) -> None:
    """The national board certifies the president's result (every station has reported)."""
    board = Actor("bench", Grant(Role.SUPERVISOR, day.geography.top_down[0]))
    contest = day.election.contests[0].id
    certify(uow, board, day.election.id, contest, reason="bench", reference="bench 1", now=NIGHT)


def run(args: argparse.Namespace, scratch: Path) -> dict[str, Any]:
    day = night(args)
    url = args.db or f"sqlite:///{scratch / 'totals.sqlite'}"
    init_database(url)
    engine = make_engine(url)

    def uow() -> SqlUnitOfWork:
        return SqlUnitOfWork(engine, now=NIGHT)

    figures: dict[str, Any] = {
        "stations": len(day.sheets),
        "sheets": sum(len(v) for v in day.sheets.values()),
        "database": engine.dialect.name,
    }
    load_election(
        uow,
        day.election,
        definition_hash=definition_hash(day.election),
        canonical=canonical_bytes(day.election),
        now=NIGHT,
    )
    imported = [
        s for st, sheets in sorted(day.sheets.items()) if st not in day.held for s in sheets
    ]
    say(f"importing {len(imported):,} sheets with their totals …")
    started = time.perf_counter()
    import_results(uow, day.election.id, imported, now=NIGHT)
    figures["import_s"] = round(time.perf_counter() - started, 2)
    imported.clear()
    gc.collect()
    figures |= reads(uow, day, args.reads, recount=args.recount)
    figures |= stores(uow, day)
    if args.certify:  # once every station has reported
        say("certifying the president's result …")
        figures["certify_s (cpu)"] = round(timed_both(lambda: certified(uow, day))[1], 2)
        figures |= reads(uow, day, args.reads, recount=False, certified=True)
    if not args.recount:
        engine.dispose()
        return figures
    say("check-totals (a full recount) …")
    checked: list[Any] = []
    figures["check-totals_s"] = round(
        timed(lambda: checked.append(check_totals(uow, day.election.id))), 2
    )
    figures["check-totals: figures differing"] = len(checked[0].differences)
    engine.dispose()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--stations", type=int, default=58_640, help="stations kept (default all)")
    parser.add_argument("--db", help="URL of an empty database (default: a new SQLite file)")
    parser.add_argument("--seed", type=int, default=1403, help="the nation's seed")
    parser.add_argument("--reads", type=int, default=20, help="reads of each unit")
    parser.add_argument("--reports", type=int, default=40, help="reports held back and stored")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--certify",
        action="store_true",
        help="certify the president's result (after the held-back stations) and read again",
    )
    parser.add_argument(
        "--no-recount",
        dest="recount",
        action="store_false",
        help="leave out the full tally and check-totals (each a full recount, minutes)",
    )
    args = parser.parse_args()
    gc.set_threshold(*GC_THRESHOLDS)
    with tempfile.TemporaryDirectory(prefix="sandogh-totals-") as scratch:
        figures = run(args, Path(scratch))
    if args.json:
        print(json.dumps(figures, indent=2, ensure_ascii=False))
    else:
        for name, value in figures.items():
            print(f"{name:55} {value}")


if __name__ == "__main__":
    main()
