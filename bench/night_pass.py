"""One pass of the night's publisher, timed apart from the night: its fixed part and its part a
report, at the size of bench/night.py's national preparation.

    .venv/bin/python bench/night_pass.py [--stations N | --national] [--sizes 1,10,100] [--repeat R]
                                         [--profile FILE] [--no-hold] [--at TIME] [--keep DIR]
                                         [--json]

The kept preparation of bench/night_nation.py (made first when there is none) is copied, the
publisher catches up from its snapshot as bench/night.py's does, and then for each size N of
`--sizes` (`--repeat` times each) the next N final reports of the night's order are taken by
the centre's own use case (`services.ingest.ingest_reports`, in this process, not timed) and one
`Publisher.poll` writes them and renders their pages: its CPU seconds (this process's, and the
rendering's processes' if any) are the pass's. Fitting `cpu = fixed + N × per_report` over the
sizes gives the two parts (the first passes read what later ones keep: `--repeat 2` shows the
passes of a publisher that has followed the night for a while); then the whole-election files,
which a pass writes at most every `bulk_interval` seconds, are written and timed. With
`--profile`, the passes are profiled (cProfile, CPU) into FILE. Each pass's CPU in the cycle
collector's full collections is given beside it, and the objects they found unreachable; the
publisher holds its state out of them as `sandogh publish --follow` does, unless `--no-hold`.
With `--at` the reports are taken at that time and with `--keep` the snapshot is left in DIR,
so that two versions' snapshots can be compared file by file.

The lag of bench/night.py is a pass's wait and its length: with reports arriving at r a second
and a pass every `interval`, a report waits for the pass after it, and that pass takes
`fixed + r × (interval + pass) × per_report` — so the lag is bounded by the fixed part, and the
part a report sets the cores the peak needs (bench/night_figures.py's `cores_needed`).

Measured nationally (`--national --sizes 1,10`, session 26's final code, the machine otherwise
idle): fixed 7.3 s of CPU a pass, 393 ms a report (passes of 1 and 10: 7.7 and 11.2 s, 97 % of
it rendering: 14 and 82 pages); the whole-election files 13.4 s. Profiled: the pages every pass
renders (the election's and the nation's, megabytes each) and their constituencies placed from
9,037 result files read again (orjson 3.8 s: the results kept, 20,000, are fewer than the pages
ask nationally), and 212,861 asks of what a page made of files, each holding its files to their
stamps (425,722 stats and path joins, 3.8 s) — a rendering could stat a file once.

Session 27 (`--national --sizes 1,10 --repeat 2`, the code before and after run side by side,
twice; the machine shared, load 5–10; CPU): each file now stat'ed once a rendering, and a
unit's line taken from units.json's parents rather than its result file. Without the full
collections of Python's cycle collector (listed apart: about one a pass, 1.5–2 s each, landing
on whichever pass comes), a pass's fixed part 3.7 → 2.7 s of CPU and 150–160 → 120–130 ms a
report (passes of 1 report: 3.3–4.5 s before, 2.3–3.3 after); profiled, the asks of what pages
made of files no longer stat (56,655 stats in two passes, were 323,858) and the result files
read are the nation's own (written by every pass: 12 MB for the village councils, 2 MB the city
councils, 1.5 MB parliament, read for the front page and the election's page). What is left: the
full collections (2.4–3.4 million objects alive, most of them the election's state and what
the site keeps, scanned each time; `gc.freeze` cannot hold them out while `collector_paused`,
`processes` and `bulk` end each of their pauses with `gc.unfreeze`), the nation's results
parsed each pass, and the rows of the election's page (~61,000 a pass, both languages). The
night itself (`night.py --national --boxes 300 --minutes 2.2`, after these): lag p50/p99
44.0 / 65.0 s, the publisher 405 ms of CPU a report, passes of 21 s of CPU (p50) taking 30–130
reports each (load 2.4–2.9); session 26's 38.6 / 58.8 s, 490 ms, 20.9 s (load ~1): not moved
beyond the noise — a night's pass holds many reports, and their pages (a county's and a
province's, both languages, lists of thousands of units) and the collector's full collections,
not the fixed part, make it.

Session 27, with the site's long lists paged as well (the election's and the
nation's pages ~100 KB, were 3.4 MB), `--national --sizes 1,10 --repeat 2`, load 7–15, CPU:
without the full collections a pass's fixed part 1.56–1.66 s and 115–142 ms a report (the stamps
alone: 2.7 s, 120–130 ms). The full collections: 1.40–1.61 s each, in two of the four passes
(2.85–3.09 s in all). With the publisher holding its state out of them (`Publisher(hold=True)`,
as `sandogh publish --follow` and night.py do; `--no-hold` for the old way, run beside it):
one collection at each pass's end of what the pass left, 0.28–0.46 s (1.52 s in the same four
passes; passes of 1.9, 3.4, 2.3, 3.5 s against 1.6, 4.6, 3.4, 2.9), and the catch-up 1.4 s
more, once (its whole collection). Freezing after each pass alone was worse: with the state
frozen, a full collection comes whenever the objects reaching the oldest generation outnumber
a quarter of those the last one left, so 24 of them in the four passes, 4.4 s; hence the
collector off between the passes' ends. A whole collection after the four passes found 0–17
objects unreachable: the passes make next to no cycles, so what the freezes keep of a cycle
dropped later (until the whole collection every 20 passes) is next to nothing. Profiled (the
stage's code, 4 passes, 47 s of CPU under cProfile): rendering 87 %; placing the
constituencies on the election's and the nation's pages (all ~13,500, again each pass: their
outcomes change with every report) 30 %; files decoded again (~2,700 a pass, orjson 14 %: the
nation's results, 12 MB for the village councils, written by every pass, and the outcomes and
results of the units reported); who leads (`site.figures.leading`, 13 %: the nation's 108,000
village-council votes folded by candidate code, ~10 times a pass); the stamps (~31,000 stats a
pass, 7–10 %); the data files of a pass (`write_units`) 11 %. Those are the next cuts.
The night on this code (`night.py --national --boxes 300 --minutes 2.2`, twice, load 4–11):
138–181 ms of the publisher's CPU a report, passes of 4.3–4.7 s of CPU (p50), lag p50/p99
44.2 / 76.0 s and 68.6 / 97.1 s — the CPU a third to a half of the stamps alone (405 ms), the lag
following the load (night.py's docstring).

Measured at 5,000 national stations (3,343 constituencies; 2 shared cores, load 5–8; CPU),
`--sizes 1,10,100 --repeat 2`, the code before and after session 26 run one after the other:
- before: passes of 1, 10 and 100 reports 4.74, 6.76 and 14.12 s in the second round: fixed
  5.07 s a pass, 87 ms a report (141 ms in the pass of 100). Profiled: every pass re-read 7,091
  files (every constituency's outcome and its units' results, to place each constituency) and built
  each constituency's whole view (standings, certification and void lines) in both languages for
  the election's page, twice (its votes and its downloads), of which the page prints a row.
- with what a pass keeps (`publish.site.kept_reads`): 1.11, 1.77 and 6.77 s: fixed 1.05 s, 64 ms
  a report (68 ms in the pass of 100, 85 % of it rendering ~5.6 pages a report: a station's, its
  county's and province's pages in two languages; the fixed part here is mostly the first
  reading of a province's and county's files, kept after); the first pass after the publisher
  starts 0.63 s (was 4.32: the start now reads what every pass renders from,
  `SiteRendering.prime`); the pages every pass renders (the front, search and election pages)
  0.2 s of it once read (`render_site` of no unit, timed apart); the whole-election files 3.2 s,
  written by the pass that comes `bulk_interval` seconds after they last were. The same reports
  taken at the same time (`--at`) leave the snapshot byte for byte as before (17,284 pages and
  every data file compared).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime
import functools
import gc
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import night_nation
from night_sides import unit_of_work
from sandogh.publish.processes import cpu_seconds
from sandogh.publish.snapshot import Publisher
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.services.ingest import ingest_reports
from sandogh.store.engine import make_engine


def say(message: str) -> None:
    print(f"… {message}", file=sys.stderr, flush=True)


class Collections:
    """The CPU seconds Python's cycle collector spends in full collections (the oldest
    generation's: every object alive scanned), summed while this process runs, and the objects
    they found unreachable (cycles: reference counting frees the rest)."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.count = 0
        self.found = 0
        self._started = 0.0
        gc.callbacks.append(self._observe)

    def _observe(self, phase: str, info: dict[str, int]) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self._started = time.process_time()
        else:
            self.seconds += time.process_time() - self._started
            self.count += 1
            self.found += info["collected"]


