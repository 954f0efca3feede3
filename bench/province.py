"""The rest of the Kerman province on the live demo's day, station by station and in batches.

    .venv/bin/python bench/province.py [--stations N] [--json]

What each station costs the centre (ms per station, wall time) for each step the live demo takes
for the stations its simulated boxes leave alone (`cli.simulated_province`): its box enrolled,
its head and secretary registered, its zero report ingested, its voters checked in (as many as
its papers used: the check-in step is also given in µs per voter) and its final report ingested.
Each step is timed twice on a fresh SQLite store of the runoff (as `sandogh simulate` loads it):
through the use cases one station or voter at a time (`enrol_device`, `register_staff`,
`ingest_report`, `check_in`), and in batches of `simulated_province.BATCH` stations (of
`CHECK_INS` voters), one transaction each (`enrol_devices`, `register_many`, `ingest_reports`,
`check_in_many`), every check the same; the ratio of one to the other is printed for each step.
The reports are built and signed before the clock starts. Then a profile of one batched run says
where the time goes. Machines are shared and noisy: read the ratios, not the figures.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime
import io
import json
import pstats
import secrets
import tempfile
import time
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

from sandogh.cli.demo import EXAMPLE_APPROVAL
from sandogh.cli.demo_preparation import kiosk_station
from sandogh.cli.session import actor
from sandogh.cli.simulated_anchor import seal_day_record
from sandogh.cli.simulated_day import approve_own_build, plan_day
from sandogh.cli.simulated_province import (
    BATCH,
    CHECK_INS,
    Crowd,
    Province,
    check_in_crowd,
    crowd_asked,
    enrol_province,
    open_batch,
    province_of,
    signed_final,
    signed_zero,
)
from sandogh.cli.simulated_station import station_staff
from sandogh.core.access import Grant, Role
from sandogh.core.definition.geography import Geography
from sandogh.services.acting import Actor
from sandogh.services.checkin import BallotCard, check_in
from sandogh.services.devices import enrol_device
from sandogh.services.elections import UnitOfWorkFactory, load_election
from sandogh.services.ingest import ingest_report, ingest_reports
from sandogh.services.mode_approvals import approve_as_boards
from sandogh.services.staff import register_staff
from sandogh.store.engine import make_engine
from sandogh.store.schema import init_database
from sandogh.store.unit_of_work import SqlUnitOfWork

SEED = 1403
SECRET = secrets.token_bytes(32)


def _store(folder: Path, province: Province) -> UnitOfWorkFactory:
    url = f"sqlite:///{folder / 'centre.sqlite'}"
    init_database(url)
    engine = make_engine(url)

    def uow() -> SqlUnitOfWork:
        return SqlUnitOfWork(engine, now=datetime.datetime.now(datetime.UTC))

    load_approved(uow, province)
    return uow


def load_approved(uow: UnitOfWorkFactory, province: Province) -> None:
    """The province's election loaded, its electronic mode approved by the boards and this
    build approved for its boxes: what a box's enrolment asks first."""
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

    crowd = Crowd(province, SECRET)
    voters = {s: crowd.take(province.check_ins(s)) for s in province.stations}

    def check_ins() -> None:
        for s, codes in voters.items():
            key = province.box_key(s).public_key.raw.hex()
            for code in codes:
                card = check_in(
                    uow,
                    election_id=election.id,
                    station=s,
                    device=key,
                    national_code=code,
                    registry=crowd.checker.registry,
                    ledger_secret=SECRET,
                    now=datetime.datetime.now(datetime.UTC),
                    new_token=crowd.checker.new_token,
                )
                assert isinstance(card, BallotCard), card

    seconds = {"enrol": _timed(enrol), "staff": _timed(staff)}
    seal_day_record(uow, election=election.id, seed=SEED, ceremony=None)
    zeros = [signed_zero(province, s) for s in province.stations]
    finals = [signed_final(province, s)[0] for s in province.stations]
    seconds["zero"] = _timed(lambda: [ingest_report(uow, signed=z, now=now) for z in zeros])
    seconds["check-in"] = _timed(check_ins)
    seconds["final"] = _timed(lambda: [ingest_report(uow, signed=f, now=now) for f in finals])
    _no_false_incident(uow, province)
    return seconds


