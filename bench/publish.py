"""The snapshot benchmark: publishing a national election day, and serving it.

    .venv/bin/python bench/publish.py [--stations N] [--db URL] [--seed S] [--seconds W]
                                      [--clients C] [--dynamic-clients D] [--workers W]
                                      [--no-site] [--keep DIR] [--json]

A synthetic national day (bench/nation.py: 58,640 stations, five contests) is stored as the centre
holds it on election night: a box enrolled for every station and a signed final report with its
sheets for each but two, with their events in the log. Then, with the real `Publisher` of
`sandogh publish`:

- full regeneration: every file of docs/publish.md written from the store into an empty folder,
  by W processes (`sandogh publish --workers`, one per core by default); its CPU seconds are
  the publisher's and its workers'. Beside it, the baseline: the same files copied by one plain
  loop (each read, then written under a new folder), what any writer of these bytes pays;
- the results site rendered from it, every page of the election in both languages
  (`publish.site.render_site`), by the same W processes, beside the same baseline for the pages
  it wrote;
- one more report: a held-back station's report taken through `services.ingest`, then the poll
  that follows the log and rewrites what it changes (the whole-election files deferred, as while
  following), for a station of a typical county and for one of the largest county; beside it the
  same poll with nothing new (reading the log after the last entry read is part of each poll);
- the whole-election files (csv/totals.csv, the NIST report) written on their own;
- requests per second for one county's results JSON, served from the snapshot by `publish-serve`
  (static files) and, as the baseline, by a trivial FastAPI endpoint that reads the same data
  from the store on each request (`services.results.tally`, then the same document): the dynamic
  service has no public results endpoint (DESIGN.md §5 keeps the public off it), so this is what
  one would be. Both servers run in a child process on loopback, measured in the same run by the
  client threads for W seconds each (C for the static server; the dynamic one, whose answers take
  seconds, gets fewer, and runs until it has answered twice).

`--stations N` keeps N stations, spread over the nation, and the units and contests above them.
Machines are shared and noisy: the ratios say more than the figures. The aim (issue 5): under a
second to regenerate after one more report.

Measured (session 26, 5,000 stations, the machine shared, load 5–8): a whole regeneration
without the site 18.5–24 s CPU in one process, 43,771 files (stage's 20.5–35 alternated with it:
the machine's noise is larger than the files' gain, measured apart in docs/publish.md); the
pages by kind are bench/site.py's (run on the snapshot `--keep` leaves): 2.84 ms a station's
page, 8.75 a county's, the nation's 145,086 pages ≈ 3.8 min on 2 cores (docs/publish.md, "How
long the national site and regeneration take").
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import gc
import hashlib
import json
import multiprocessing
import os
import resource
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from fastapi import FastAPI, Response

import nation
from sandogh.core.counting.tally import TallySheet
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import Election, UnitKind
from sandogh.core.log import Disposition, Event, EventType
from sandogh.core.report import (
    ReportKind,
    SigningKey,
    StaffRole,
    StationReport,
    encode_signed,
    sign_as_staff,
    sign_report,
    station_ballot,
    zero_report,
)
from sandogh.core.report.digests import sha256_text
from sandogh.core.report.staff import RegisteredStaff
from sandogh.formats.definition_file import canonical_bytes, definition_hash
from sandogh.publish.csv_files import totals_csv
from sandogh.publish.documents import unit_result_json
from sandogh.publish.index import ElectionIndex
from sandogh.publish.nist import election_report
from sandogh.publish.processes import cpu_seconds
from sandogh.publish.serve import static_app
from sandogh.publish.site import render_site
from sandogh.publish.snapshot import Publisher
from sandogh.publish.writer import json_bytes
from sandogh.server.collector import GC_THRESHOLDS
from sandogh.server.process import LOOPBACK, free_port
from sandogh.services.elections import UnitOfWorkFactory, load_election
from sandogh.services.ingest import ingest_report
from sandogh.services.ports import Device, StoredReport
from sandogh.services.results import tally
from sandogh.store.engine import make_engine
from sandogh.store.schema import init_database
from sandogh.store.unit_of_work import SqlUnitOfWork
from sandogh.store.url import parse_url

AIM_SECONDS = 1.0
FULL_AIM_SECONDS = 60.0  # issue 14: the whole national snapshot regenerated
SITE_AIM_SECONDS = 300.0  # issue 14: the national results site rendered
NIGHT = datetime.datetime(2024, 7, 5, 17, 0, tzinfo=datetime.UTC)  # 20:30 in Tehran
START_SECONDS = 60.0


def say(message: str) -> None:
    print(f"… {message}", file=sys.stderr, flush=True)


def timed(work: Callable[[], object]) -> tuple[float, Any]:
    gc.collect()
    start = time.perf_counter()
    done = work()
    return time.perf_counter() - start, done


def copied(files: list[Path], source: Path, target: Path) -> float:
    """Seconds to copy `files` from under `source` to under `target` by a plain loop."""
    gc.collect()
    start = time.perf_counter()
    made: set[Path] = set()
    for path in files:
        to = target / path.relative_to(source)
        if to.parent not in made:
            to.parent.mkdir(parents=True, exist_ok=True)
            made.add(to.parent)
        to.write_bytes(path.read_bytes())
    return time.perf_counter() - start


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ---- the day ----------------------------------------------------------------------------------


def shrink(election: Election, stations: int) -> Election:
    """`election` with `stations` of its stations, spread evenly, and only what is above them."""
    every = [u.code for u in election.units if u.kind is UnitKind.STATION]
    if stations >= len(every):
        return election
    kept = {every[i * len(every) // stations] for i in range(stations)}
    parent = {u.code: u.parent for u in election.units}
    for station in list(kept):
        above = parent[station]
        while above is not None and above not in kept:
            kept.add(above)
            above = parent[above]
    contests = []
    for contest in election.contests:
        constituencies = tuple(
            dataclasses.replace(k, units=tuple(u for u in k.units if u in kept))
            for k in contest.constituencies
            if any(u in kept for u in k.units)
        )
        ids = {k.id for k in constituencies}
        candidates = tuple(c for c in contest.candidates if c.constituency in ids)
        if constituencies:
            contests.append(
                dataclasses.replace(contest, constituencies=constituencies, candidates=candidates)
            )
    units = tuple(u for u in election.units if u.code in kept)
    return dataclasses.replace(election, units=units, contests=tuple(contests))


def key_of(station: str) -> SigningKey:
    return SigningKey.from_seed(hashlib.sha256(station.encode()).digest())


def staff_of(station: str) -> tuple[tuple[StaffRole, SigningKey], ...]:
    """The station's head and secretary, who sign the reports taken through ingest."""
    return tuple(
        (role, SigningKey.from_seed(hashlib.sha256(f"{role}:{station}".encode()).digest()))
        for role in (StaffRole.HEAD, StaffRole.SECRETARY)
    )


