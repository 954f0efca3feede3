"""Election night at speed: the boxes' final reports sent over HTTP at the pace of the 2024
results, the publisher following, and the lag from a report's arrival to the site.

    .venv/bin/python bench/night.py [--boxes N] [--minutes M] [--workers W] [--senders S]
                                    [--interval SECONDS] [--db URL] [--json]

The stations are the Kerman runoff's (`cli.simulated_province`: the live demo's province, its
sheets and keys), the first N of those the simulated day leaves alone; their boxes are enrolled,
their staff registered, the pre-election record sealed and their zero reports taken before the
clock starts. Then the centre (`sandogh serve`, W processes, a child on loopback) takes each
box's signed final report by `POST /api/v1/reports`, sent by S threads at the moment the
timeline gives it, while the publisher (`sandogh publish --follow`'s `Publisher.poll`, every
`--interval` seconds, the site rendered: a process of its own) writes what arrived.

The timeline: the 2024 runoff's results were complete about 7 hours after polls closed
(reference/iran-election-rules.md, "National scale"); how they came within those hours the
reports do not say, so `TIMELINE` assumes the usual shape of a count — a few stations in the
first hour, most in the second to fourth, a tail to the seventh — and the 7 hours are compressed
into M minutes. The reports' order is shuffled across the province (seeded).

What is measured: for each report, the seconds from the centre's taking it (its time in the
event log) to the end of the publisher's pass that wrote it and rendered its pages (p50, p99,
max; aim p99 < 5 s) — the same figure as `sandogh_publisher_lag_seconds`; the site's "N of
TOTAL" stations as the night goes; the centre's answer time; and how far behind the timeline
the sending fell (when the centre answers slower than the timeline asks, the night stretches).
The whole national night (58,640 boxes) needs the national definition and the work of issue 14's
`totals` and `night` parts; run it with more boxes once they land: the bound here is the
province's stations.
"""

from __future__ import annotations

import argparse
import bisect
import contextlib
import datetime
import functools
import itertools
import json
import math
import multiprocessing
import queue
import random
import sqlite3
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from fractions import Fraction
from multiprocessing.synchronize import Event
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy.exc import SQLAlchemyError

from province import SEED, load_approved
from sandogh.cli.demo_preparation import kiosk_station
from sandogh.cli.session import actor
from sandogh.cli.simulated_anchor import seal_day_record
from sandogh.cli.simulated_day import plan_day
from sandogh.cli.simulated_province import Province, enrol_province, open_batch, province_of
from sandogh.cli.simulated_province import signed_final as final_report
from sandogh.publish.snapshot import Publisher
from sandogh.server.process import centre_process, one_run_settings
from sandogh.server.server_key import SERVER_KEY, ServerKey
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.store.engine import make_engine
from sandogh.store.schema import init_database
from sandogh.store.unit_of_work import SqlUnitOfWork
from sandogh.wire import api_paths

NATIONAL_STATIONS = 58_640
HOURS = 7.0  # polls closed to the last result, the 2024 runoff
#: (hours after polls closed, share of stations reported): an assumed shape of the count
TIMELINE = (
    (0.0, 0.0),
    (0.5, 0.02),
    (1.0, 0.10),
    (2.0, 0.40),
    (3.0, 0.70),
    (4.0, 0.88),
    (5.0, 0.96),
    (6.0, 0.99),
    (7.0, 1.0),
)
AIM_P99_SECONDS = 5.0
DRAIN_SECONDS = 120.0  # after the last report, the longest the publisher is waited for
TIMEOUT_SECONDS = 120.0


def say(message: str) -> None:
    print(f"… {message}", file=sys.stderr, flush=True)


def schedule(boxes: int, seconds: float) -> list[float]:
    """When each of `boxes` reports, in seconds from the start: `TIMELINE`'s shares, evenly
    spread within each stretch, compressed from `HOURS` into `seconds`."""
    hours, shares = zip(*TIMELINE, strict=True)
    times = []
    for i in range(boxes):
        share = (i + 0.5) / boxes
        k = max(1, bisect.bisect_left(shares, share))
        within = (share - shares[k - 1]) / (shares[k] - shares[k - 1])
        times.append((hours[k - 1] + within * (hours[k] - hours[k - 1])) / HOURS * seconds)
    return times


