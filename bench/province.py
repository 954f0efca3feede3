"""The rest of the Kerman province on the live demo's day, station by station and in batches.

    .venv/bin/python bench/province.py [--stations N] [--json]

What each station costs the centre (ms per station, wall time) for each step the live demo takes
for the stations its simulated boxes leave alone (`cli.simulated_province`): its box enrolled,
its head and secretary registered, its zero report and its final report ingested. Each step is
timed twice on a fresh SQLite store of the runoff (as `sandogh simulate` loads it): through the
use cases one station at a time (`enrol_device`, `register_staff`, `ingest_report`), and in
batches of `simulated_province.BATCH`, one transaction each (`enrol_devices`, `register_many`,
`ingest_reports`), every check the same. The reports are built and signed before the clock
starts. Then a profile of one batched run says where the time goes. Machines are shared and
noisy: read the ratios, not the figures.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime
import io
import json
import pstats
import tempfile
import time
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

from sandogh.cli.demo import EXAMPLE_APPROVAL
from sandogh.cli.session import actor
from sandogh.cli.simulated_anchor import seal_day_record
from sandogh.cli.simulated_day import approve_own_build, plan_day
from sandogh.cli.simulated_province import (
    BATCH,
    Province,
    close_batch,
    enrol_province,
    open_batch,
    signed_final,
    signed_zero,
)
from sandogh.cli.simulated_station import station_staff
from sandogh.core.access import Grant, Role
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import VotingMode
from sandogh.core.supervision.modes import station_mode
from sandogh.services.acting import Actor
from sandogh.services.devices import enrol_device
from sandogh.services.elections import UnitOfWorkFactory, load_election
from sandogh.services.ingest import ingest_report
from sandogh.services.mode_approvals import approve_as_boards
from sandogh.services.staff import register_staff
from sandogh.station.build import installed_build
from sandogh.store.engine import make_engine
from sandogh.store.schema import init_database
from sandogh.store.unit_of_work import SqlUnitOfWork

SEED = 1403
STEPS = ("enrol", "staff", "zero", "final")


def _store(folder: Path, province: Province) -> UnitOfWorkFactory:
    url = f"sqlite:///{folder / 'centre.sqlite'}"
    init_database(url)
    engine = make_engine(url)

    def uow() -> SqlUnitOfWork:
        return SqlUnitOfWork(engine, now=datetime.datetime.now(datetime.UTC))

    loaded = province.loaded
    now = datetime.datetime.now(datetime.UTC)
    load_election(
        uow,
        loaded.election,
        definition_hash=loaded.definition_hash,
        canonical=loaded.canonical,
        now=now,
    )
    approve_as_boards(uow, loaded.election, reference=EXAMPLE_APPROVAL, by="bench", now=now)
    approve_own_build(uow, loaded.election, SEED)
    return uow


def _timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def one_by_one(uow: UnitOfWorkFactory, province: Province) -> dict[str, float]:
    election = province.loaded.election
    hq = Actor(actor(), Grant(Role.ADMIN, Geography.of(election).top_down[0]))
    now = datetime.datetime.now(datetime.UTC)

    def enrol() -> None:
        for s in province.stations:
            key = province.box_key(s).public_key.raw.hex()
            enrol_device(
                uow,
                election_id=election.id,
                station=s,
                public_key_hex=key,
                now=now,
                build=province.build,
            )

    def staff() -> None:
        for s in province.stations:
            for role, key in station_staff(SEED, s):
                register_staff(
                    uow,
                    hq,
                    election_id=election.id,
                    station=s,
                    person=f"{role.value} of {s}",
                    role=role,
                    public_key=key.public_key.text,
                    now=now,
                )

    seconds = {"enrol": _timed(enrol), "staff": _timed(staff)}
    seal_day_record(uow, election=election.id, seed=SEED, ceremony=None)
    zeros = [signed_zero(province, s) for s in province.stations]
    finals = [signed_final(province, s)[0] for s in province.stations]
    seconds["zero"] = _timed(lambda: [ingest_report(uow, signed=z, now=now) for z in zeros])
    seconds["final"] = _timed(lambda: [ingest_report(uow, signed=f, now=now) for f in finals])
    return seconds


def batched(uow: UnitOfWorkFactory, province: Province) -> dict[str, float]:
    election = province.loaded.election
    seconds = {
        "enrol+staff": _timed(lambda: enrol_province(uow, province, by=actor(), role="admin"))
    }
    seal_day_record(uow, election=election.id, seed=SEED, ceremony=None)
    seconds["zero"] = _timed(lambda: [open_batch(uow, province, b) for b in province.batches()])
    seconds["final"] = _timed(lambda: [close_batch(uow, province, b) for b in province.batches()])
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stations", type=int, default=200)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--sort", default="cumulative", help="the profile's order (pstats)")
    options = parser.parse_args()
    plan = plan_day(stations=4, scale=Fraction(1), seed=SEED, voters=300)
    geography = Geography.of(plan.loaded.election)
    semi = [
        c
        for c in sorted(plan.sheets)
        if station_mode(geography, c) is VotingMode.SEMI_ELECTRONIC and c not in plan.expected
    ]
    scale = Fraction(300, sum(plan.sheets[c].counts.cast for c in plan.chosen))
    province = Province(
        plan.loaded, tuple(semi[: options.stations]), plan.sheets, scale, SEED, installed_build()
    )
    n = len(province.stations)
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        single, batch = Path(scratch) / "single", Path(scratch) / "batch"
        single.mkdir()
        batch.mkdir()
        results["one by one"] = one_by_one(_store(single, province), province)
        uow = _store(batch, province)
        profile = cProfile.Profile() if options.profile else None
        if profile is not None:
            profile.enable()
        results[f"batches of {BATCH}"] = batched(uow, province)
        if profile is not None:
            profile.disable()
    per_station = {
        way: {step: round(1000 * s / n, 1) for step, s in steps.items()}
        for way, steps in results.items()
    }
    if options.json:
        print(json.dumps({"stations": n, "ms_per_station": per_station}))
    else:
        print(f"{n} stations, ms per station")
        for way, steps in per_station.items():
            print(f"  {way}: " + ", ".join(f"{k} {v}" for k, v in steps.items()))
    if profile is not None:
        shown = io.StringIO()
        pstats.Stats(profile, stream=shown).sort_stats(options.sort).print_stats(45)
        print(shown.getvalue())


if __name__ == "__main__":
    main()