def signed_report(
    election: Election,
    hashed: str,
    station: str,
    sheets: Sequence[TallySheet],
    staff: Sequence[tuple[StaffRole, SigningKey]] = (),
) -> bytes:
    key = key_of(station)
    report = StationReport(
        election=election.id,
        definition_hash=hashed,
        station=station,
        device=key.public_key,
        kind=ReportKind.FINAL,
        sequence=2,
        sheets=tuple(sheets),
        cvr_count=max(s.counts.cast for s in sheets),
        cvr_digest=sha256_text(station.encode()),
    )
    signed = sign_report(report, key)
    for role, member in staff:
        signed = sign_as_staff(signed, role, member)
    return encode_signed(signed)


def open_held(uow: UnitOfWorkFactory, election: Election, held: set[str]) -> None:
    """The held stations' staff registered and their zero reports taken, as the centre requires
    before their final reports (issue 9, section 2)."""
    hashed = definition_hash(election)
    geography = Geography.of(election)
    with uow() as work:
        for station in sorted(held):
            for role, member in staff_of(station):
                person = f"{role.value} of {station}"
                work.staff.add(
                    RegisteredStaff(election.id, station, person, role, member.public_key)
                )
        work.commit()
    for station in sorted(held):
        key = key_of(station)
        opened = zero_report(
            election=election.id,
            definition_hash=hashed,
            station=station,
            device=key.public_key,
            sequence=1,
            ballot=station_ballot(geography, station),
        )
        ingest_report(uow, signed=encode_signed(sign_report(opened, key)), now=NIGHT)


