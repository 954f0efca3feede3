"""The national benchmark: a synthetic national election day loaded, imported, aggregated, decided.

    .venv/bin/python bench/national.py [--db URL] [--seed N] [--keep DIR] [--json]

Each step runs the code the `sandogh` command runs (the real services and `SqlUnitOfWork`) and is
shown beside a baseline measured in the same run on the same database: machines are shared and
noisy, so a ratio says more than a figure (speed targets live here, never in timed tests). The
aim: importing and aggregating the whole nation in under a minute on 2 cores. `--db` must name an
empty database; by default it is a new SQLite file in a temporary folder.

Last measured (CPU seconds; runs of the code before and after a change alternated, each step
beside its baseline in the same run; session 27: after / before / after, load about 2, wall
about CPU):
- load definition: 1.77 / 2.81 / 1.73 s beside json.loads 0.73 / 0.72 / 0.71 = 2.4 / 3.9 / 2.4 x
  in CPU, 3.3 / 4.8 / 2.6 x on the clock (aim at most 3 x: met in CPU; on the clock in the one
  run of the two without a hiccup). A canonical definition is validated once, straight into the
  core values, and its bytes compared with orjson's writing of what it read rather than written
  again from the election (`formats.definition_core_schema`): `parse_definition` 2.3 -> 1.3 s,
  `decode_canonical` 1.85 -> 1.0 (same process, alternated). What is left, one process: orjson
  0.2 s, the validation 0.4, the comparison 0.07, the rules 0.3, storing the units 0.6 (the
  driver's executemany and its commit).
- aggregate every unit (session 27): 4.66 / 4.55 / 4.76 s beside a dict sum 0.68 / 0.70 / 0.71 =
  6.9 / 6.5 / 6.7 x. What it spent, one process: reading the sheets 1.6 s (fetching 0.45, their
  votes' JSON 0.25, the whole-number checks 0.3, building 234,560 sheets 0.6), conformity 0.45,
  the sums 1.3 (~4.6 us a sheet), the units' and constituencies' totals 0.35, freeing the
  sheets 0.45.
- aggregate every unit (session 29; new / old / new / old, load 10-15, wall 2-5 x the CPU):
  3.61 / 4.54 / 3.61 / 4.65 s of CPU beside a dict sum 0.68 / 0.69 / 0.67 / 0.69 = 5.3 / 6.6 /
  5.4 / 6.8 x in CPU (on the clock 7.0 / 7.6 / 7.0 / 4.0 x: a loaded machine's noise; aim 5 x:
  not met, ~0.25 s of CPU short). The outcome (its tally holds every station to its signed
  report, so it still makes sheets) 6.15 / 6.04 / 6.19 / 6.19 s: as before.
  A plain tally (no certification, void or signed report to hold the sheets to) no longer
  makes a sheet of each row: the store yields each as a row (`core.counting.tally.SheetRow`:
  the driver's tuple, its votes decoded; the figures and votes still checked a batch at a time
  and a batch with anything odd read a row at a time, naming the first unreadable), conformity
  walks the rows once (a batch with a problem is made sheets then, and named as before), a
  row's twelve figures are added into its unit's sum a list at a time (`map(add, …)`), each
  unit's invalid kinds with them, and a station's total is made from its row only when read.
  Reading the fetched rows alone, measured apart: 1.1-1.3 s made sheets, 0.5-0.56 s the rows
  checked and paired with their decoded votes. The walk of the units for their sums and
  totals now passes over the 13,902 units above the stations only, not the 72,542 a contest.
  `tally` alone in one process on the bench's store, old and new alternated: 3.9-4.3 s ->
  3.3-3.7 s of CPU.
  Measured and dropped this session, both slower on the same rows (the sums alone, alternated in
  one process): each unit's stations' votes laid over zeros of the union of their codes and
  added as columns (`zip`, `sum`) 1.40-1.47 s against 1.12-1.19 s; a vote dict added in C when
  its codes are all in the total already (`map(total.__getitem__, …)`) 1.52-1.62 against
  1.22-1.31. Parliament's sheets name ~40 of their constituency's candidates each, not the same
  ones (2.3 M of the 3.9 M votes), so columns do not line up; what is left is a dict add a vote
  (the baseline's own work, ~0.7 s) and per-unit work above it.
- aggregate every unit (session 29, later; old / new / old / new, the full bench, load 2-4): 3.27 /
  3.09 / 3.31 / 3.35 s of CPU beside a dict sum 0.70 / 0.73 / 0.71 / 0.71 = 4.7 / 4.2 / 4.7 /
  4.7 x (aim 5 x: met at this load, old code too; session 29's 5.3 x was at load 10-15). `tally`
  alone on the bench's store, old and new alternated in turn (three processes each, two tallies
  a process): 3.12-3.39 -> 2.83-3.07 s of CPU, i.e. 4.4-4.8 -> 4.0-4.3 x the dict sum. What
  went: each sheet's candidates were held to its constituency's one by one (a frozenset's
  `issuperset` a sheet: ~3.9 M codes, a tenth of the tally in the profile); now the union of
  a constituency's sheets' candidates, which its total names (a candidate at 0 votes kept), is
  held to them once (`conformity.by_contest(candidates=False)`, `aggregate_rows`): the same
  check, and a batch that fails it is named whole as before (`conformity.refusal`). Also a
  sum's invalid kinds made in C when none is lacking, and `_UnitTotals.__iter__` without a call
  a unit. What is left (one process, on the clock under cProfile): the vote adds (`_add_into`,
  4.8 M of them: the sheets' 3.9 M and the units' sums merged upwards 0.9 M) ~1.8 s, reading
  (fetchmany 0.6, decoding and checking the batches 0.9), conformity's walk 0.5, the 69,750
  sums above the stations made `Counts` 0.5, freeing it all 0.35. Measured and dropped: each
  station's parent's rows gathered and added a column at a time (`zip(*rows)`, one loop for
  their votes): 0.87-0.99 s the sums either way.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import gc
import json
import multiprocessing
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import nation
from sandogh.cli.database import create_store, open_store
from sandogh.core.definition.model import UnitKind
from sandogh.formats.definition_file import canonical_bytes, load_definition
from sandogh.formats.tally_csv import COLUMNS, FIGURES, load_tally_csv, write_tally_csv
from sandogh.server.collector import GC_THRESHOLDS
from sandogh.services.elections import UnitOfWorkFactory, load_election
from sandogh.services.outcomes import decide_contests
from sandogh.services.results import import_results, tally
from sandogh.store.engine import make_engine
from sandogh.store.url import parse_url

AIM_SECONDS = 60.0
DEFINITION, TALLIES, RAW_TABLE = "nation.json", "nation-results.csv", "bench_raw_tally_sheets"
BASELINES = {
    "json.loads": "json.loads of the definition file",
    "csv parse": "the stdlib csv module splitting every line of the tally CSV",
    "executemany": "the same sheets as rows (figures, votes as JSON text) inserted by the driver's "
    "plain executemany into a bare table, one transaction",
    "dict sum": "every vote added into one dict keyed by (contest, candidate)",
}
Sizes = dict[str, Any]


@dataclass(frozen=True)
class Took:
    """Seconds on the clock and of this process's CPU: on a machine shared by many, the CPU
    seconds of a step and of its baseline are the steadier pair to set side by side."""

    wall: float
    cpu: float

    def __add__(self, other: Took) -> Took:
        return Took(self.wall + other.wall, self.cpu + other.cpu)


Base = tuple[str, Took | None]  # the baseline a step is set beside, and what it took
PlainSheets = dict[tuple[str, str], tuple[list[int], dict[str, int]]]  # figures, votes


@dataclass(frozen=True)
class Figure:
    step: str
    seconds: float
    cpu_seconds: float
    rows: int  # of `unit`, for the rate
    unit: str
    peak_rss_mib: float  # the process's high-water mark when the step ended
    baseline: str
    baseline_seconds: float | None
    baseline_cpu_seconds: float | None

    @property
    def ratio(self) -> float | None:
        return self.seconds / self.baseline_seconds if self.baseline_seconds else None

    @property
    def cpu_ratio(self) -> float | None:
        return self.cpu_seconds / self.baseline_cpu_seconds if self.baseline_cpu_seconds else None


def generate(seed: int, folder: Path) -> Sizes:
    """Write the nation's definition (canonical JSON) and tally CSV into `folder`. Run in a child
    process, so that the measured steps start on a clean heap and their peak memory is theirs."""
    start = time.perf_counter()
    election = (built := nation.build(seed)).election
    (folder / DEFINITION).write_bytes(canonical_bytes(election))
    sheets = list(built.sheets())
    with (folder / TALLIES).open("w", encoding="utf-8", newline="") as stream:
        rows = write_tally_csv(sheets, stream)
    parliament = next(c for c in election.contests if c.id == "parliament")
    return {
        "election": election.id,
        "units": len(election.units),
        "stations": sum(u.kind is UnitKind.STATION for u in election.units),
        "contests": len(election.contests),
        "constituencies": sum(len(c.constituencies) for c in election.contests),
        "candidates": sum(len(c.candidates) for c in election.contests),
        "parliament": f"{len(parliament.candidates):,} in {len(parliament.constituencies)}",
        "sheets": len(sheets),
        "csv_rows": rows,
        "definition_mb": (folder / DEFINITION).stat().st_size / 1e6,
        "csv_mb": (folder / TALLIES).stat().st_size / 1e6,
        "generation_seconds": time.perf_counter() - start,
    }


def timed(work: Callable[[], object]) -> Took:
    gc.collect()  # an earlier step's garbage is not this step's cost
    start, cpu = time.perf_counter(), time.process_time()
    work()
    return Took(time.perf_counter() - start, time.process_time() - cpu)


def say(message: str) -> None:
    print(f"… {message}", file=sys.stderr, flush=True)


# ---- baselines: the same data through the plainest code, nothing checked ---------------------
# Each runs in a fresh child process just before the step it is set beside, so that both meet
# about the same load on a shared machine, and the memory a baseline holds is not in the peaks.


def raw_json(folder: Path) -> Took:
    return timed(lambda: json.loads((folder / DEFINITION).read_bytes()))


def raw_parse(folder: Path) -> Took:
    with (folder / TALLIES).open(encoding="utf-8", newline="") as stream:
        return timed(lambda: sum(1 for _ in csv.reader(stream)))


def read_plainly(folder: Path) -> PlainSheets:
    """The CSV's sheets as plain lists and dicts: what the next baselines start from (untimed)."""
    station, contest, code, votes = map(COLUMNS.index, ("station", "contest", "candidate", "votes"))
    figures = [COLUMNS.index(name) for name in FIGURES]
    sheets: PlainSheets = {}
    with (folder / TALLIES).open(encoding="utf-8", newline="") as stream:
        reader = csv.reader(stream)
        next(reader)
        for row in reader:
            key = (row[station], row[contest])
            if (sheet := sheets.get(key)) is None:
                sheet = sheets[key] = ([int(row[i]) for i in figures], {})
            sheet[1][row[code]] = int(row[votes])
    return sheets


