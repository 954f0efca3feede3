"""The centre's intake of the national night's final reports, profiled in one process.

    python night_intake.py [--kept FOLDER] [--reports N] [--warm W] [--top K] [--json]

The kept national preparation's store (bench/night_nation.py; `--kept` names its folder, else it
is found, or made, as bench/night.py --national does) is copied under the temporary folder, and
its first W + N signed final reports (the night's order) are taken by `services.ingest`'s
`ingest_report`, each in its own transaction as the centre's route takes it, the W first
untimed (the caches the centre's worker has warm at night: the definition's day, the record's
coverage), the N others under cProfile. Printed: the CPU milliseconds a report (the process's
clock, with and without the profiler) and the parts of `_ingest` by their cumulative time,
scaled to the profiler-free CPU a report, so the parts add up to the figure a report costs.
What the figure leaves out beside bench/night.py's centre (68.8 ms a report in session 29): the
HTTP request (uvicorn, FastAPI's layers, the JSON answer) and the centre's other work at night.

Measured (session 29, the kept national preparation of revision 0027, 30 reports after 5, load
1.7–2.1, the two codes alternated twice): 40.9 / 44.0 ms of CPU a report before, of which the
check that the log records no report of the station already (`refuse_unstored`) 20.6 / 21.9 ms:
SQLite read it by the (type, sequence) index for its ORDER BY, every `report-accepted` entry of
the nation, not the station's one by (type, place). With the rows put in order in Python
(`store.event_log.of_types`): 14.1 / 15.5 ms a report; what remains (ms, of 15.5): the trees'
hold 2.8 and remaking 2.6, comparing the papers with the check-ins 2.7 (here four incidents a
report: the bench's boxes checked in no one), the counting 1.1, the commit 1.1, the signatures
0.9, the rest under 0.6 each — every one a check or the report's own writing. The first report
of a process 659 ms (the definition's day and the record's coverage read once).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime
import json
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import night_nation
from sandogh.services.ingest import ingest_report
from sandogh.store.engine import make_engine
from sandogh.store.unit_of_work import SqlUnitOfWork

#: the parts of a report's intake, by the function that makes each (`services.ingest._ingest`)
PARTS = (
    "decode_signed",
    "decode_report",
    "verified",
    "refuse_unstored",
    "build_refusal",
    "stored_calendar",
    "require_e2e_as_mode",
    "frozen_sheets",
    "clashes",
    "nonconforming",
    "reconcile_sheets",
    "ensure_trees",
    "hold_trees",
    "count_sheets",
    "add_many",
    "remake_trees",
    "attest",
    "compare_papers",
    "close_mismatch",
    "late_arrival",
    "record",
    "commit",
)


def kept_folder(given: str | None) -> night_nation.Prepared:
    if given is None:
        return night_nation.prepared(None, workers=2, fresh=False)
    folder = Path(given)
    figures = json.loads((folder / night_nation.FIGURES).read_text())
    return night_nation.Prepared(folder, figures)


def parts_of(stats: pstats.Stats) -> dict[str, float]:
    """Each part's cumulative seconds: the function of that name called from `_ingest` (or, for
    `commit`, from `ingest_report`)."""
    seconds: dict[str, float] = {}
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    for (_, _, name), (_, _, _, _, callers) in raw.items():
        if name not in PARTS:
            continue
        for (_, _, caller), (_, _, _, cumulative) in callers.items():
            if caller in {"_ingest", "_verified_new", "ingest_report"}:
                seconds[name] = seconds.get(name, 0.0) + cumulative
    return seconds


def run(args: argparse.Namespace, scratch: Path) -> dict[str, Any]:
    kept = kept_folder(args.kept)
    shutil.copyfile(kept.folder / night_nation.STORE, scratch / night_nation.STORE)
    reports = kept.finals(args.warm + 2 * args.reports)
    engine = make_engine(f"sqlite:///{scratch / night_nation.STORE}")

    def uow() -> SqlUnitOfWork:
        return SqlUnitOfWork(engine, now=datetime.datetime.now(datetime.UTC))

    def take(batch: list[bytes]) -> float:
        started = time.process_time()
        for data in batch:
            ingest_report(uow, signed=data, now=datetime.datetime.now(datetime.UTC))
        return time.process_time() - started

    try:
        warm = take(reports[: args.warm])
        plain = take(reports[args.warm : args.warm + args.reports])
        profile = cProfile.Profile()
        profiled = profile.runcall(take, reports[args.warm + args.reports :])
    finally:
        engine.dispose()
    stats = pstats.Stats(profile)
    parts = parts_of(stats)
    total = sum(v[3] for k, v in stats.stats.items() if k[2] == "ingest_report")  # type: ignore[attr-defined]
    scale = 1000 * plain / args.reports / max(total / args.reports, 1e-9)
    if args.top:
        stats.sort_stats("cumulative").print_stats(args.top)
    return {
        "reports": args.reports,
        "warm_ms_a_report": 1000 * warm / max(1, args.warm),
        "cpu_ms_a_report": 1000 * plain / args.reports,
        "profiled_cpu_ms_a_report": 1000 * profiled / args.reports,
        "parts_ms_a_report": {
            name: round(scale * parts[name] / args.reports, 2) for name in PARTS if name in parts
        },
        "parts_sum_ms": round(scale * sum(parts.values()) / args.reports, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--kept", help="the kept preparation's folder (default: found or made)")
    parser.add_argument("--reports", type=int, default=30, help="reports timed, and profiled")
    parser.add_argument("--warm", type=int, default=5, help="reports taken first, untimed")
    parser.add_argument("--top", type=int, default=0, help="print the profile's K first lines")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sandogh-intake-") as scratch:
        figures = run(args, Path(scratch))
    print(json.dumps(figures, indent=2) if args.json else figures, file=sys.stdout)


if __name__ == "__main__":
    main()