def store_night(
    uow: UnitOfWorkFactory,
    election: Election,
    sheets: dict[str, list[TallySheet]],
    held: set[str],
) -> None:
    """Every box enrolled; every report but the held ones accepted, as ingest stores them."""
    hashed = definition_hash(election)
    load_election(
        uow, election, definition_hash=hashed, canonical=canonical_bytes(election), now=NIGHT
    )
    with uow() as work:
        for n, station in enumerate(sorted(sheets)):
            key = key_of(station).public_key.raw.hex()
            at = NIGHT + datetime.timedelta(milliseconds=n)
            work.devices.add(Device(election.id, station, key, at))
            work.events.record(
                _event(
                    at, station, EventType.DEVICE_ENROLLED, {"election": election.id, "device": key}
                )
            )
        for n, station in enumerate(sorted(sheets)):
            if station in held:
                continue
            data = signed_report(election, hashed, station, sheets[station])
            at = NIGHT + datetime.timedelta(hours=1, milliseconds=n)
            key = key_of(station).public_key.raw.hex()
            received = sha256_text(data)
            work.reports.add(StoredReport(election.id, station, "final", key, received, data, at))
            work.tallies.add_many(election.id, sheets[station])
            details: dict[str, Any] = {
                "election": election.id,
                "kind": "final",
                "device": key,
                "report_hash": received,
                "sequence": 2,
                "sheets": len(sheets[station]),
            }
            work.events.record(_event(at, station, EventType.REPORT_ACCEPTED, details))
        work.commit()


def _event(at: datetime.datetime, station: str, kind: EventType, details: dict[str, Any]) -> Event:
    return Event(at, "bench", "device", station, kind, Disposition.DONE, details)


