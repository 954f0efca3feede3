"""The rest of the province on the live demo's day: every station of the Kerman runoff that the
simulated day (`cli.simulated_station`) and the kiosk leave alone reports too, so that round 2
completes and can be certified as round 1 is (issue 13).

Each such station has a box key and its head's and secretary's keys of its own, drawn from the
day's seed like `station_staff`'s (a simulation's keys need to be made again, not kept secret).
Its box is enrolled, its staff registered, and it sends a zero report signed by the box when polls
open and a final report with its paper tally sheet (its round-2 sheet scaled as the day's own
stations are, `simulated_ballots.paper_sheet`) signed by the box, its head and its secretary once
they close, each through the same use cases as one box's, only many in one transaction
(`services.devices.enrol_devices`, `services.staff.register_many`,
`services.ingest.ingest_reports`): the centre checks every signature, the sealed record's
coverage and every sheet as for a single report. Before its final report, a station's box checks
in as many voters of the day's registry as its sheet's papers used, by every rule of a check-in
(`services.check_in_batches`, `CHECK_INS` to a transaction, the box's key asking), so that its
check-ins are its papers used (DESIGN.md §3) and the centre raises no incident for it. Its voters
are the registry's after the simulated stations' crowds and `KIOSK_SPARE` more, which the kiosk's
visitor may check in (`live_demo_accounts.spare_voters` prints three): no voter is checked in
twice. A refused check-in or report is a fault of the simulation, and raised.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import hashlib
import itertools
import secrets
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction

from sandogh.cli.simulated_ballots import CONTEST, paper_sheet, scaled
from sandogh.cli.simulated_day import DayPlan, SimulationError
from sandogh.cli.simulated_station import station_staff
from sandogh.core.access import Grant, Role
from sandogh.core.counting.tally import Counts, TallySheet
from sandogh.core.definition.geography import Geography
from sandogh.core.report import (
    ReportKind,
    SigningKey,
    StationReport,
    encode_signed,
    sign_as_staff,
    sign_report,
    station_ballot,
    zero_report,
)
from sandogh.core.report.ballot import Ballots
from sandogh.core.report.records import cvr_digest
from sandogh.core.supervision.modes import encrypts
from sandogh.formats.definition_file import LoadedDefinition
from sandogh.registry.synthetic import SyntheticRegistry
from sandogh.server.settings import SyntheticRegistrySpec
from sandogh.services.acting import Actor
from sandogh.services.check_in_batches import check_in_many
from sandogh.services.checkin import Asked, BallotCard, Checker
from sandogh.services.devices import enrol_devices
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.services.ingest import Ingested, ingest_reports
from sandogh.services.report_refusal import ReportRefusedError
from sandogh.services.staff import StaffToRegister, register_many
from sandogh.station.build import installed_build

#: stations a transaction takes at once: short enough for the centre's own writes to wait
BATCH = 50
#: check-ins a transaction takes at once, for the same reason
CHECK_INS = 1_000
#: a pause after each transaction: a thread that commits and begins again at once takes the
#: process's writer lock (`store.engine`) again before a waiting thread wakes, and the live
#: demo's publisher, waiting to write its checkpoint, gave up after 30 s
PAUSE_SECONDS = 0.01
#: the registry's voters after the simulated stations' that no station of the province takes
KIOSK_SPARE = 1_000


@dataclass(frozen=True)
class Province:
    """The stations that report without a simulated box, their sheets, the day's scale."""

    loaded: LoadedDefinition
    stations: tuple[str, ...]
    sheets: dict[str, TallySheet]
    scale: Fraction
    seed: int
    build: str
    registry: SyntheticRegistrySpec  # the day's, which holds the province's voters too
    first_voter: int  # of the registry's voters on the day, the first a station here takes

    @functools.cached_property
    def geography(self) -> Geography:
        return Geography.of(self.loaded.election)

    @functools.cached_property
    def ballots(self) -> Ballots:
        return Ballots.of_geography(self.geography)

    def box_key(self, station: str) -> SigningKey:
        return SigningKey.from_seed(hashlib.sha256(f"{self.seed}:{station}:box".encode()).digest())

    def batches(self) -> Iterator[tuple[str, ...]]:
        for start in range(0, len(self.stations), BATCH):
            yield self.stations[start : start + BATCH]

    def check_ins(self, station: str) -> int:
        """The voters `station` checks in: its sheet's ballot papers used."""
        return final_sheet(self, station).papers_used