def fit(points: list[tuple[int, float]]) -> tuple[float, float]:
    """The least-squares line through (reports, seconds): its intercept and slope."""
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / spread if spread else 0.0
    return mean_y - slope * mean_x, slope


def run(args: argparse.Namespace, scratch: Path) -> dict[str, Any]:
    kept = night_nation.prepared(None if args.national else args.stations, workers=2, fresh=False)
    url, site = kept.copy_to(scratch)
    sizes = [int(size) for size in args.sizes.split(",")]
    finals = kept.finals(sum(sizes) * args.repeat)
    engine = make_engine(url)
    uow: UnitOfWorkFactory = functools.partial(unit_of_work, engine)
    reads: UnitOfWorkFactory = functools.partial(unit_of_work, engine, reading=True)
    publisher = Publisher(
        uow, site, elections=[kept.election], bulk_interval=3600.0, reads=reads, hold=args.hold
    )
    started = cpu_seconds()
    publisher.catch_up()
    say(f"caught up from the kept snapshot: {cpu_seconds() - started:.1f} s of CPU")
    profile = cProfile.Profile() if args.profile else None
    collections = Collections()
    passes: list[dict[str, Any]] = []
    taken = 0
    try:
        for _ in range(args.repeat):
            for size in sizes:
                now = args.at or datetime.datetime.now(datetime.UTC)
                ingest_reports(uow, signed=finals[taken : taken + size], now=now)
                taken += size
                cpu, wall = cpu_seconds(), time.perf_counter()
                full = collections.seconds, collections.count, collections.found
                if profile is not None:
                    profile.enable()
                done = publisher.poll()
                if profile is not None:
                    profile.disable()
                used = cpu_seconds() - cpu
                passes.append(
                    {
                        "reports": size,
                        "cpu_s": used,
                        "wall_s": time.perf_counter() - wall,
                        "rendering_cpu_s": done.rendering,
                        "files": len(done.written),
                        "pages": done.rendered,
                        "full_collections": collections.count - full[1],
                        "full_collections_cpu_s": collections.seconds - full[0],
                        "full_collections_found": collections.found - full[2],
                    }
                )
                say(
                    f"a pass of {size}: {used:.2f} s of CPU ({1000 * used / size:.0f} ms a "
                    f"report), {done.rendering:.2f} s rendering, {len(done.written)} files, "
                    f"{done.rendered} pages; {collections.seconds - full[0]:.2f} s in "
                    f"{collections.count - full[1]} full collections, finding "
                    f"{collections.found - full[2]} objects unreachable"
                )
        cpu = cpu_seconds()
        publisher.flush()  # the whole-election files, which the passes leave behind
        bulk = cpu_seconds() - cpu
        gc.unfreeze()
        left = gc.collect()  # with the publisher holding, at most what its freezes kept
    finally:
        engine.dispose()
        if profile is not None:
            profile.dump_stats(args.profile)
    say(f"a whole collection after the passes found {left} objects unreachable")
    fixed, per_report = fit([(p["reports"], p["cpu_s"]) for p in passes])
    return {
        "stations": kept.figures["stations"],
        "passes": passes,
        "bulk_cpu_s": bulk,
        "garbage_left": left,
        "fixed_cpu_s": fixed,
        "per_report_cpu_ms": 1000 * per_report,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--stations", type=int, default=5000, help="the kept preparation's size")
    parser.add_argument(
        "--national", action="store_true", help="the whole national preparation (every station)"
    )
    parser.add_argument("--sizes", default="1,10,100", help="reports a pass, comma-separated")
    parser.add_argument("--repeat", type=int, default=1, help="passes of each size")
    parser.add_argument("--profile", help="profile the passes (cProfile) into this file")
    parser.add_argument(
        "--no-hold",
        dest="hold",
        action="store_false",
        help="leave the publisher's state in the collector's full collections (as before)",
    )
    parser.add_argument(
        "--at",
        type=datetime.datetime.fromisoformat,
        help="the time the centre takes the reports at (default: now), for two runs to compare",
    )
    parser.add_argument(
        "--keep", type=Path, help="an empty folder to leave the store and the snapshot in"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    if args.keep is not None:
        args.keep.mkdir(parents=True)
        figures = run(args, args.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="sandogh-night-pass-") as scratch:
            figures = run(args, Path(scratch))
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    for each in figures["passes"]:
        print(
            f"a pass of {each['reports']:>4} reports: {each['cpu_s']:6.2f} s of CPU "
            f"({1000 * each['cpu_s'] / each['reports']:6.0f} ms a report; rendering "
            f"{each['rendering_cpu_s']:.2f} s; full collections "
            f"{each['full_collections_cpu_s']:.2f} s), {each['files']} files, "
            f"{each['pages']} pages"
        )
    print(
        f"at {figures['stations']:,} stations: fixed {figures['fixed_cpu_s']:.2f} s of CPU a "
        f"pass, {figures['per_report_cpu_ms']:.0f} ms a report; the whole-election files "
        f"(csv/totals.csv, the NIST report) {figures['bulk_cpu_s']:.2f} s"
    )


if __name__ == "__main__":
    main()
