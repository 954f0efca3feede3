"""The day of `sandogh simulate`: a whole election day through the real HTTP API (issue 3).

The centre is the app of `sandogh serve` on uvicorn, in a child process on a free loopback port,
over a store holding the Kerman round-2 definition (examples/kerman-1403/round2.yaml) and a
synthetic registry. N stations of it are chosen (by the seed) and each gets a real ballot box
(`station.box.Box`: its own directory, key and database, `HttpCentreClient`, a file printer),
enrolled first; then goes through its day on one of several threads (`cli.simulated_station`),
as its voting mode has it: an electronic station's box checks voters in, takes the ballots of
`cli.simulated_ballots`, closes, counts and reports; most of the example's stations are
semi-electronic, where the box checks voters in, they vote on paper, and after closing the paper
tally sheet is entered by blind double entry and reported. Each station's head and secretary are
registered at the centre first, with keys drawn from the seed (`station_staff`), open its sealed
ballots to count them (issue 9, section 1) and sign its final report beside the box, as the
centre requires (section 2). Between the boxes' enrolment and their
zero reports the pre-election record naming them is sealed (`cli.simulated_anchor`), so that the
centre holds every report to it, as on a real election day. The results are then read back
through the store (`services.results.tally`) and set beside what was cast.

With `e2e`, the day is end-to-end verifiable (issue 10, `cli.simulated_e2e`) and its stations
are chosen among the electronic ones, whose ballots E2E encrypts, but for one semi-electronic
station (`ON_PAPER`, when more than one is simulated), as most of Kerman's are: the guardians'
ceremony runs first and its record is loaded into the centre, so every electronic box is enrolled
with the joint key and encrypts every ballot, and the sealed record carries the joint key and HE;
the semi-electronic box is sent no key, and its paper sheet, entered twice and signed, is
reported beside the E2E tally; at each electronic station the first voter challenges a ballot
(it is opened and kept in the chain, never counted) and then casts; each box sends its chain
after its final report. The snapshot is then published with the E2E record, two of the three
guardians decrypt its tallies, each held to the sealed record by its fingerprint
(`guardians decrypt --anchor`), and `verify-election` checks the record.
"""

from __future__ import annotations

import dataclasses
import datetime
import itertools
import random
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from sandogh.cli.demo import EXAMPLE, EXAMPLE_APPROVAL, ExampleMissingError
from sandogh.cli.enrolling import add_run_operator, run_operator_pass
from sandogh.cli.session import actor
from sandogh.cli.simulated_anchor import approve_build_by_officials, seal_day_record
from sandogh.cli.simulated_ballots import CONTEST, Figures, scaled
from sandogh.cli.simulated_e2e import Guardians, ceremony_stored, decrypt_tallies
from sandogh.cli.simulated_station import (
    TIMEOUT_SECONDS,
    StationDay,
    enrol_box,
    register_station_staff,
    station_day,
    station_staff,
)
from sandogh.core.access import Grant, Role
from sandogh.core.counting.tally import TallySheet
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import Election, VotingMode
from sandogh.core.errors import SandoghError
from sandogh.core.supervision.modes import station_mode
from sandogh.formats.definition_file import LoadedDefinition, load_definition
from sandogh.formats.tally_csv import load_tally_csv
from sandogh.publish.e2e_record import E2EOptions
from sandogh.publish.snapshot import Publisher
from sandogh.registry.synthetic import SyntheticRegistry
from sandogh.server.process import centre_process, one_run_settings
from sandogh.server.server_key import SERVER_KEY, ServerKey
from sandogh.server.settings import SyntheticRegistrySpec
from sandogh.services.acting import Actor
from sandogh.services.elections import UnitOfWorkFactory, load_election
from sandogh.services.mode_approvals import approve_as_boards
from sandogh.services.results import tally
from sandogh.station.build import installed_build
from sandogh.store.engine import make_engine
from sandogh.store.schema import init_database
from sandogh.store.unit_of_work import SqlUnitOfWork
from sandogh.verify_election.run import verify_election

#: the semi-electronic stations of an E2E day (docs/e2e.md, "Mixed-mode elections")
ON_PAPER = 1


class SimulationError(SandoghError):
    """The simulated day could not be run as asked."""


@dataclass(frozen=True)
class E2EDay:
    """What the E2E part of the day did, and how long each step took (wall time)."""

    chains: int  # the stations' chains the centre took
    challenged: int
    ceremony_seconds: float
    publish_seconds: float  # the encrypted tallies, their decryption, the record written
    verify_seconds: float
    failures: tuple[str, ...]  # verify-election's failed checks, each with its first failure
    record: Path | None  # the snapshot holding the record, when kept
    anchor: str  # the sealed pre-election record's fingerprint the guardians were given

    @property
    def verified(self) -> bool:
        return not self.failures


