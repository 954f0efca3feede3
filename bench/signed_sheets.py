"""What the publisher pays to hold each station's sheets to its signed final report.

    .venv/bin/python bench/signed_sheets.py [--stations N] [--repeat R] [--seed S]

The night of bench/publish.py (a synthetic national day shrunk to N stations, a signed final
report with its sheets stored for each but two) in a SQLite store under the temporary folder;
then, R times, alternated, each in one read: every final report read (the baseline: what a
regeneration reads anyway to publish them), every sheet read, the sheets held to the reports
(`services.signed_sheets.hold_to_reports`: a report's hash, its decoding, its signatures and its
sheets against the stored ones), the election's `report-accepted` entries read by type through
the log's index and each report held to its entry's hash (`services.logged_reports`), and the
whole read of the election (`services.results.tally`)
without and with it. CPU seconds (the figure to trust on a shared machine), and per report.

Measured (session 27, 2,000 stations, four contests a station, the machine shared, load 4–6), CPU
a report: reading the reports 0.009 ms, the sheets 0.046, holding them 0.049 (a checked read of
every report with its three signatures verified was 0.91); tally 0.088, tally signed 0.147.
With the reports held to the log too (5,000 stations, load ~7.7): reading the report-accepted
entries 0.024 ms a report, holding the reports to them 0.002; tally 0.099, tally signed 0.193.
"""

from __future__ import annotations

import argparse
import datetime
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import nation
from publish import held_back, shrink, store_night
from sandogh.core.counting.tally import TallySheet
from sandogh.core.definition.model import UnitKind
from sandogh.services.logged_reports import election_logged, hold_to_log
from sandogh.services.results import tally
from sandogh.services.signed_sheets import hold_to_reports
from sandogh.store.engine import make_engine
from sandogh.store.schema import init_database
from sandogh.store.unit_of_work import SqlUnitOfWork


def cpu(work: Callable[[], object]) -> float:
    start = time.process_time()
    work()
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stations", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1403)
    args = parser.parse_args()
    built = nation.build(args.seed)
    election = shrink(built.election, args.stations)
    stations = {u.code for u in election.units if u.kind is UnitKind.STATION}
    sheets: dict[str, list[TallySheet]] = {}
    for sheet in built.sheets():
        if sheet.station in stations:
            sheets.setdefault(sheet.station, []).append(sheet)
    with tempfile.TemporaryDirectory(prefix="sandogh-signed-sheets-") as scratch:
        url = f"sqlite:///{Path(scratch) / 'night.sqlite'}"
        init_database(url)
        engine = make_engine(url)

        def uow() -> SqlUnitOfWork:
            return SqlUnitOfWork(engine, now=datetime.datetime.now(datetime.UTC))

        print(f"… storing {len(sheets):,} stations' reports", file=sys.stderr, flush=True)
        store_night(uow, election, sheets, set(held_back(election)))
        with uow() as work:
            reports = list(work.reports.all(election.id))
            stored = list(work.tallies.all(election.id))
        finals = sum(r.kind == "final" for r in reports)
        figures: dict[str, list[float]] = {}

        def reading_reports() -> None:
            with uow() as work:
                list(work.reports.all(election.id))

        def reading_sheets() -> None:
            with uow() as work:
                list(work.tallies.all(election.id))

        def reading_logged() -> None:
            with uow() as work:
                election_logged(work, election.id)

        with uow() as work:
            logged = election_logged(work, election.id)

        def tallying(*, signed: bool) -> None:
            with uow() as work:
                tally(work, election.id, signed=signed)

        steps: dict[str, Callable[[], object]] = {
            "read every report (baseline)": reading_reports,
            "read every sheet": reading_sheets,
            "hold the sheets to the reports": lambda: hold_to_reports(election, stored, reports),
            "read the logged hashes": reading_logged,
            "hold the reports to the log": lambda: hold_to_log(election, reports, logged),
            "tally": lambda: tallying(signed=False),
            "tally, signed": lambda: tallying(signed=True),
        }
        for _ in range(args.repeat):
            for name, step in steps.items():
                figures.setdefault(name, []).append(cpu(step))
        print(f"{len(stations):,} stations, {finals:,} final reports, {len(stored):,} sheets")
        for name, seconds in figures.items():
            best = min(seconds)
            print(f"{name:34} {best:7.3f} s CPU  {best / finals * 1000:6.3f} ms a report")


if __name__ == "__main__":
    main()
