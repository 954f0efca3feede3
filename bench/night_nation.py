"""The national election night's preparation for bench/night.py, made once and kept on disk.

The synthetic national election (bench/nation.py: 58,640 stations, four contests a ballot; with
`stations`, so many of them spread over the nation, as bench/publish.py's `shrink` keeps) is
prepared as the live demo's province is (`cli.simulated_province`, through the centre's own use
cases, 50 stations a transaction): the definition loaded, the electronic mode and the boxes'
build approved, every box enrolled and its head and secretary registered, the pre-election
record sealed, every zero report taken. Then every box's final report is signed (its station's
every sheet, by its box, its head and its secretary), in the night's order (shuffled, seeded),
and the snapshot is published whole before polls close, as a real night's would be: `sandogh
publish` writing every data file and rendering every page of the site, by W processes. Each step
is timed (wall and CPU seconds): the whole publish is the figure the issue's "site < 5 min" and
"regeneration < 60 s" speak of, here at zero reports.

All of it is kept under the temporary folder, in a folder named by a hash of its inputs (the
seed, the stations, the definition's hash, the store's migrations, nation.py's bytes and the
version of this preparation, `PREPARATION`), so that a run starts in seconds from a copy: the
store copied, the snapshot hard-linked (the publisher writes a file by renaming a new one over
it, `publish.writer`, so the kept files are never changed). The boxes run a build of the
bench's own (`BUILD`), not the installed one's hash, so that a change of the source does not
throw the preparation away; a change of what the publisher writes does not either: `--fresh`
makes it again, and `--drop-kept` removes every one.

Measured at 5,000 of the national stations (load 8–10; CPU seconds, wall in brackets): the
definition loaded and approved 12.8 (100), boxes enrolled and staff registered 94.7 (506; 19 ms
a box, before the enrolment's index of candidates), the record sealed 3.2 (10), the zero reports
44.4 (151; 8.9 ms a station, signing included), the finals signed 6.5 (21), the whole publish
before polls close 125 (375; 43,772 data files, 17,284 pages, 108 of it rendering); kept: a
49 MB store, a 1,659 MB snapshot; a run's copy 3–4 s. Before this session's fixes the boards'
approvals and each box's enrolment read every approval of the election, and a report's intake
rebuilt who stands where from the whole definition: at this size 118 s, 439 ms a box and 216 ms
a report (profiled), which made the national preparation a matter of hours.

Then (session 26, CPU a box, before and after in the same run, `--stations 5000` with 1,000 of
its boxes; the national figures with 1,000 of the 58,640): a box's enrolment and its staff
28.3 → 8.7 ms at 5,000 stations, ~15 → 9.1 ms nationally (its first 26,650 boxes of the whole
run): the enrolment scanned the ~13,500 approval rows and log entries of the nation twice for
its station's four (the SQLite plan of a list of pairs reads by the election alone; the log by
type alone) and decoded the ~200 recorded at the country; now by an index on the log's type and
place (migration 0026) and a detail's value in SQL, once an enrolment. What is left is ~30
statements a box through SQLAlchemy (each ~0.3 ms: a box's, its staff's checks and entries). A
zero report ~6 ms (1.3 of it the bench's signing; the centre's rest is reading and checking
the report, its signature and the record's coverage), the report no longer read twice. The
boards' approvals nationally 77 s of CPU (13,628 of them).
"""

from __future__ import annotations

import datetime
import hashlib
import json
import random
import shutil
import sqlite3
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import nation
from province import SEED
from publish import shrink
from sandogh.cli.demo import EXAMPLE_APPROVAL
from sandogh.cli.session import actor
from sandogh.cli.simulated_anchor import approve_build_by_officials, seal_day_record
from sandogh.cli.simulated_province import Province, enrol_province, open_batch, signed_sheets
from sandogh.core.access import Grant, Role
from sandogh.core.counting.tally import TallySheet
from sandogh.core.definition.geography import Geography
from sandogh.formats.definition_file import canonical_bytes, parse_definition
from sandogh.publish.processes import cpu_seconds
from sandogh.publish.snapshot import Publisher
from sandogh.server.settings import SyntheticRegistrySpec
from sandogh.services.acting import Actor
from sandogh.services.elections import load_election
from sandogh.services.mode_approvals import approve_as_boards
from sandogh.store.engine import make_engine
from sandogh.store.schema import init_database
from sandogh.store.unit_of_work import SqlUnitOfWork

