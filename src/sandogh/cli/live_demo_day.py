"""The live demo's election day (`cli.live_demo`): the guardians' ceremony on an E2E day, the
boxes enrolled and the record sealed before polls open, the kiosk's box, and the simulated
stations run one after another while the main thread prints each report as it comes. The
publisher and the guardians' decryption after the day are `cli.live_demo_publishing`'s."""

from __future__ import annotations

import datetime
import functools
import queue
import random
import threading
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console

from sandogh.cli.demo_preparation import kiosk_station
from sandogh.cli.live_demo_accounts import ADMIN, digits
from sandogh.cli.live_demo_parts import Probe, Worker, check
from sandogh.cli.live_demo_text import say
from sandogh.cli.session import actor
from sandogh.cli.simulated_anchor import seal_day_record
from sandogh.cli.simulated_ballots import CONTEST
from sandogh.cli.simulated_day import DayPlan
from sandogh.cli.simulated_e2e import Guardians, ceremony_stored
from sandogh.cli.simulated_province import (
    PAUSE_SECONDS,
    Crowd,
    Province,
    close_batch,
    enrol_province,
    open_batch,
)
from sandogh.cli.simulated_station import (
    TIMEOUT_SECONDS,
    StationDay,
    enrol_box,
    station_day,
    station_staff,
)
from sandogh.core.access import Grant, Role
from sandogh.core.anchor import short_fingerprint
from sandogh.core.definition.model import Name
from sandogh.core.report import SigningKey, StaffRole
from sandogh.formats.key_file import write_key_file
from sandogh.locale.language import Lang
from sandogh.services import acting
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.services.staff import register_staff
from sandogh.station.box import Box
from sandogh.station.centre_http import HttpCentreClient, OperatorPass
from sandogh.station.directory import StationDirectory
from sandogh.station.printers import FilePrinter
from sandogh.station.setup import OfflinePolicy

WATCH_SECONDS = 0.25
KIOSK_PAPERS = 500
KIOSK_STAFF = (StaffRole.HEAD, StaffRole.SECRETARY)  # two: enough to count and sign
#: Their names, in the demo's language, the kiosk's (`box.lang`): people, as the demo's voters
#: and candidates are, never a role's machine name («head (demo)» on the kiosk, review S22 A7)
KIOSK_PEOPLE = {
    StaffRole.HEAD: Name("مریم رحیمی", "Maryam Rahimi"),
    StaffRole.SECRETARY: Name("علی کرمانی", "Ali Kermani"),
}


def cast_in(plan: DayPlan) -> int:
    return sum(f.cast for f in plan.expected.values())


def ceremony(
    store: UnitOfWorkFactory, plan: DayPlan, folder: Path, out: Console, lang: Lang
) -> Guardians:
    """The guardians' key ceremony, its record stored in the centre before any box enrols."""
    now = datetime.datetime.now(datetime.UTC)
    guardians, joint = ceremony_stored(store, folder / "guardians", plan.loaded, now=now)
    out.print(say("e2e_ceremony", lang, joint=joint))
    return guardians


def polls_open(
    plan: DayPlan,
    base: str,
    operator: OperatorPass,
    store: UnitOfWorkFactory,
    folder: Path,
    kiosk: Box,
    province: Province,
    guardians: Guardians | None,
    log_key: SigningKey,
    out: Console,
    lang: Lang,
) -> str:
    """Every box of the day enrolled beside the kiosk's and those of the rest of the `province`,
    the pre-election record naming them and the `log_key` sealed (with the guardians' joint key,
    on an E2E day) and said with the command that checks the snapshot against it, then the kiosk
    opened: its zero report comes after the seal, as every station's does. The record's
    fingerprint."""
    election = plan.loaded.election.id
    for code in plan.chosen:
        enrol_box(base, operator, election, code, folder / "boxes" / code)
    enrol_province(store, province, by=actor(), role=Role.ADMIN.value)
    ceremony = None if guardians is None else guardians.record
    seed = plan.registry.seed  # the day's seed, which drew its registry too
    anchor = seal_day_record(
        store, election=election, seed=seed, ceremony=ceremony, log_key=log_key.public_key
    )
    short = digits(short_fingerprint(anchor), lang)
    site = str(folder / "site")
    sealed = say("sealed", lang, fingerprint=anchor, short=short, site=site, election=election)
    out.print(sealed, soft_wrap=True)
    kiosk.open({CONTEST: KIOSK_PAPERS})
    kiosk.start_voting()
    kiosk.sync()  # the zero report, to the centre now
    return anchor