def raw_insert(url: str, folder: Path, election_id: str) -> Took:
    rows = [
        (election_id, station, contest, *figures, json.dumps(votes, separators=(",", ":")))
        for (station, contest), (figures, votes) in read_plainly(folder).items()
    ]
    names = ("election_id", "station", "contest", *FIGURES, "votes")
    types = ("TEXT",) * 3 + ("INTEGER",) * len(FIGURES) + ("TEXT",)
    columns = ", ".join(f'"{name}" {kind}' for name, kind in zip(names, types, strict=True))
    engine = make_engine(url)  # for the same connection settings as the store's
    sqlite = engine.dialect.name == "sqlite"
    marks = ", ".join(("?" if sqlite else "%s") for _ in names)
    connection = engine.raw_connection()  # the driver's own: sqlite3 or psycopg
    try:
        cursor: Any = connection.cursor()
        if sqlite:  # the engine turns sqlite3's implicit transactions off
            cursor.execute("BEGIN")
        cursor.execute(f"CREATE TABLE {RAW_TABLE} ({columns})")
        start, cpu = time.perf_counter(), time.process_time()
        cursor.executemany(f"INSERT INTO {RAW_TABLE} VALUES ({marks})", rows)
        connection.commit()
        took = Took(time.perf_counter() - start, time.process_time() - cpu)
        cursor.execute(f"DROP TABLE {RAW_TABLE}")
        connection.commit()
    finally:
        connection.close()
        engine.dispose()
    return took