HERE = Path(__file__).resolve().parent
MIGRATIONS = HERE.parent / "src" / "sandogh" / "store" / "migrations" / "versions"
#: the build every box of the bench runs, approved by the simulated officials
BUILD = "sha256:" + hashlib.sha256(b"sandogh bench: the national night's boxes").hexdigest()
#: what the preparation makes: a change of it (below) counts one more, so that none kept is used
PREPARATION = 1
STORE, FINALS, SITE, FIGURES = "centre.sqlite", "finals.bin", "site", "prepared.json"


def say(message: str) -> None:
    print(f"… {message}", file=sys.stderr, flush=True)


@dataclass(frozen=True)
class Prepared:
    """A kept preparation: its folder, and what the night needs of it."""

    folder: Path
    figures: dict[str, Any]

    @property
    def election(self) -> str:
        return str(self.figures["election"])

    @property
    def registry(self) -> SyntheticRegistrySpec:
        return SyntheticRegistrySpec(seed=SEED, size=int(self.figures["registry"]))

    def finals(self, boxes: int) -> list[bytes]:
        """The first `boxes` final reports of the night's order."""
        taken: list[bytes] = []
        with (self.folder / FINALS).open("rb") as stream:
            while len(taken) < boxes and (head := stream.read(4)):
                taken.append(stream.read(struct.unpack(">I", head)[0]))
        return taken

    def copy_to(self, scratch: Path) -> tuple[str, Path]:
        """The store copied and the snapshot hard-linked under `scratch`: its URL and root."""
        shutil.copyfile(self.folder / STORE, scratch / STORE)
        subprocess.run(["cp", "-al", str(self.folder / SITE), str(scratch / SITE)], check=True)
        return f"sqlite:///{scratch / STORE}", scratch / SITE


def prepared(stations: int | None, *, workers: int, fresh: bool) -> Prepared:
    """The kept preparation for the national election (with `stations`, so many of its
    stations), made first when there is none or when `fresh`."""
    built = nation.build(SEED)
    election = built.election if stations is None else shrink(built.election, stations)
    loaded = parse_definition(canonical_bytes(election), source_name="nation")
    folder = cache_folder(loaded.definition_hash, stations)
    if fresh and folder.exists():
        shutil.rmtree(folder)
    if not folder.exists():
        making = folder.with_name(folder.name + ".partial")
        shutil.rmtree(making, ignore_errors=True)
        making.mkdir(parents=True)
        try:
            figures = _prepare(making, nation.Nation(election, SEED), loaded, workers)
        except BaseException:
            shutil.rmtree(making, ignore_errors=True)
            raise
        (making / FIGURES).write_text(json.dumps(figures, indent=2))
        making.rename(folder)
    return Prepared(folder, json.loads((folder / FIGURES).read_text()))


def cache_folder(definition_hash: str, stations: int | None) -> Path:
    inputs = hashlib.sha256()
    for part in (str(PREPARATION), str(SEED), str(stations), definition_hash, BUILD):
        inputs.update(part.encode() + b"\n")
    for path in [HERE / "nation.py", *sorted(MIGRATIONS.glob("*.py"))]:
        inputs.update(path.name.encode() + b"\n" + path.read_bytes())
    return Path(tempfile.gettempdir()) / f"sandogh-night-kept-{inputs.hexdigest()[:16]}"


def drop_kept() -> list[Path]:
    """Every kept preparation removed (and any left half made): the folders it removed."""
    gone = sorted(Path(tempfile.gettempdir()).glob("sandogh-night-kept-*"))
    for folder in gone:
        shutil.rmtree(folder, ignore_errors=True)
    return gone


def timed(figures: dict[str, Any], step: str, work: Callable[[], object]) -> Any:
    """Run `work`, its wall and CPU seconds (this process's and its ended children's) put in
    `figures` under `step`."""
    wall, cpu = time.perf_counter(), cpu_seconds()
    done = work()
    figures[step] = {"wall_s": round(time.perf_counter() - wall, 1)}
    figures[step]["cpu_s"] = round(cpu_seconds() - cpu, 1)
    say(f"{step}: {figures[step]['wall_s']} s, {figures[step]['cpu_s']} s of CPU")
    return done