@dataclass(frozen=True)
class Simulation:
    stations: tuple[StationDay, ...]
    expected: Figures
    stored: Figures
    stations_reported: int
    seconds: float  # the boxes' whole day, opening to sync, wall time
    anchor: str  # the fingerprint of the pre-election record sealed before polls opened
    e2e: E2EDay | None = None

    @property
    def voters(self) -> int:
        return sum(s.voters for s in self.stations)

    @property
    def voters_per_second(self) -> float:
        return self.voters / self.seconds if self.seconds else 0.0

    @property
    def agrees(self) -> bool:
        return (
            self.expected == self.stored
            and self.stations_reported == len(self.stations)
            and all(
                s.refused == 0
                and s.reports_refused == 0
                and s.reports_delivered == (2 if self.e2e is None or s.on_paper else 3)
                for s in self.stations
            )
            and (self.e2e is None or (self.e2e.verified and self.e2e.chains == self.encrypting))
        )

    @property
    def encrypting(self) -> int:
        """The stations whose box took and encrypted the ballots: the E2E record's."""
        return sum(not s.on_paper for s in self.stations)


@dataclass(frozen=True)
class DayPlan:
    """Who votes where: the chosen stations' sheets and scaled figures, the synthetic registry
    that holds every voter, and each station's crowd (national codes, in the order they come)."""

    loaded: LoadedDefinition
    sheets: dict[str, TallySheet]
    expected: dict[str, Figures]
    registry: SyntheticRegistrySpec
    crowds: dict[str, list[str]]
    scale: Fraction = Fraction(1)  # each chosen station's sheet scaled by it

    @property
    def chosen(self) -> list[str]:
        return sorted(self.expected)