def raw_sum(folder: Path) -> Took:
    def add_up(sheets: PlainSheets) -> None:
        totals: dict[tuple[str, str], int] = {}
        for (_, contest), (_, votes) in sheets.items():
            for code, n in votes.items():
                totals[contest, code] = totals.get((contest, code), 0) + n

    plain = read_plainly(folder)
    return timed(lambda: add_up(plain))


# ---- the measured steps, as the `sandogh` command runs them ----------------------------------


def run(url: str, folder: Path, sizes: Sizes, child: Executor) -> list[Figure]:
    election, rows, units = sizes["election"], sizes["csv_rows"], sizes["units"]
    figures: list[Figure] = []

    def beside(baseline: Callable[..., Took], *args: object) -> Took:
        return child.submit(baseline, *args).result()

    def step(name: str, took: Took, n: int, unit: str, base: Base = ("", None)) -> None:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux counts KiB
        name_of, of = base
        figures.append(
            Figure(
                name,
                took.wall,
                took.cpu,
                n,
                unit,
                peak,
                name_of,
                of.wall if of else None,
                of.cpu if of else None,
            )
        )
        say(
            f"{name}: {took.wall:.2f} s ({took.cpu:.2f} s CPU)"
            + (f", {name_of}: {of.wall:.2f} s ({of.cpu:.2f} s CPU)" if of else "")
        )

    step("init schema", timed(lambda: create_store(url)), 0, "")
    store = open_store(url)
    json_s = beside(raw_json, folder)
    loading = timed(lambda: _load(store, folder / DEFINITION))
    step("load definition", loading, units, "units", ("json.loads", json_s))
    parse_s = beside(raw_parse, folder)
    held = []  # the sheets between reading and storing, popped so that they are freed after
    read = timed(lambda: held.append(load_tally_csv(folder / TALLIES)))
    step("read tally CSV", read, rows, "rows", ("csv parse", parse_s))
    insert_s = beside(raw_insert, url, folder, election)
    stored = timed(lambda: import_results(store, election, held.pop(), now=_now()))
    step("store sheets", stored, rows, "rows", ("executemany", insert_s))
    both = ("csv parse + executemany", parse_s + insert_s)
    step("import (read + store)", read + stored, rows, "rows", both)
    sum_s = beside(raw_sum, folder)
    aggregate = timed(lambda: _aggregate(store, election))
    step("aggregate every unit", aggregate, rows, "rows", ("dict sum", sum_s))
    outcome = timed(lambda: decide_contests(store, election))
    n = sizes["constituencies"]
    step("outcome (aggregate + decide)", outcome, n, "constituencies", ("aggregate", aggregate))
    return figures


