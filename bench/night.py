"""Election night at speed: the boxes' final reports sent over HTTP at the pace of the 2024
results, the publisher following, and the lag from a report's arrival to the site.

    .venv/bin/python bench/night.py [--boxes N] [--minutes M] [--workers W] [--senders S]
                                    [--interval SECONDS] [--db URL] [--json]
    .venv/bin/python bench/night.py --national [--stations N] [--fresh] [--boxes N] …
    .venv/bin/python bench/night.py --national [--stations N] [--fresh] --prepare
    .venv/bin/python bench/night.py --drop-kept

The stations are the Kerman runoff's (`cli.simulated_province`: the live demo's province, its
sheets and keys), the first N of those the simulated day leaves alone; their boxes are enrolled,
their staff registered, the pre-election record sealed and their zero reports taken before the
clock starts. With `--national`, they are the national election's (bench/nation.py: 58,640,
or `--stations` of them spread over the nation, four contests a ballot), prepared the same way
once and kept on disk with every final report signed and the snapshot published whole before
polls close (bench/night_nation.py: a re-run starts from a copy in seconds; the publisher
catches up from the kept snapshot as `sandogh publish` started again does); the first N boxes
of the night's order report (default every one). Then the centre (`sandogh serve`, W
processes, a child on loopback) takes each box's signed final report by `POST
/api/v1/reports`, sent by S threads (at most S at once) at the moment the timeline gives it,
while the publisher (`sandogh publish --follow`'s `Publisher.poll`, every `--interval` seconds,
the site rendered: a process of its own) writes what arrived. Everything is removed at the end
but the kept preparation (`--drop-kept` removes it).

The timeline: the 2024 runoff's results were complete about 7 hours after polls closed
(reference/iran-election-rules.md, "National scale"); how they came within those hours the
reports do not say, so `TIMELINE` assumes the usual shape of a count — a few stations in the
first hour, most in the second to fourth, a tail to the seventh — and the 7 hours are compressed
into M minutes. The reports' order is shuffled (seeded). The real night's peak, 58,640 boxes
on this timeline, is 4.9 reports a second.

What is measured: for each report, the seconds from the centre's taking it (its time in the
event log) to the end of the publisher's pass that wrote it and rendered its pages (p50, p99,
max; aim p99 < 5 s) — the same figure as `sandogh_publisher_lag_seconds`; the site's "N of
TOTAL" stations as the night goes; the centre's answer time; how far behind the timeline the
sending fell (when the centre answers slower than the timeline asks, the night stretches); the
CPU a report of the centre (its processes, from /proc) and of the publisher, and from them the
cores the peak needs; the load average during the night (the machine is shared). Each report's
lag is cut in four on the publisher's clock (`lag_parts`, adding up to it): the wait while the
pass before ran (the report came after that pass read the log), the publisher's sleep
(`--interval`), the log's read, and the pass that writes it. The bench's own sampling of the
site's count (every second) is no part of the lag: the publisher stamps each pass's start and end.

Measured (2 shared cores, load 7–14; CPU is the figure to trust):
- `--national --stations 5000 --boxes 5000 --minutes 4` (peak asked 43.8/s): 5,000 taken, no
  failure; the centre 41 ms of CPU a report (2 processes; HTTP, four sheets, three signatures),
  answers p50 1.5 s, p99 5.2 s, taking ~9/s, so the sending fell behind the timeline (p50 110 s,
  at most 337 s); the publisher 77 ms a report, 86 % of it rendering, a pass p50 21.5 s of CPU;
  1,184 reports reached the site before the bench stopped waiting, lag p50 230 s, p99 263 s.
  CPU a report, centre and publisher: 118 ms, so 0.58 of a core at the real night's peak
  (4.9/s) and 5.2 cores at the peak asked. The publisher's start from the kept snapshot: 17 s,
  6.4 s of CPU.
- `--national --stations 5000 --boxes 60 --minutes 0.5` (4/s asked, the real night's pace): 60
  taken, answers p50 53 ms; a pass of ~12 reports 10.7 s of the publisher's CPU (p50), 521 ms a
  report, the centre 37 ms: 2.7 cores at the real night's peak; lag p50 64 s, p99 76 s.
- What grows with the election, not with the reports: a pass renders the election's page (the
  nation's) and the pages of every unit above a station that reported, and the election's page
  lists every constituency's outcome of every contest: 27 MB in Persian and 25.6 MB in English
  at 5,000 stations (a province's 2.8 MB), 3.5 s of CPU a pass whatever it brings (with the front
  and search pages), a province's 1.2 s, a county's 0.8 s, a station's 1.0 s (both languages;
  bench/night.py's trial store, `render_site` of one unit). Nationally the constituencies are
  ~13,500: a pass's fixed part alone then exceeds the 5 s aim on any number of cores; the lag
  aim needs the election's and provinces' pages to stop listing every constituency (their own
  pages per contest), not more cores. Fixed here: a pass no longer lists every result file of
  the snapshot nor reads units.json for weights it does not use (`publish.site.render`); a
  report's intake no longer rebuilds who stands where, the seat bounds and the station's ballot
  from the whole definition (216 → 34 ms a zero report at 5,000 stations, profiled).
- Session 26, the same command, each beside the code before it run just after (load 5.7–7.9):
  the publisher's CPU a pass that wrote reports p50 1.29 s (before: 5.60 s), 170 ms a report
  (405), so 1.10 cores at the real night's peak with the centre (2.22); lag p50 14.9 s, p99
  21.1 s (before 16.3 / 23.5 at load 5.7): on 2 cores shared by a load of 8 a pass waits more
  than it works (pass p50 3.3 s of wall for 1.3 s of CPU), so the wall-clock lag here says
  little; bench/night_pass.py times a pass's parts on CPU: fixed ~0.2 s once read (the front,
  search and election pages; was 5.75 s: every pass re-read 7,091 files and built every
  constituency's whole view in both languages twice) and 52–68 ms a report (was 135). On a
  core of its own, passes of T = (fixed + r × per_report × (1 + T)) at r reports a second: at
  the real peak (4.9/s) and nationally (~13,500 constituencies: the election page's fixed part
  ×4, ≈ 0.8 s) T ≈ 1.7 s and the lag at most ≈ 2T + the 1 s interval ≈ 4.3 s — but for the
  whole-election files (totals.csv, NIST: 3.2 s at 5,000, ≈ 38 s nationally), written by the
  pass that comes 60 s (`bulk_interval`) after they last were: the reports of that pass wait for
  them, ~1/60 of the night's, more than 1 %. They must leave the pass (a process of their own)
  before p99 < 5 s holds nationally.
- Session 26, the whole-election files out of the passes (`publish.bulk`: a forked process
  writes them, a later pass renames them into place), `--national --stations 5000 --boxes 60
  --minutes 0.5 --bulk-interval 10` (so that they are written during the night), the code
  before and after run one after the other, twice (CPU a pass counts the bulk process's in the
  pass that takes its files in): first run after/before — lag p50 10.5 / 7.0 s, p99 15.7 /
  11.2 s, longest pass 7.9 / 9.8 s of wall, CPU a pass p50 2.15 / 2.49 s, 268 / 279 ms a
  report (load 5.9 / 5.3); second run, before first — lag p50 4.0 / 6.2 s, p99 7.3 / 9.4 s,
  longest pass 3.5 / 4.8 s, CPU a pass p50 1.46 / 1.19 s, 371 / 239 ms a report (load 3.0 /
  5.0). No pass now waits for the files (3.2 s of CPU here, ≈ 38 s nationally), which bounded
  the national p99 from below; the wall-clock lag at this load moves with the load more than
  with them, and the process costs CPU beside the pass it no longer lengthens (its copy-on-write
  pages and the files written every 10 s, not once a minute): a core of its own nationally.
- The national preparation whole (58,640 stations; `--national --prepare`, nice 10, load
  5–7), session 26: the definition loaded and the boards' 13,628 approvals 77 s of CPU (338
  wall), every box enrolled and its staff registered 487 s (1,405; 8.3 ms a box), the record
  sealed 38 s (76), the zero reports ~14 ms a station of CPU as the run went (6 ms with
  1,000 boxes): each report's `records.sealed` reads the record's row, whose 22 MB record
  SQLite walks page by page to reach the fingerprint and seal time after it (~10 ms a read,
  profiled; since read from an index of their own, 0.01 ms, after the run had started), and
  the first report decodes the record's coverage (~30 s, once). That run stopped at about
  half the zero reports (it went with the process that started it).
- Session 26, the national preparation whole on the session's final code (nice 19, beside the
  test suite for part of it), CPU: the definition and approvals 50.8 s, enrolment and staff
  318.8 s (5.4 ms a box), the record sealed 31.5 s, the zero reports 192.9 s (3.3 ms a
  station), the finals signed 47.3 s, the whole publish 449.8 s (363,444 data files; 145,136
  pages rendered in 369.7 s, 2.5 ms a page: ≈ 3.1 min on 2 cores); a 499 MB store, a 7.9 GB
  site; ≈ 18 min of CPU in all. Then the national night, `--national --boxes 300 --minutes
  2.2` (the real pace: peak 4.8/s), the machine otherwise idle (load 0.9–1.3): the preparation
  copied in 12.6 s, the publisher's start 35 s of CPU, every report taken, the centre 57 ms a
  report; 15 passes, CPU a pass p50 20.9 s, max 43.1 s, 490 ms a report, 80 % of it rendering;
  lag p50 / p99 / max 38.6 / 58.8 / 59.5 s; 2.68 cores at the real peak. The 5,000 stations'
  extrapolation above does not hold: nationally every pass renders, in both languages, the
  election's page (3.4 MB) and the nation's (3.3 MB), and the provinces' and counties' of its
  reports (a city listing 3,508 stations, 2.7 MB). The whole night (58,640 reports) at this
  rate would need ~8 h of CPU: long lists paged on the site, and the pages every pass touches
  rendered at a bounded rate, come before it.
- Session 27, the merged stage (the site's long lists paged, each file stat'ed once a rendering,
  the publisher's state held out of the full collections: bench/night_pass.py), the same command
  twice, the machine shared (load 8.8–10.7, then 4.1–9.2): every report taken, the centre 39 / 34
  ms a report; the publisher's start 30 / 28 s of CPU; 11 / 13 passes, CPU a pass p50 4.7 / 4.3 s,
  max 14.9 / 14.3 s (the pass that takes in the whole-election files counts their process's ~14
  s), 138 / 181 ms a report, 78 / 76 % rendering; 0.87 / 1.05 cores at the real peak; lag p50 /
  p99 / max 68.6 / 97.1 / 97.7 s and 44.2 / 76.0 / 76.6 s. Against session 26 (490 ms a report,
  passes of 20.9 s p50 and 43.1 s max, 2.68 cores; lag 38.6 / 58.8 s at load ~1) and the stamps
  alone, earlier this session (405 ms, 44.0 / 65.0 s at load 2.4–2.9): the CPU a report is a third
  to a half, the longest pass's CPU a third, but the lag is not lower here: a pass's wall time
  follows the load (the longest 43.9 s of wall for 14 s of CPU), and on 2 cores shared by 4–10
  runnable processes the publisher gets a third of a core. Its CPU (0.9–1.1 cores at the real peak
  with the centre) says it would keep pace on a core of its own.
  The same command on the same code, the machine otherwise idle (load 0.7–1.2): every report
  taken, the centre 32.5 ms a report, the publisher's start 33 s of CPU; 29 passes, a pass p50 3.5
  s (wall) and 3.6 s of CPU, max 7.9 s (wall) and 19.9 s of CPU (the pass taking in the
  whole-election files, with their process's CPU); 426 ms of CPU a report in all (passes of ~10
  reports each: the fixed part, not the reports, makes most of it), 63 % rendering; 2.25 cores at
  the real peak asked of 2; **lag p50 / p99 / max 8.8 / 16.0 / 16.7 s** (session 26 on an idle
  machine: 38.6 / 58.8 / 59.5 s). Aim p99 < 5 s: not met.
- Session 29 (constituencies placed once per change, the pass's own result documents handed to
  the site, who leads once a rendering; the intake holding the uncertified totals' trees), the
  same command, the machine nearly idle (load 1.4–2.5; the preparation made again for revision
  0027: 24 min of CPU, the whole publish 470 s of CPU): every report taken; 47 passes, a pass p50
  1.2 s (wall) and 1.4 s of CPU, max 6.9 s (wall) and 15.6 s of CPU; 316 ms of CPU a report in
  all; the centre 68.8 ms a report (32.5 in session 27: the trees' hold and remaking, measured
  alone at 9–13 ms a report, and the rest not yet profiled); 1.89 cores at the real peak;
  **lag p50 / p99 / max 7.2 / 12.9 / 13.3 s** (a pass's p50 is over every pass, most of them
  short; a report waits for the longer ones: below).
- Session 29, later (the lag cut in parts, same code and command, load 3.1–6.0, mean 4.7: the
  machine shared): every report taken; lag p50 / p99 / max 30.6 / 50.2 / 50.8 s; the centre
  71.2 ms a report, answers p50 0.21 s, p99 3.5 s. Where a report's lag goes (p50 / mean /
  mean of the slowest tenth): the pass that writes it 20.7 / 19.6 / 26.9 s, the wait through
  the pass before 7.6 / 9.3 / 19.8 s, the sleep 1.0 / 1.0 / 1.1 s, the log's read 0.13 / 0.09 /
  0.12 s. The lag is the passes, not the wait for one: a pass over the reports that came during
  the one before takes longer the more came (17 passes, p50 2.5 s but the one that carried a
  report 20.7 s p50; 44 / 85 / 82 reports in passes of 18 / 22 / 30 s wall, 141 ms of CPU a
  report, two thirds rendering, at a load of 5 on 2 cores), so when a pass's wall a report times
  the arrival rate (4.8 a second at the peak) passes 1 the backlog grows until the arrivals
  slow: the lag ≈ 1.5 passes. A poll woken by the log's growth would take at most the 1 s sleep
  off; left. The centre's CPU a report doubled in session 29 by one query (`refuse_unstored`'s
  read of the station's entries: SQLite took revision 0027's (type, sequence) index for its
  ORDER BY and read the nation's every `report-accepted` entry, 21 ms of the intake's 41–44 ms):
  fixed, the intake 14–15 ms a report in one process (bench/night_intake.py).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import itertools
import json
import multiprocessing
import os
import queue
import random
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import night_nation
from night_figures import (
    HOURS,
    cores_needed,
    peak_rate,
    percentile,
    print_report,
    schedule,
)
from night_sides import CentreCpu, publish, send_all
from province import SEED, load_approved
from sandogh.cli.demo_preparation import kiosk_station
from sandogh.cli.session import actor
from sandogh.cli.simulated_anchor import seal_day_record
from sandogh.cli.simulated_day import plan_day
from sandogh.cli.simulated_province import Province, enrol_province, open_batch, province_of
from sandogh.cli.simulated_province import signed_final as final_report
from sandogh.server.process import centre_process, one_run_settings
from sandogh.server.server_key import SERVER_KEY, ServerKey
from sandogh.server.settings import SyntheticRegistrySpec
from sandogh.store.engine import make_engine
from sandogh.store.schema import init_database
from sandogh.store.unit_of_work import SqlUnitOfWork

DRAIN_SECONDS = 120.0  # after the last report, the longest the publisher is waited for
TIMEOUT_SECONDS = 120.0


def say(message: str) -> None:
    print(f"… {message}", file=sys.stderr, flush=True)


def prepared(url: str, province: Province) -> None:
    """The runoff loaded, its modes and build approved, every box enrolled and its staff
    registered, the record sealed, and every zero report taken (as bench/province.py does)."""
    init_database(url)
    engine = make_engine(url)

    def uow() -> SqlUnitOfWork:
        return SqlUnitOfWork(engine, now=datetime.datetime.now(datetime.UTC))

    try:
        load_approved(uow, province)
        enrol_province(uow, province, by=actor(), role="admin")
        seal_day_record(uow, election=province.loaded.election.id, seed=SEED, ceremony=None)
        for batch in province.batches():
            open_batch(uow, province, batch)
    finally:
        engine.dispose()


@dataclass(frozen=True)
class Inputs:
    """What the night starts from: the store, the election, its registry, the reports in the
    order they are sent, the snapshot's root (kept: one is there already), the preparation's
    figures."""

    url: str
    election: str
    registry: SyntheticRegistrySpec
    reports: list[bytes]
    site: Path
    kept: bool
    preparation: dict[str, Any]


def province_night(args: argparse.Namespace, scratch: Path) -> Inputs:
    plan = plan_day(stations=4, scale=Fraction(1), seed=SEED, voters=300)
    limit = args.boxes or 500
    province = province_of(plan, kiosk_station(plan), seed=SEED, e2e=True, limit=limit)
    election = province.loaded.election.id
    url = args.db or f"sqlite:///{scratch / 'centre.sqlite'}"
    say(f"{len(province.stations)} boxes of {election}: enrolling, sealing, the zero reports")
    prepared(url, province)
    order = list(province.stations)
    random.Random(SEED).shuffle(order)
    say("signing the final reports")
    reports = [final_report(province, station)[0] for station in order]
    return Inputs(url, election, province.registry, reports, scratch / "site", False, {})


def national_night(args: argparse.Namespace, scratch: Path) -> Inputs:
    if args.db:
        raise SystemExit("--national keeps its store as a SQLite file: --db is not for it")
    kept = night_nation.prepared(args.stations, workers=args.workers, fresh=args.fresh)
    started = time.perf_counter()
    url, site = kept.copy_to(scratch)
    reports = kept.finals(args.boxes or int(kept.figures["stations"]))
    copied = time.perf_counter() - started
    say(f"the kept preparation copied in {copied:.1f} s: {kept.folder}")
    figures = kept.figures | {"copied_s": round(copied, 1)}
    return Inputs(url, kept.election, kept.registry, reports, site, True, figures)


def run(args: argparse.Namespace, scratch: Path) -> dict[str, Any]:
    given = (national_night if args.national else province_night)(args, scratch)
    url, election, reports = given.url, given.election, given.reports
    boxes = len(reports)
    times = schedule(boxes, args.minutes * 60.0)
    ServerKey.write(scratch / SERVER_KEY)
    settings = one_run_settings(url, given.registry, scratch / SERVER_KEY)
    spawn = multiprocessing.get_context("spawn")
    stop, passes = spawn.Event(), spawn.Queue()
    publisher = spawn.Process(
        target=publish,
        args=(url, str(given.site), election, args.interval),
        kwargs={
            "kept": given.kept,
            "stop": stop,
            "out": passes,
            "bulk_interval": args.bulk_interval,
        },
    )
    with centre_process(settings, workers=args.workers) as centre:
        begun = time.time()
        publisher.start()
        first = passes.get(timeout=3600)  # the whole snapshot, written before the night
        total = first[3]
        say(f"the site shows {first[2]} of {total}; the night begins: {args.minutes} minutes")
        watched: list[tuple[float, list[float], int, int, float, float, float, float]] = [first]
        centre_cpu = CentreCpu(centre.pid)
        loads = [os.getloadavg()[0]]
        night_start = time.time()
        result: dict[str, list[Any]] = {}

        def night() -> None:
            sent = send_all(centre.base_url, reports, times, args.senders)
            result.update(zip(("answers", "late", "failures"), sent, strict=True))

        sending = threading.Thread(target=night)
        sending.start()
        shown = 0.0
        while sending.is_alive() or watched[-1][2] < first[2] + boxes:
            with contextlib.suppress(queue.Empty):  # no pass ended in that second
                watched.append(passes.get(timeout=1.0))
            now = time.time()
            if now - shown >= 10.0:
                loads.append(os.getloadavg()[0])
                centre_cpu.sample()
                say(
                    f"{now - night_start:6.0f} s: the site shows {watched[-1][2]:,} of {total:,}"
                    f" (load {loads[-1]:.1f})"
                )
                shown = now
            if not sending.is_alive() and now - night_start > args.minutes * 60 + DRAIN_SECONDS:
                break
        night_seconds = time.time() - night_start
        centre_cpu.sample()
        stop.set()
        publisher.join(TIMEOUT_SECONDS)
    lags = [end - arrived for end, arrivals, *_ in watched for arrived in arrivals]
    parts = lag_parts(watched)
    ends = [end for end, *_ in watched]
    cpu = [each[4] for each in watched[1:] if each[1]]  # the passes that wrote a report
    rendering = sum(each[5] for each in watched[1:] if each[1])
    # a pass's time, less the publisher's wait before it: the time between two passes' ends
    passes = [max(0.0, b - a - args.interval) for a, b in itertools.pairwise(ends)]
    return {
        "run": {
            "election": election,
            "boxes": boxes,
            "site_total": total,
            "minutes": args.minutes,
            "compression": HOURS * 60 / args.minutes,
            "peak_per_second": peak_rate(times),
            "workers": args.workers,
            "senders": args.senders,
            "interval_s": args.interval,
            "database": url.split(":", 1)[0],
        },
        "night_seconds": night_seconds,
        "preparation": given.preparation,
        "publisher_start": {"wall_s": first[0] - begun, "cpu_s": first[4]},
        "centre_cpu_s": centre_cpu.used,
        "centre_cpu_per_report_ms": 1000 * centre_cpu.used / max(1, boxes),
        "cores": cores_needed(centre_cpu.used / max(1, boxes), cpu, lags, times),
        "load_average": {"min": min(loads), "mean": sum(loads) / len(loads), "max": max(loads)},
        "reports_taken": boxes - len(result["failures"]),
        "failures": sorted(set(result["failures"])),
        "answer_s": {
            "p50": percentile(result["answers"], 0.5),
            "p99": percentile(result["answers"], 0.99),
        },
        "behind_timeline_s": {
            "p50": percentile(result["late"], 0.5),
            "max": max(result["late"], default=0.0),
        },
        "lag_s": {
            "count": len(lags),
            "p50": percentile(lags, 0.5),
            "p99": percentile(lags, 0.99),
            "max": max(lags, default=0.0),
        },
        "lag_parts_s": parts,
        "site_count": [(round(end - night_start, 1), shown) for end, _, shown, *_ in watched[1:]],
        "passes": len(watched) - 1,
        "pass_s": {"p50": percentile(passes, 0.5), "max": max(passes, default=0.0)},
        "pass_cpu_s": {
            "p50": percentile(cpu, 0.5),
            "max": max(cpu, default=0.0),
            "per_report": sum(cpu) / max(1, len(lags)),
            "rendering_share": rendering / max(sum(cpu), 1e-9),
        },
    }


def lag_parts(watched: list[tuple[Any, ...]]) -> dict[str, dict[str, float]]:
    """Each report's lag cut in four, on the publisher's clock (they add up to the lag): the
    time it waited while the pass before the one that wrote it ran (it came after that pass
    read the log), the publisher's sleep after that pass (`--interval`), the pass's reading of
    the log, and the rest of that pass (writing and renaming the files); for each, its p50, its
    p99 and its mean over all reports and over the tenth with the longest lags."""
    rows: list[tuple[float, float, float, float, float]] = []
    for before, after in itertools.pairwise(watched):
        end, arrivals, *_, begun, reading = after
        for arrived in arrivals:
            during = max(0.0, before[0] - arrived)
            sleep = begun - max(arrived, before[0])
            rows.append((end - arrived, during, sleep, reading, end - begun - reading))
    slowest = sorted(rows, reverse=True)[: max(1, len(rows) // 10)]
    names = ("during_the_pass_before", "sleep_before_the_pass", "reading_the_log", "the_pass")
    return {
        name: {
            "p50": percentile([r[i] for r in rows], 0.5),
            "p99": percentile([r[i] for r in rows], 0.99),
            "mean": sum(r[i] for r in rows) / max(1, len(rows)),
            "mean_of_slowest_tenth": sum(r[i] for r in slowest) / len(slowest),
        }
        for i, name in enumerate(names, start=1)
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--boxes",
        type=int,
        help="boxes that report (default: the province's first 500, or every national box)",
    )
    parser.add_argument(
        "--national",
        action="store_true",
        help="the national election (bench/night_nation.py), its preparation kept on disk",
    )
    parser.add_argument(
        "--stations", type=int, help="with --national: keep so many of the nation's stations"
    )
    parser.add_argument(
        "--fresh", action="store_true", help="with --national: make the kept preparation again"
    )
    parser.add_argument(
        "--drop-kept", action="store_true", help="remove every kept preparation, and end"
    )
    parser.add_argument(
        "--prepare",
        action="store_true",
        help="with --national: make (or find) the kept preparation, print its figures, and end",
    )
    parser.add_argument("--minutes", type=float, default=2.0, help="the 7 hours compressed into")
    parser.add_argument("--workers", type=int, default=2, help="the centre's server processes")
    parser.add_argument("--senders", type=int, default=16, help="connections sending reports")
    parser.add_argument(
        "--interval", type=float, default=1.0, help="seconds between the publisher's passes"
    )
    parser.add_argument(
        "--bulk-interval",
        type=float,
        default=60.0,
        help="seconds between the publisher's writings of the whole-election files",
    )
    parser.add_argument("--db", help="an empty database's URL (default a new SQLite file)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    if args.drop_kept:
        for folder in night_nation.drop_kept():
            say(f"removed {folder}")
        return
    if args.prepare:
        if not args.national:
            raise SystemExit("--prepare is for --national: the province's is not kept")
        kept = night_nation.prepared(args.stations, workers=args.workers, fresh=args.fresh)
        print(json.dumps({"kept": str(kept.folder)} | kept.figures, indent=2))
        return
    with tempfile.TemporaryDirectory(prefix="sandogh-night-") as scratch:
        figures = run(args, Path(scratch))
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print_report(figures)


if __name__ == "__main__":
    main()