def held_back(election: Election) -> tuple[str, str]:
    """A station of a typical county, and one of the county with most stations."""
    parent = {u.code: u.parent for u in election.units}
    kind = {u.code: u.kind for u in election.units}
    counties: dict[str, list[str]] = {}
    for unit in election.units:
        if unit.kind is UnitKind.STATION:
            above = unit.parent
            while above is not None and kind[above] is not UnitKind.COUNTY:
                above = parent[above]
            counties.setdefault(above or "", []).append(unit.code)
    by_size = sorted(counties.values(), key=len)
    typical, largest = by_size[len(by_size) // 2], by_size[-1]
    return typical[len(typical) // 2], largest[-1]


# ---- serving ----------------------------------------------------------------------------------


def _serve_static(root: Path, port: int) -> None:
    uvicorn.run(static_app(root), host=LOOPBACK, port=port, log_level="warning", access_log=False)


def dynamic_app(url: str) -> FastAPI:
    """The baseline: the unit's results read from the store on each request."""
    engine = make_engine(url)
    app = FastAPI()

    @app.get("/data/{election}/results/{contest}/{unit}.json")
    def result(election: str, contest: str, unit: str) -> Response:
        with SqlUnitOfWork(engine, now=datetime.datetime.now(datetime.UTC)) as work:
            tallied = tally(work, election)
        index = ElectionIndex.of(tallied.stored, tallied.geography)
        document = unit_result_json(
            index,
            contest,
            unit,
            tallied.totals.units[contest],
            eligible=tallied.eligible[unit],
            updated=None,
            reports=None,
            voided=tallied.voided_by_unit(contest),
        )
        return Response(json_bytes(document), media_type="application/json")

    return app


def _serve_dynamic(url: str, port: int) -> None:
    gc.set_threshold(*GC_THRESHOLDS)
    uvicorn.run(dynamic_app(url), host=LOOPBACK, port=port, log_level="warning", access_log=False)


@contextmanager
def serving(target: Callable[..., None], *args: object) -> Iterator[str]:
    port = free_port()
    child = multiprocessing.get_context("spawn").Process(target=target, args=(*args, port))
    child.start()
    base = f"http://{LOOPBACK}:{port}"
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            try:
                httpx.get(base + "/", timeout=1.0)
                break
            except httpx.HTTPError:
                if not child.is_alive() or time.monotonic() > deadline:
                    raise RuntimeError(f"{target.__name__} did not start") from None
                time.sleep(0.1)
        yield base
    finally:
        child.terminate()
        child.join(START_SECONDS)


def hammer(url: str, *, clients: int, seconds: float, at_least: int = 1) -> dict[str, float]:
    """GET `url` from `clients` threads for `seconds` (and until `at_least` answers)."""
    done: list[int] = []
    lock = threading.Lock()
    start = time.perf_counter()

    def client() -> None:
        with httpx.Client(timeout=600.0) as http:
            while True:
                elapsed = time.perf_counter() - start
                with lock:
                    if elapsed > seconds and len(done) >= at_least:
                        return
                response = http.get(url)
                with lock:
                    done.append(response.status_code)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    ok = sum(status == 200 for status in done)
    if ok != len(done):
        raise RuntimeError(f"{url}: {len(done) - ok} of {len(done)} requests failed")
    return {"requests": ok, "seconds": elapsed, "per_second": ok / elapsed, "clients": clients}


# ---- the run ----------------------------------------------------------------------------------


def publisher_workers(args: argparse.Namespace) -> int:
    return int(args.workers or os.cpu_count() or 1)


def regenerate_whole(
    publisher: Publisher, out: Path, scratch: Path, args: argparse.Namespace
) -> dict[str, Any]:
    """The full regeneration and the site's rendering, each with its baseline."""
    say("full regeneration")
    cpu = cpu_seconds()
    full_s, full = timed(publisher.regenerate)
    full_cpu = cpu_seconds() - cpu
    every = [p for p in out.rglob("*") if p.is_file()]
    files, size = len(every), sum(p.stat().st_size for p in every)
    say(f"full regeneration: {full_s:.1f} s ({full_cpu:.1f} s CPU); copying its files")
    copy_s = copied(every, out, scratch / "copy")
    shutil.rmtree(scratch / "copy")
    site: dict[str, Any] | None = None
    (election,) = full.units  # the one election stored
    if not args.no_site:
        say("rendering the site")
        cpu = cpu_seconds()
        render_s, pages = timed(
            lambda: render_site(out, election, None, workers=publisher_workers(args))
        )
        render_cpu = cpu_seconds() - cpu
        html = [p for p in out.rglob("*.html") if p.is_file()]
        site = {
            "seconds": render_s,
            "cpu_seconds": render_cpu,
            "pages": pages,
            "mb": sum(p.stat().st_size for p in html) / 1e6,
            "copy_seconds": copied(html, out, scratch / "copy"),
        }
        shutil.rmtree(scratch / "copy")
        say(f"site: {render_s:.1f} s, {pages:,} pages")
    return {
        "full": {
            "seconds": full_s,
            "cpu_seconds": full_cpu,
            "workers": publisher_workers(args),
            "written": len(full.written),
            "files": files,
            "mb": size / 1e6,
            "copy_seconds": copy_s,
        },
        "site": site,
    }


def run(args: argparse.Namespace, scratch: Path) -> dict[str, Any]:
    say(f"generating the nation (seed {args.seed})")
    built = nation.build(args.seed)
    election = shrink(built.election, args.stations)
    stations = {u.code for u in election.units if u.kind is UnitKind.STATION}
    sheets: dict[str, list[TallySheet]] = {}
    for sheet in built.sheets():
        if sheet.station in stations:
            sheets.setdefault(sheet.station, []).append(sheet)
    typical, largest = held_back(election)
    url = args.db or f"sqlite:///{scratch / 'night.sqlite'}"
    init_database(url)
    engine = make_engine(url)

    def uow() -> SqlUnitOfWork:
        return SqlUnitOfWork(engine, now=datetime.datetime.now(datetime.UTC))

    say(f"storing {len(sheets):,} boxes and {len(sheets) - 2:,} signed reports")
    setup_s, _ = timed(lambda: store_night(uow, election, sheets, {typical, largest}))
    open_held(uow, election, {typical, largest})
    out = args.keep or scratch / "snapshot"
    publisher = Publisher(
        uow, out, bulk_interval=3600.0, render=False, workers=publisher_workers(args)
    )
    whole = regenerate_whole(publisher, out, scratch, args)
    figures: dict[str, Any] = {
        "stations": len(stations),
        "units": len(election.units),
        "contests": len(election.contests),
        "constituencies": sum(len(c.constituencies) for c in election.contests),
        "setup_seconds": setup_s,
        **whole,
        "peak_rss_mib_after_full": peak_mib(),
    }
    nothing_s, nothing = timed(publisher.poll)
    figures["poll_nothing_new"] = {"seconds": nothing_s, "reading_log_seconds": nothing.reading_log}
    for name, station in (("typical", typical), ("largest_county", largest)):
        hashed = definition_hash(election)
        data = signed_report(election, hashed, station, sheets[station], staff_of(station))
        ingest_report(uow, signed=data, now=NIGHT + datetime.timedelta(hours=2))
        seconds, done = timed(publisher.poll)
        figures[f"one_more_report_{name}"] = {
            "station": station,
            "seconds": seconds,
            "reading_log_seconds": done.reading_log,
            "written": len(done.written),
        }
        say(f"one more report ({name}, {station}): {seconds:.2f} s, {len(done.written)} files")
    state = publisher.published(election.id)
    csv_s, _ = timed(lambda: sum(len(c) for c in totals_csv(state.index, state.tallied)))
    nist_s, nist_bytes = timed(
        lambda: sum(len(c) for c in election_report(state.index, state.tallied, state.decided))
    )
    county_s, county_bytes = timed(
        lambda: sum(
            len(c)
            for c in election_report(
                state.index, state.tallied, state.decided, down_to=UnitKind.COUNTY
            )
        )
    )
    figures["bulk"] = {
        "totals_csv_seconds": csv_s,
        "nist_seconds": nist_s,
        "nist_mb": nist_bytes / 1e6,
        "nist_county_seconds": county_s,
        "nist_county_mb": county_bytes / 1e6,
    }
    county = next(
        a
        for a in state.index.geography.ancestors(typical)
        if state.index.geography.kind(a) is UnitKind.COUNTY
    )
    page = f"/data/{election.id}/results/president/{county}.json"
    say(f"serving {page}")
    with serving(_serve_static, out) as base:
        static = hammer(base + page, clients=args.clients, seconds=args.seconds)
    with serving(_serve_dynamic, url) as base:
        dynamic = hammer(
            base + page, clients=args.dynamic_clients, seconds=args.seconds, at_least=2
        )
    figures["serving"] = {
        "page": page,
        "static": static,
        "dynamic": dynamic,
        "ratio": static["per_second"] / dynamic["per_second"],
    }
    figures["database"] = parse_url(url).get_backend_name()
    engine.dispose()
    return figures


def print_table(f: dict[str, Any]) -> None:
    full, served = f["full"], f["serving"]
    print(
        f"sandogh snapshot benchmark on {f['database']}: {f['stations']:,} stations, "
        f"{f['units']:,} units, {f['contests']} contests, {f['constituencies']:,} constituencies "
        f"(stored in {f['setup_seconds']:.0f} s, not measured)\n"
    )
    rate = full["written"] / full["seconds"]
    print(
        f"full regeneration          {full['seconds']:8.2f} s  {full['written']:,} files written, "
        f"{full['mb']:,.0f} MB, {rate:,.0f} files/s, {full['workers']} processes, "
        f"{full['cpu_seconds']:.1f} s CPU (aim < {FULL_AIM_SECONDS:.0f} s: "
        f"{'met' if full['seconds'] < FULL_AIM_SECONDS else 'missed'})\n"
        f"  baseline: its files copied {full['copy_seconds']:8.2f} s  "
        f"(ratio {full['seconds'] / full['copy_seconds']:.1f} ×)"
    )
    site = f["site"]
    if site is not None:
        print(
            f"site rendered              {site['seconds']:8.2f} s  {site['pages']:,} pages, "
            f"{site['mb']:,.0f} MB, {site['cpu_seconds']:.1f} s CPU (aim < "
            f"{SITE_AIM_SECONDS / 60:.0f} min: "
            f"{'met' if site['seconds'] < SITE_AIM_SECONDS else 'missed'})\n"
            f"  baseline: its pages copied {site['copy_seconds']:6.2f} s  "
            f"(ratio {site['seconds'] / site['copy_seconds']:.1f} ×)"
        )
    nothing = f["poll_nothing_new"]["seconds"]
    print(
        f"poll with nothing new      {nothing:8.2f} s  (reading the log after the last entry read)"
    )
    for name in ("typical", "largest_county"):
        one = f[f"one_more_report_{name}"]
        regenerating = one["seconds"] - one["reading_log_seconds"]
        print(
            f"one more report, {name:<10}{one['seconds']:8.2f} s  {one['written']} files: "
            f"reading the log {one['reading_log_seconds']:.2f} s, regenerating "
            f"{regenerating:.2f} s (aim < {AIM_SECONDS:.0f} s: "
            f"{'met' if one['seconds'] < AIM_SECONDS else 'missed'}; regenerating alone: "
            f"{'met' if regenerating < AIM_SECONDS else 'missed'})"
        )
    bulk = f["bulk"]
    print(
        f"csv/totals.csv alone       {bulk['totals_csv_seconds']:8.2f} s\n"
        f"NIST report alone          {bulk['nist_seconds']:8.2f} s  ({bulk['nist_mb']:,.0f} MB, "
        f"votes down to the stations)\n"
        f"NIST report, --nist-detail county {bulk['nist_county_seconds']:5.2f} s  "
        f"({bulk['nist_county_mb']:,.0f} MB)"
    )
    static, dynamic = served["static"], served["dynamic"]
    print(f"\n{served['page']}")
    for name, figures in (
        ("static (publish-serve)", static),
        ("dynamic (from the store)", dynamic),
    ):
        print(
            f"  {name:<25}{figures['per_second']:10,.2f} requests/s "
            f"({figures['requests']:,} in {figures['seconds']:.1f} s)"
        )
    print(
        f"  static / dynamic         {served['ratio']:10,.0f} ×\n"
        f"peak RSS after the full regeneration: {f['peak_rss_mib_after_full']:,.0f} MiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--stations", type=int, default=58_640, help="stations kept (default all)")
    parser.add_argument("--db", help="URL of an empty database (default: a new SQLite file)")
    parser.add_argument("--seed", type=int, default=1403, help="the nation's seed")
    parser.add_argument("--seconds", type=float, default=5.0, help="seconds of load per server")
    parser.add_argument("--clients", type=int, default=8, help="client threads (static)")
    parser.add_argument(
        "--dynamic-clients", type=int, default=2, help="client threads (dynamic baseline)"
    )
    parser.add_argument(
        "--workers", type=int, help="processes of the full regeneration (default: one per core)"
    )
    parser.add_argument("--no-site", action="store_true", help="leave the site unrendered")
    parser.add_argument("--keep", type=Path, help="write the snapshot here and keep it")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    gc.set_threshold(*GC_THRESHOLDS)
    with tempfile.TemporaryDirectory(prefix="sandogh-publish-") as scratch:
        figures = run(args, Path(scratch))
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print_table(figures)


if __name__ == "__main__":
    main()