def _load(store: UnitOfWorkFactory, path: Path) -> None:
    loaded = load_definition(path)
    hashed, canonical = loaded.definition_hash, loaded.canonical
    load_election(store, loaded.valid, definition_hash=hashed, canonical=canonical, now=_now())


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)  # as the command reads the clock


def _aggregate(store: UnitOfWorkFactory, election_id: str) -> None:
    with store() as work:
        tally(work, election_id)


# ---- output -------------------------------------------------------------------------------


#: Issue 14's aims for steps against their baselines: at most this many times the baseline.
RATIO_AIMS = {"load definition": 3.0, "aggregate every unit": 5.0}


def aim(figures: list[Figure]) -> dict[str, Any]:
    seconds = {f.step: f.seconds for f in figures}
    total = seconds["import (read + store)"] + seconds["aggregate every unit"]
    ratios = {
        f.step: {"aim": RATIO_AIMS[f.step], "wall": f.ratio, "cpu": f.cpu_ratio}
        for f in figures
        if f.step in RATIO_AIMS
    }
    return {
        "import_and_aggregate_s": total,
        "aim_s": AIM_SECONDS,
        "met": total < AIM_SECONDS,
        "ratios": ratios,
    }


def print_table(kind: str, seed: int, s: Sizes, figures: list[Figure]) -> None:
    print(f"sandogh national benchmark on {kind}, seed {seed}")
    print(
        f"nation: {s['stations']:,} stations, {s['contests']} contests, {s['candidates']:,} "
        f"candidates ({s['parliament']} constituencies for parliament), {s['sheets']:,} sheets, "
        f"{s['csv_rows']:,} CSV rows; definition {s['definition_mb']:.1f} MB, CSV "
        f"{s['csv_mb']:.1f} MB, generated in {s['generation_seconds']:.1f} s (not measured)\n"
    )
    print(
        f"{'step':<30}{'seconds':>8}{'CPU s':>8}  {'rate':<29}{'peak RSS':>9}  "
        "ratio to a baseline: clock, CPU"
    )
    for f in figures:
        rate = f"{f.rows / f.seconds:>9,.0f} {f.unit}/s" if f.rows else ""
        ratio = (
            f"{f.ratio:6.1f} ×, {f.cpu_ratio or 0:4.1f} × {f.baseline} "
            f"({f.baseline_seconds:.2f} s, {f.baseline_cpu_seconds or 0:.2f} s CPU)"
            if f.ratio
            else ""
        )
        print(
            f"{f.step:<30}{f.seconds:>8.2f}{f.cpu_seconds:>8.2f}  {rate:<29}"
            f"{f.peak_rss_mib:>5,.0f} MiB  {ratio}"
        )
    goal = aim(figures)
    print(
        "\npeak RSS: the process's high-water mark when the step ended\n"
        f"import + aggregate: {goal['import_and_aggregate_s']:.1f} s, aim under "
        f"{AIM_SECONDS:.0f} s: {'met' if goal['met'] else 'missed'}"
    )
    for step, r in goal["ratios"].items():
        verdict = "met" if max(r["wall"], r["cpu"]) <= r["aim"] else "missed"
        print(
            f"{step}: {r['wall']:.1f} × its baseline on the clock, {r['cpu']:.1f} × in CPU; "
            f"aim at most {r['aim']:.0f} ×: {verdict}"
        )
    print("\nbaselines:")
    for name, meaning in BASELINES.items():
        print(f"  {name}: {meaning}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--db", help="URL of an empty database (default: a new SQLite file)")
    parser.add_argument("--seed", type=int, default=1403, help="the nation's seed")
    parser.add_argument("--keep", type=Path, help="keep the definition and CSV in this folder")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    gc.set_threshold(*GC_THRESHOLDS)  # as the `sandogh` command runs
    with tempfile.TemporaryDirectory(prefix="sandogh-national-") as scratch:
        folder: Path = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        url = args.db or f"sqlite:///{Path(scratch) / 'national.sqlite'}"
        say(f"generating the nation (seed {args.seed}) into {folder}")
        spawn = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(1, mp_context=spawn, max_tasks_per_child=1) as child:
            sizes = child.submit(generate, args.seed, folder).result()
            figures = run(url, folder, sizes, child)
    kind = parse_url(url).get_backend_name()
    if args.json:
        steps = [{**asdict(f), "ratio": f.ratio, "cpu_ratio": f.cpu_ratio} for f in figures]
        report = {"database": kind, "seed": args.seed, "sizes": sizes, "steps": steps}
        print(json.dumps({**report, "aim": aim(figures)}, indent=2, ensure_ascii=False))
    else:
        print_table(kind, args.seed, sizes, figures)


if __name__ == "__main__":
    main()