def batched(uow: UnitOfWorkFactory, province: Province) -> dict[str, float]:
    election = province.loaded.election
    seconds = {
        "enrol+staff": _timed(lambda: enrol_province(uow, province, by=actor(), role="admin"))
    }
    seal_day_record(uow, election=election.id, seed=SEED, ceremony=None)
    seconds["zero"] = _timed(lambda: [open_batch(uow, province, b) for b in province.batches()])
    crowd = Crowd(province, SECRET)
    # the voters drawn from the registry before the clock starts, as one by one's are
    asked = [crowd_asked(province, b, crowd) for b in province.batches()]

    def check_ins() -> None:
        for each in asked:
            check_in_crowd(uow, each, crowd.checker)

    seconds["check-in"] = _timed(check_ins)
    finals = [[signed_final(province, s)[0] for s in b] for b in province.batches()]
    now = datetime.datetime.now(datetime.UTC)
    seconds["final"] = _timed(
        lambda: [ingest_reports(uow, signed=signed, now=now) for signed in finals]
    )
    _no_false_incident(uow, province)
    return seconds


def _no_false_incident(uow: UnitOfWorkFactory, province: Province) -> None:
    """Every station's check-ins are its papers used: no incident says otherwise."""
    with uow() as work:
        raised = work.incidents.all(province.loaded.election.id)
    assert not raised, raised[:3]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stations", type=int, default=200)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--sort", default="cumulative", help="the profile's order (pstats)")
    options = parser.parse_args()
    plan = plan_day(stations=4, scale=Fraction(1), seed=SEED, voters=300)
    # the semi-electronic stations the day leaves alone, as on an E2E day
    province = province_of(plan, kiosk_station(plan), seed=SEED, e2e=True, limit=options.stations)
    n = len(province.stations)
    voters = sum(province.check_ins(s) for s in province.stations)
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
    single_steps = results["one by one"]
    single_steps = {
        "enrol+staff": single_steps.pop("enrol") + single_steps.pop("staff"),
        **single_steps,
    }
    batch_steps = results[f"batches of {BATCH}"]
    per_station = {
        step: {
            "one_by_one_ms": round(1000 * single_steps[step] / n, 2),
            "batched_ms": round(1000 * batch_steps[step] / n, 2),
            "ratio": round(single_steps[step] / batch_steps[step], 1),
        }
        for step in batch_steps
    }
    per_voter = {
        "one_by_one_us": round(1e6 * single_steps["check-in"] / voters, 1),
        "batched_us": round(1e6 * batch_steps["check-in"] / voters, 1),
    }
    if options.json:
        print(
            json.dumps(
                {
                    "stations": n,
                    "voters": voters,
                    "check_ins_per_transaction": CHECK_INS,
                    "ms_per_station": per_station,
                    "check_in_per_voter": per_voter,
                }
            )
        )
    else:
        print(f"{n} stations, {voters:,} voters; ms per station, one by one / in batches")
        for step, figures in per_station.items():
            print(
                f"  {step:12} {figures['one_by_one_ms']:9.2f} / {figures['batched_ms']:8.2f}"
                f"   ×{figures['ratio']}"
            )
        print(
            f"  check-in per voter: {per_voter['one_by_one_us']} µs / {per_voter['batched_us']} µs"
            f" ({CHECK_INS} to a transaction)"
        )
    if profile is not None:
        shown = io.StringIO()
        pstats.Stats(profile, stream=shown).sort_stats(options.sort).print_stats(45)
        print(shown.getvalue())


if __name__ == "__main__":
    main()