class Crowd:
    """The province's voters, handed out in the registry's order as its stations close, and
    what checks them in: the day's registry and the centre's ledger secret."""

    def __init__(self, province: Province, ledger_secret: bytes) -> None:
        spec = province.registry
        registry = SyntheticRegistry(spec.seed, size=spec.size)
        codes = registry.voters(province.loaded.election.date)
        self._codes = itertools.islice(codes, province.first_voter, None)
        # a card's token goes nowhere: no ballot is cast on a box here, the sheet is reported
        self.checker = Checker(registry, ledger_secret, lambda: secrets.token_urlsafe(16))

    def take(self, count: int) -> list[str]:
        taken = [code.digits for code in itertools.islice(self._codes, count)]
        if len(taken) < count:
            raise SimulationError(f"the day's registry has {count - len(taken)} voters too few")
        return taken


def enrol_province(uow: UnitOfWorkFactory, province: Province, *, by: str, role: str) -> None:
    """Every box of `province` enrolled and its head and secretary registered, batch by batch,
    before the pre-election record naming them is sealed."""
    election = province.loaded.election
    hq = Actor(by, Grant(Role.ADMIN, province.geography.top_down[0]))
    for batch in province.batches():
        now = datetime.datetime.now(datetime.UTC)
        boxes = [(s, province.box_key(s).public_key.raw.hex()) for s in batch]
        enrol_devices(
            uow,
            election_id=election.id,
            boxes=boxes,
            now=now,
            build=province.build,
            actor=by,
            role=role,
        )
        staff = [
            StaffToRegister(station, f"{member.value} of {station}", member, key.public_key.text)
            for station in batch
            for member, key in station_staff(province.seed, station)
        ]
        register_many(uow, hq, election_id=election.id, staff=staff, now=now)