def _prepare(folder: Path, day: nation.Nation, loaded: Any, workers: int) -> dict[str, Any]:
    geography = Geography.of(day.election)
    stations = tuple(geography.stations)
    province = Province(
        loaded,
        stations,
        {},
        Fraction(1),
        SEED,
        BUILD,
        SyntheticRegistrySpec(seed=SEED, size=1_000),
        0,
    )
    url = f"sqlite:///{folder / STORE}"
    init_database(url)
    engine = make_engine(url)

    def uow() -> SqlUnitOfWork:
        return SqlUnitOfWork(engine, now=datetime.datetime.now(datetime.UTC))

    def reads() -> SqlUnitOfWork:
        return SqlUnitOfWork(engine, now=datetime.datetime.now(datetime.UTC), reading=True)

    figures: dict[str, Any] = {
        "election": day.election.id,
        "stations": len(stations),
        "registry": province.registry.size,
        "workers": workers,
    }
    say(f"preparing the night of {len(stations):,} stations in {folder}")
    try:
        timed(figures, "loaded and approved", lambda: _load_approved(uow, province))
        timed(
            figures,
            "boxes enrolled, staff registered",
            lambda: enrol_province(uow, province, by=actor(), role="admin"),
        )
        timed(
            figures,
            "pre-election record sealed",
            lambda: seal_day_record(uow, election=day.election.id, seed=SEED, ceremony=None),
        )
        timed(
            figures,
            "zero reports taken",
            lambda: [open_batch(uow, province, batch) for batch in province.batches()],
        )
        timed(figures, "final reports signed", lambda: _sign_finals(folder, day, province))
        publisher = Publisher(
            uow, folder / SITE, elections=[day.election.id], workers=workers, reads=reads
        )
        done = timed(figures, "the whole publish before polls close", publisher.regenerate)
        figures["the whole publish before polls close"] |= {
            "data_files": len(done.written),
            "pages": done.rendered,
            "rendering_cpu_s": round(done.rendering, 1),
        }
    finally:
        engine.dispose()
    with sqlite3.connect(folder / STORE) as kept:  # the store whole in one file, to copy
        kept.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    figures["store_mb"] = round((folder / STORE).stat().st_size / 2**20)
    figures["site_mb"] = round(_size(folder / SITE) / 2**20)
    return figures


def _load_approved(uow: Callable[[], SqlUnitOfWork], province: Province) -> None:
    """As bench/province.py's `load_approved`, the build approved being the bench's own."""
    loaded, now = province.loaded, datetime.datetime.now(datetime.UTC)
    load_election(
        uow,
        loaded.election,
        definition_hash=loaded.definition_hash,
        canonical=loaded.canonical,
        now=now,
    )
    approve_as_boards(uow, loaded.election, reference=EXAMPLE_APPROVAL, by="bench", now=now)
    country = province.geography.top_down[0]
    approve_build_by_officials(
        uow,
        Actor(actor(), Grant(Role.NATIONAL_HQ, country)),
        election=loaded.election.id,
        seed=SEED,
        build=BUILD,
        label="نسخه آزمایش (bench)",
    )


def _sign_finals(folder: Path, day: nation.Nation, province: Province) -> None:
    """Every station's final report, signed, written in the night's order (seeded shuffle)."""
    order = list(province.stations)
    random.Random(SEED).shuffle(order)
    place = {station: n for n, station in enumerate(order)}
    signed: list[bytes] = [b""] * len(order)
    for station, sheets in _by_station(day):
        signed[place[station]] = signed_sheets(province, station, sheets)
    with (folder / FINALS).open("wb") as stream:
        for data in signed:
            stream.write(struct.pack(">I", len(data)) + data)


def _by_station(day: nation.Nation) -> Iterator[tuple[str, list[TallySheet]]]:
    """Each station's sheets: `Nation.sheets` gives them station by station."""
    station, sheets = "", []
    for sheet in day.sheets():
        if sheet.station != station and sheets:
            yield station, sheets
            sheets = []
        station = sheet.station
        sheets.append(sheet)
    if sheets:
        yield station, sheets


def _size(root: Path) -> int:
    return sum(path.stat().st_size for path in root.rglob("*") if path.is_file())