def kiosk_box(
    plan: DayPlan,
    base: str,
    operator: OperatorPass,
    store: UnitOfWorkFactory,
    boxes: Path,
    running: ExitStack,
    lang: Lang,
) -> tuple[str, Box, list[Path]]:
    """A box for an electronic station the simulation leaves alone (its voters cast on its
    screen), its staff registered by name in `lang` with key files of their own (to log in on
    its screens), enrolled: opened once the record is sealed."""
    station = kiosk_station(plan)
    folder = boxes / station
    box_store, key = StationDirectory(folder).create()
    staff = []
    for role in KIOSK_STAFF:
        staff.append(folder / f"staff-{role.value}.key")
        register_staff(
            store,
            acting.Actor(ADMIN[0], Grant(ADMIN[2], ADMIN[3])),
            election_id=plan.loaded.election.id,
            station=station,
            person=KIOSK_PEOPLE[role].fa if lang == "fa" else KIOSK_PEOPLE[role].en,
            role=role,
            public_key=write_key_file(staff[-1]).public_key.text,
            now=datetime.datetime.now(datetime.UTC),
        )
    centre = running.enter_context(
        HttpCentreClient(base, key, timeout=TIMEOUT_SECONDS, operator=operator)
    )
    box = Box(box_store, key, centre, FilePrinter(folder / "printer.jsonl"))
    box.enrol(election=plan.loaded.election.id, station=station, policy=OfflinePolicy.REFUSE)
    return station, box, staff


@dataclass(frozen=True)
class ProvinceBatch:
    """Stations of the rest of the province whose final reports the centre took together."""

    stations: int
    voters: int


def run_day(
    plan: DayPlan,
    base: str,
    operator: OperatorPass,
    boxes: Path,
    reported: queue.Queue[StationDay | ProvinceBatch],
    stop: threading.Event,
    *,
    minutes: float,
    seed: int,
    challenge: bool,
    store: UnitOfWorkFactory,
    province: Province,
    ledger_secret: bytes,
) -> None:
    """Each chosen station's whole day in turn, the k-th started k slots after the first, so
    that the last reports at about `minutes`; with `challenge` (an E2E day), each station's first
    voter challenges a ballot. While a station waits its turn, the rest of the `province` opens
    and then checks its voters in (keyed by the centre's `ledger_secret`) and reports, batch by
    batch: every station has reported once the last simulated one has, or soon after."""
    slot = minutes * 60 / len(plan.chosen)
    start = time.monotonic()
    batches = list(province.batches())
    crowd = Crowd(province, ledger_secret)
    waiting: list[Callable[[], ProvinceBatch | None]] = [
        *(functools.partial(_opened, store, province, b) for b in batches),
        *(functools.partial(_closed, store, province, b, crowd) for b in batches),
    ]
    for k, code in enumerate(plan.chosen):
        while waiting and time.monotonic() < start + k * slot and not stop.wait(PAUSE_SECONDS):
            _put(reported, waiting.pop(0)())
        if stop.wait(max(0.0, start + k * slot - time.monotonic())):
            return
        reported.put(
            station_day(
                base,
                operator,
                plan.sheets[code],
                plan.expected[code],
                plan.crowds[code],
                random.Random(f"{seed}:{code}"),
                boxes / code,
                station_staff(seed, code),
                challenge=challenge,
            )
        )
    while waiting and not stop.wait(PAUSE_SECONDS):
        _put(reported, waiting.pop(0)())


def _opened(store: UnitOfWorkFactory, province: Province, batch: tuple[str, ...]) -> None:
    open_batch(store, province, batch)


def _closed(
    store: UnitOfWorkFactory, province: Province, batch: tuple[str, ...], crowd: Crowd
) -> ProvinceBatch:
    return ProvinceBatch(len(batch), close_batch(store, province, batch, crowd))


def _put(reported: queue.Queue[StationDay | ProvinceBatch], done: ProvinceBatch | None) -> None:
    if done is not None:
        reported.put(done)


def watch(
    out: Console,
    lang: Lang,
    plan: DayPlan,
    parts: list[tuple[str, Probe]],
    day: Worker,
    reported: queue.Queue[StationDay | ProvinceBatch],
    exit_when_done: bool,
    province: int,
    after_day: Callable[[], None] | None = None,
) -> None:
    """Print each station's report (and each batch of the rest of the `province`'s stations)
    as it comes and stop when a part stops; once the day is over, run `after_day`; with
    `exit_when_done`, return then."""
    done: list[StationDay | ProvinceBatch] = []
    announced = False
    while True:
        time.sleep(WATCH_SECONDS)
        while not reported.empty():
            done.append(reported.get())
            clock = digits(datetime.datetime.now().strftime("%H:%M:%S"), lang)  # noqa: DTZ005 — the watcher's own wall clock
            out.print(
                say(
                    "progress",
                    lang,
                    clock=clock,
                    reported=_stations(done),
                    stations=len(plan.chosen) + province,
                    cast=sum(s.voters for s in done),
                )
            )
        check(parts, lang)
        if day.is_alive() or announced:
            continue
        out.print(say("done", lang, cast=sum(s.voters for s in done), stations=_stations(done)))
        if after_day is not None:
            after_day()
        if exit_when_done:
            return
        out.print(say("serving", lang))
        announced = True


def _stations(done: list[StationDay | ProvinceBatch]) -> int:
    return sum(s.stations if isinstance(s, ProvinceBatch) else 1 for s in done)