def percentile(values: Sequence[float], share: float) -> float:
    """The nearest-rank percentile of `values`."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(1, math.ceil(share * len(ordered))) - 1]


# ---- the store before the night ---------------------------------------------------------------


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


# ---- the publisher, a process of its own ------------------------------------------------------


def publish(url: str, root: str, election: str, interval: float, *, stop: Event, out: Any) -> None:
    """Follow the log every `interval` seconds until `stop`; after each pass put (the pass's
    end, the arrival of each report it wrote, the stations the site shows reported, the total,
    the pass's CPU seconds, those of them rendering the site)."""
    engine = make_engine(url)
    uow: UnitOfWorkFactory = functools.partial(_unit_of_work, engine)
    reads: UnitOfWorkFactory = functools.partial(_unit_of_work, engine, reading=True)
    publisher = Publisher(uow, Path(root), elections=[election], bulk_interval=60.0, reads=reads)
    publisher.regenerate()
    total = len(publisher.published(election).index.voting_stations)
    out.put((time.time(), [], len(publisher.published(election).reported), total, 0.0, 0.0))
    while not stop.wait(interval):
        cpu = time.process_time()
        try:
            done = publisher.poll()
        except (SQLAlchemyError, sqlite3.OperationalError):  # the store busy: next time
            continue
        arrived = [a.timestamp() for a in done.arrived]
        reported = len(publisher.published(election).reported)
        used = time.process_time() - cpu
        out.put((time.time(), arrived, reported, total, used, done.rendering))
    engine.dispose()


def _unit_of_work(engine: Any, *, reading: bool = False) -> SqlUnitOfWork:
    return SqlUnitOfWork(engine, now=datetime.datetime.now(datetime.UTC), reading=reading)


# ---- the night --------------------------------------------------------------------------------


def send_all(
    base: str, reports: list[bytes], times: list[float], senders: int
) -> tuple[list[float], list[float], list[str]]:
    """Send each report at its time from the start; the answer times, how late each was sent
    after its time, and each failure."""
    answers: list[float] = []
    late: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    start = time.monotonic()
    transport = httpx.HTTPTransport(limits=httpx.Limits(max_connections=senders))
    with httpx.Client(base_url=base, timeout=TIMEOUT_SECONDS, transport=transport) as client:

        def send(i: int) -> None:
            wait = start + times[i] - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            sent = time.monotonic()
            try:
                answer = client.post(
                    api_paths.REPORTS,
                    content=reports[i],
                    headers={"Content-Type": "application/json"},
                )
                failed = None if answer.status_code == 201 else f"{answer.status_code}"
            except httpx.HTTPError as error:
                failed = type(error).__name__
            with lock:
                answers.append(time.monotonic() - sent)
                late.append(max(0.0, sent - start - times[i]))
                if failed is not None:
                    failures.append(failed)

        with ThreadPoolExecutor(max_workers=senders) as pool:
            list(pool.map(send, range(len(reports))))
    return answers, late, failures


def run(args: argparse.Namespace, scratch: Path) -> dict[str, Any]:
    plan = plan_day(stations=4, scale=Fraction(1), seed=SEED, voters=300)
    province = province_of(plan, kiosk_station(plan), seed=SEED, e2e=True, limit=args.boxes)
    election = province.loaded.election.id
    boxes = len(province.stations)
    url = args.db or f"sqlite:///{scratch / 'centre.sqlite'}"
    say(f"{boxes} boxes of {election}: enrolling, sealing the record, taking the zero reports")
    prepared(url, province)
    rng = random.Random(SEED)
    order = list(province.stations)
    rng.shuffle(order)
    say("signing the final reports")
    reports = [final_report(province, station)[0] for station in order]
    times = schedule(boxes, args.minutes * 60.0)
    ServerKey.write(scratch / SERVER_KEY)
    settings = one_run_settings(url, province.registry, scratch / SERVER_KEY)
    spawn = multiprocessing.get_context("spawn")
    stop, passes = spawn.Event(), spawn.Queue()
    site = scratch / "site"
    publisher = spawn.Process(
        target=publish,
        args=(url, str(site), election, args.interval),
        kwargs={"stop": stop, "out": passes},
    )
    with centre_process(settings, workers=args.workers) as centre:
        publisher.start()
        first = passes.get(timeout=600)  # the whole snapshot, written before the night
        total = first[3]
        say(f"the site shows {first[2]} of {total}; the night begins: {args.minutes} minutes")
        watched: list[tuple[float, list[float], int, int, float, float]] = [first]
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
                say(f"{now - night_start:6.0f} s: the site shows {watched[-1][2]:,} of {total:,}")
                shown = now
            if not sending.is_alive() and now - night_start > args.minutes * 60 + DRAIN_SECONDS:
                break
        night_seconds = time.time() - night_start
        stop.set()
        publisher.join(TIMEOUT_SECONDS)
    lags = [end - arrived for end, arrivals, *_ in watched for arrived in arrivals]
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


def peak_rate(times: list[float]) -> float:
    """The most reports the timeline asks for in any 10 seconds, per second."""
    window, most = 10.0, 0
    for i, t in enumerate(times):
        most = max(most, bisect.bisect_right(times, t + window) - i)
    return most / window


def print_report(figures: dict[str, Any]) -> None:
    run = figures["run"]
    print(
        f"sandogh election night at speed: {run['boxes']:,} boxes of {run['election']} "
        f"(the national night is {NATIONAL_STATIONS:,}), {HOURS:g} hours of 2024 results in "
        f"{run['minutes']:g} minutes (× {run['compression']:.0f}), at most "
        f"{run['peak_per_second']:.1f} reports/s asked; the centre {run['workers']} process(es) "
        f"on {run['database']}, {run['senders']} senders, the publisher every "
        f"{run['interval_s']:g} s"
    )
    lag, behind, cpu = figures["lag_s"], figures["behind_timeline_s"], figures["pass_cpu_s"]
    met = lag["p99"] < AIM_P99_SECONDS and lag["count"] == run["boxes"]
    print(
        f"\nreports taken {figures['reports_taken']:,} of {run['boxes']:,} in "
        f"{figures['night_seconds']:.0f} s; failures: {', '.join(figures['failures']) or 'none'}"
    )
    print(
        f"centre's answer p50 {1000 * figures['answer_s']['p50']:.0f} ms, p99 "
        f"{1000 * figures['answer_s']['p99']:.0f} ms; sending behind the timeline p50 "
        f"{behind['p50']:.1f} s, at most {behind['max']:.1f} s"
    )
    print(
        f"the publisher's passes: {figures['passes']}, p50 {figures['pass_s']['p50']:.1f} s, "
        f"the longest {figures['pass_s']['max']:.1f} s; the publisher's CPU a pass that wrote "
        f"reports p50 {cpu['p50']:.2f} s, the most {cpu['max']:.2f} s, "
        f"{1000 * cpu['per_report']:.0f} ms a report, {100 * cpu['rendering_share']:.0f} % of it "
        "rendering the site"
    )
    print(
        f"lag from arrival to the site ({lag['count']:,} reports): "
        f"p50 {lag['p50']:.2f} s, p99 {lag['p99']:.2f} s, max {lag['max']:.2f} s — aim p99 < "
        f"{AIM_P99_SECONDS:g} s: {'met' if met else 'missed'}"
    )
    counts = figures["site_count"]
    step = max(1, len(counts) // 12)
    moving = ", ".join(f"{at:.0f} s {n:,}" for at, n in counts[::step] + counts[-1:])
    print(f"the site's count of {run['site_total']:,} stations: {moving}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--boxes", type=int, default=500, help="boxes that report (at most the province's)"
    )
    parser.add_argument("--minutes", type=float, default=2.0, help="the 7 hours compressed into")
    parser.add_argument("--workers", type=int, default=2, help="the centre's server processes")
    parser.add_argument("--senders", type=int, default=16, help="connections sending reports")
    parser.add_argument(
        "--interval", type=float, default=1.0, help="seconds between the publisher's passes"
    )
    parser.add_argument("--db", help="an empty database's URL (default a new SQLite file)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sandogh-night-") as scratch:
        figures = run(args, Path(scratch))
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print_report(figures)


if __name__ == "__main__":
    main()