def plan_day(
    *,
    stations: int,
    scale: Fraction,
    seed: int,
    voters: int | None = None,
    e2e: bool = False,
    on_paper: int = 0,
) -> DayPlan:
    """Choose `stations` stations of the Kerman runoff by `seed`, their figures scaled by `scale`
    (with `voters`, by the scale that casts about that many over the stations chosen). With
    `e2e`, among its electronic stations, whose ballots the box takes and encrypts, but for
    `on_paper` semi-electronic ones, whose ballots are on paper and whose signed sheets the
    results add beside the E2E tally (docs/e2e.md, "Mixed-mode elections")."""
    if not EXAMPLE.is_dir():
        raise ExampleMissingError(EXAMPLE)
    loaded = load_definition(EXAMPLE / "round2.yaml")
    sheets = {s.station: s for s in load_tally_csv(EXAMPLE / "round2-results.csv")}
    geography = Geography.of(loaded.election)
    electronic = sorted(c for c in sheets if station_mode(geography, c) is VotingMode.ELECTRONIC)
    pool = electronic if e2e else sorted(sheets)
    paper = on_paper if e2e else 0
    if not 1 <= stations - paper <= len(pool):
        raise SimulationError(
            f"--stations must be from {1 + paper} to {len(pool) + paper}, not {stations}"
        )
    rng = random.Random(seed)
    chosen = rng.sample(pool, stations - paper)
    if paper:
        semi = sorted(c for c in sheets if station_mode(geography, c) is VotingMode.SEMI_ELECTRONIC)
        chosen += rng.sample(semi, paper)
    chosen.sort()
    if voters is not None:
        scale = Fraction(voters, max(sum(sheets[c].counts.cast for c in chosen), 1))
    if scale <= 0:
        raise SimulationError(f"--scale must be above 0, not {scale}")
    expected = {code: scaled(sheets[code].counts, scale) for code in chosen}
    needed = sum(f.cast for f in expected.values())
    # about 88 % of a synthetic registry may vote (bench/checkin.py): room for every voter
    spec = SyntheticRegistrySpec(seed=seed, size=needed * 5 // 4 + 1_000)
    registry = SyntheticRegistry(spec.seed, size=spec.size)
    codes = [c.digits for c in itertools.islice(registry.voters(loaded.election.date), needed)]
    crowd = iter(codes)
    crowds = {code: [next(crowd) for _ in range(expected[code].cast)] for code in chosen}
    return DayPlan(loaded, sheets, expected, spec, crowds, scale)


def approve_own_build(uow: UnitOfWorkFactory, election: Election, seed: int) -> None:
    """Put the build this process runs (`station.build`) on the day's approved list, as the
    national headquarters and the simulated officials would before the day: the simulated boxes
    run it (issue 12; k officials sign it, review S19 F7)."""
    country = Geography.of(election).top_down[0]
    approve_build_by_officials(
        uow,
        Actor(actor(), Grant(Role.NATIONAL_HQ, country)),
        election=election.id,
        seed=seed,
        build=installed_build(),
        label="نسخه شبیه‌سازی (simulation)",
    )


def simulate(
    *,
    stations: int,
    scale: Fraction,
    db: str | None,
    seed: int,
    threads: int,
    scratch: Path,
    e2e: bool = False,
    record: Path | None = None,
) -> Simulation:
    """Run the day in `scratch` (the boxes' directories and, without `db`, the centre's store);
    with `e2e`, end-to-end verifiable, its snapshot published into `record` (default: in
    `scratch`)."""
    plan = plan_day(
        stations=stations, scale=scale, seed=seed, e2e=e2e, on_paper=min(ON_PAPER, stations - 1)
    )
    loaded, chosen, expected = plan.loaded, plan.chosen, plan.expected
    election = loaded.election
    url = db or f"sqlite:///{scratch / 'centre.sqlite'}"
    init_database(url)
    engine = make_engine(url)
    try:
        now = datetime.datetime.now(datetime.UTC)

        def uow() -> SqlUnitOfWork:
            return SqlUnitOfWork(engine, now=now)

        load_election(
            uow,
            election,
            definition_hash=loaded.definition_hash,
            canonical=loaded.canonical,
            now=now,
        )
        approve_as_boards(uow, election, reference=EXAMPLE_APPROVAL, by="simulate", now=now)
        register_station_staff(uow, election, seed, chosen)
        approve_own_build(uow, election, seed)
        guardians, ceremony_seconds = None, 0.0
        if e2e:
            started = time.perf_counter()
            guardians, _joint = ceremony_stored(uow, scratch / "guardians", loaded, now=now)
            ceremony_seconds = time.perf_counter() - started
        key_file = scratch / SERVER_KEY
        enroller = add_run_operator(uow, election, by=actor(), key=ServerKey.write(key_file))
        settings = one_run_settings(url, plan.registry, key_file)
        with centre_process(settings) as running:
            base = running.base_url
            operator = run_operator_pass(base, enroller, timeout=TIMEOUT_SECONDS)
            # every box enrolled before the record is drafted: it names their keys
            with ThreadPoolExecutor(max_workers=threads) as pool:
                list(
                    pool.map(
                        lambda code: enrol_box(base, operator, election.id, code, scratch / code),
                        chosen,
                    )
                )
            anchor = seal_day_record(
                uow,
                election=election.id,
                seed=seed,
                ceremony=None if guardians is None else guardians.record,
            )
            start = time.perf_counter()
            with ThreadPoolExecutor(max_workers=threads) as pool:
                days = list(
                    pool.map(
                        lambda code: station_day(
                            base,
                            operator,
                            plan.sheets[code],
                            expected[code],
                            plan.crowds[code],
                            random.Random(f"{seed}:{code}"),
                            scratch / code,
                            station_staff(seed, code),
                            challenge=e2e,
                        ),
                        chosen,
                    )
                )
            seconds = time.perf_counter() - start
        with uow() as work:  # every station's figures, as the store adds them up in full
            tallied = tally(work, election.id)
        e2e_day = None
        if guardians is not None:
            e2e_day = _e2e_record(
                uow,
                guardians,
                record or scratch / "snapshot",
                scratch,
                threads,
                ceremony_seconds,
                anchor,
            )
            e2e_day = dataclasses.replace(
                e2e_day, challenged=sum(d.challenged for d in days), record=record
            )
    finally:
        engine.dispose()
    stored = [tallied.total(CONTEST, code) for code in chosen]
    reported = [t for t in stored if t is not None and t.stations_reported]
    return Simulation(
        stations=tuple(days),
        expected=sum(expected.values(), Figures(0, 0, 0, ())),
        stored=sum((Figures.of(t.counts) for t in reported), Figures(0, 0, 0, ())),
        stations_reported=len(reported),
        seconds=seconds,
        anchor=anchor,
        e2e=e2e_day,
    )


def _e2e_record(
    uow: UnitOfWorkFactory,
    guardians: Guardians,
    snapshot: Path,
    scratch: Path,
    workers: int,
    ceremony_seconds: float,
    anchor: str,
) -> E2EDay:
    """Publish the snapshot with the E2E record, have the guardians decrypt its tallies, held to
    the sealed record of fingerprint `anchor` (`--anchor`), publish the decrypted tallies into it
    (the results site with it, "Was my ballot counted?" among its pages), and check it with
    `verify-election`."""
    started = time.perf_counter()
    tallies, decrypted = scratch / "tallies", scratch / "decrypted"
    Publisher(uow, snapshot, render=False, e2e=E2EOptions(tallies_out=tallies)).regenerate()
    decrypt_tallies(guardians, tallies, decrypted, snapshot, anchor=anchor)
    Publisher(uow, snapshot, e2e=E2EOptions(decrypted=decrypted)).regenerate()
    published = time.perf_counter()
    verification = verify_election(str(snapshot), workers=workers, anchors=(anchor,))
    verified = time.perf_counter()
    with uow() as work:
        chains = sum(1 for election in work.elections.ids() for _ in work.e2e.chains(election))
    failures = tuple(
        f"V{check.value} {outcome.first}"
        for each in verification.elections
        for check, outcome in each.ledger.outcomes.items()
        if outcome.failed
    ) or (() if verification.passed else ("no election record was checked",))
    return E2EDay(
        chains=chains,
        challenged=0,
        ceremony_seconds=ceremony_seconds,
        publish_seconds=published - started,
        verify_seconds=verified - published,
        failures=failures,
        record=None,
        anchor=anchor,
    )