def province_of(
    plan: DayPlan, kiosk: str, *, seed: int, e2e: bool, limit: int | None = None
) -> Province:
    """The stations of `plan`'s runoff that neither the simulated day nor the `kiosk` runs (on an
    E2E day, only those whose ballots no box encrypts: an electronic station's final report
    commits to its box's chain, docs/e2e.md §7), in order; with `limit`, the first so many. Its
    registry is the plan's, grown to hold the voters its stations check in: the day's centre
    must be given it (`DayPlan.registry`)."""
    geography = Geography.of(plan.loaded.election)
    left = [
        code
        for code in sorted(plan.sheets)
        if code not in plan.expected and code != kiosk and not (e2e and encrypts(geography, code))
    ]
    chosen = tuple(left if limit is None else left[:limit])
    first = sum(len(crowd) for crowd in plan.crowds.values()) + KIOSK_SPARE
    province = Province(
        plan.loaded, chosen, plan.sheets, plan.scale, seed, installed_build(), plan.registry, first
    )
    needed = first + sum(province.check_ins(code) for code in chosen)
    # about 88 % of a synthetic registry may vote, as in `simulated_day.plan_day`
    size = max(plan.registry.size, needed * 5 // 4 + 1_000)
    spec = SyntheticRegistrySpec(seed=plan.registry.seed, size=size)
    return dataclasses.replace(province, registry=spec)


def open_batch(uow: UnitOfWorkFactory, province: Province, batch: Sequence[str]) -> None:
    """The zero reports of `batch`, signed by their boxes, in one transaction."""
    now = datetime.datetime.now(datetime.UTC)
    _taken(ingest_reports(uow, signed=[signed_zero(province, s) for s in batch], now=now))


def close_batch(
    uow: UnitOfWorkFactory, province: Province, batch: Sequence[str], crowd: Crowd
) -> int:
    """The voters of `batch` checked in from the `crowd`, then its final reports, signed by
    their boxes and their head and secretary, in one transaction. The ballots they add."""
    check_in_crowd(uow, crowd_asked(province, batch, crowd), crowd.checker)
    now = datetime.datetime.now(datetime.UTC)
    reports = [signed_final(province, s) for s in batch]
    _taken(ingest_reports(uow, signed=[signed for signed, _ in reports], now=now))
    return sum(n for _, n in reports)


def crowd_asked(province: Province, batch: Sequence[str], crowd: Crowd) -> list[Asked]:
    """The check-ins of `batch`'s stations, as many voters of the `crowd` at each as its papers
    used, each asked for by the station's box."""
    now = datetime.datetime.now(datetime.UTC)
    election = province.loaded.election.id
    asked: list[Asked] = []
    for station in batch:
        box = province.box_key(station).public_key.raw.hex()
        codes = crowd.take(province.check_ins(station))
        asked.extend(Asked(election, station, box, code, now) for code in codes)
    return asked


def check_in_crowd(uow: UnitOfWorkFactory, asked: Sequence[Asked], checker: Checker) -> None:
    """The check-ins `asked`, `CHECK_INS` to a transaction, each followed by a pause for the
    process's other writers; a voter refused is raised."""
    for start in range(0, len(asked), CHECK_INS):
        part = asked[start : start + CHECK_INS]
        for each, outcome in zip(part, check_in_many(uow, part, checker), strict=True):
            if not isinstance(outcome, BallotCard):
                raise SimulationError(f"a voter of {each.station} was refused: {outcome}")
        time.sleep(PAUSE_SECONDS)


def _taken(outcomes: Sequence[Ingested | ReportRefusedError]) -> None:
    """A report of the simulation refused is a fault of the simulation: raise it."""
    for outcome in outcomes:
        if isinstance(outcome, ReportRefusedError):
            raise outcome


def signed_zero(province: Province, station: str) -> bytes:
    key = province.box_key(station)
    report = zero_report(
        election=province.loaded.election.id,
        definition_hash=province.loaded.definition_hash,
        station=station,
        device=key.public_key,
        sequence=1,
        ballot=station_ballot(province.geography, station, province.ballots),
    )
    return encode_signed(sign_report(_built(province, report), key))


def signed_final(province: Province, station: str) -> tuple[bytes, int]:
    counts = final_sheet(province, station)
    return signed_sheets(province, station, (TallySheet(station, CONTEST, counts),)), counts.cast


def signed_sheets(province: Province, station: str, sheets: Sequence[TallySheet]) -> bytes:
    """`station`'s final report of `sheets`, signed by its box, its head and its secretary."""
    key = province.box_key(station)
    report = StationReport(
        election=province.loaded.election.id,
        definition_hash=province.loaded.definition_hash,
        station=station,
        device=key.public_key,
        kind=ReportKind.FINAL,
        sequence=2,
        sheets=tuple(sheets),
        cvr_count=0,
        cvr_digest=cvr_digest(()),
    )
    signed = sign_report(_built(province, report), key)
    for role, member in station_staff(province.seed, station):
        signed = sign_as_staff(signed, role, member)
    return encode_signed(signed)


def final_sheet(province: Province, station: str) -> Counts:
    """`station`'s paper tally sheet: its round-2 sheet scaled as the simulated stations' are."""
    sheet = province.sheets[station].counts
    return paper_sheet(sheet, scaled(sheet, province.scale))


def _built(province: Province, report: StationReport) -> StationReport:
    """`report` naming the build its box runs, as every box's does (issue 12)."""
    return dataclasses.replace(report, build=province.build)
