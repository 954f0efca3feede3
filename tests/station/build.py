"""A ballot box on a slice of Kerman 1403's runoff day, with a fake centre and a file printer.

The ballot (`reference/seed-facts.md`, docs/formats.md): the presidential runoff, Jalili 21 and
Pezeshkian 25, one seat; a Majlis runoff of two seats between four candidates, 31–34. The
station's staff are three registered members (`STAFF`); any two of them count (`COUNTERS`).
"""

from __future__ import annotations

import datetime
import random
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sandogh.core.e2e.ballot import ElectionContext
from sandogh.core.e2e.group import RISTRETTO255
from sandogh.core.report import BallotContest, SigningKey, StaffRole, record_bound
from sandogh.core.voters import check_digit
from sandogh.station.box import Box
from sandogh.station.box_check_in import CheckInOutcome, IssuedCard
from sandogh.station.count_key import recover, sealed_length
from sandogh.station.courier import Backoff
from sandogh.station.directory import StationDirectory
from sandogh.station.fake_centre import FakeCentre
from sandogh.station.local_store import LocalStore
from sandogh.station.printers import FilePrinter
from sandogh.station.setup import OfflinePolicy, StaffMember

ELECTION = "kerman-1403-r2"
STATION = "ST-0801-0001"
DEFINITION_HASH = "sha256:" + "ab" * 32
BALLOT = (
    BallotContest("president", 1, ("21", "25")),
    BallotContest("parliament", 2, ("31", "32", "33", "34")),
)
PAPERS = {"president": 500, "parliament": 500}
IRST = datetime.timezone(datetime.timedelta(hours=3, minutes=30))
MORNING = datetime.datetime(2024, 7, 5, 8, 0, tzinfo=IRST)
#: The station's staff keys, each from a seed of its own (the tests' keys are made, not drawn).
STAFF_SEEDS = tuple(bytes([n]) * 32 for n in (1, 2, 3))
STAFF_KEYS = tuple(
    (role, SigningKey.from_seed(seed))
    for seed, role in zip(
        STAFF_SEEDS, (StaffRole.HEAD, StaffRole.SECRETARY, StaffRole.MEMBER), strict=True
    )
)
STAFF = tuple(
    StaffMember(f"person-{n}", role, key.public_key)
    for n, (role, key) in enumerate(STAFF_KEYS, start=1)
)
#: Two of the staff, enough to count.
COUNTERS = STAFF_KEYS[:2]
#: The election's E2E context for an E2E box: a joint key whose secret the tests hold, so that
#: they can decrypt what no real box or centre could (docs/e2e.md §4).
E2E_SECRET = 0x5EC2E7 * 7919
E2E_HE = bytes(range(100, 132))
E2E_CONTEXT = ElectionContext(RISTRETTO255, E2E_HE, RISTRETTO255.base_exp(E2E_SECRET))
E2E_DOCUMENT = {
    "group": "ristretto255",
    "joint_key": E2E_CONTEXT.joint_key.hex(),
    "extended_hash": E2E_HE.hex(),
}
BACKOFF = Backoff(first=datetime.timedelta(seconds=2), cap=datetime.timedelta(seconds=60))


def national_code(i: int) -> str:
    """The i-th voter's national code: nine digits from `i`, then the check digit."""
    first_nine = f"{100_000_000 + i:09d}"
    return first_nine + str(check_digit(first_nine))


@dataclass
class Clock:
    now: datetime.datetime = MORNING

    def __call__(self) -> datetime.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += datetime.timedelta(seconds=seconds)


@dataclass
class Nonces:
    """The box's ballot nonces, drawn as the box draws them and kept here for the tests that
    look for them on the disk."""

    drawn: list[bytes] = field(default_factory=list)

    def __call__(self) -> bytes:
        self.drawn.append(secrets.token_bytes(32))
        return self.drawn[-1]


@dataclass
class Station:
    """A box and everything around it, in the test's folder."""

    directory: StationDirectory
    box: Box
    centre: FakeCentre
    printer: FilePrinter
    clock: Clock = field(default_factory=Clock)
    nonces: Nonces = field(default_factory=Nonces)

    def reopen(self) -> Station:
        """The same station after a restart: a new process would open the same files."""
        self.box.store.close()
        store, key = self.directory.open()
        box = Box(
            store,
            key,
            self.centre,
            self.printer,
            clock=self.clock,
            backoff=BACKOFF,
            new_nonce=self.nonces,
        )
        return Station(self.directory, box, self.centre, self.printer, self.clock, self.nonces)


def issued(outcome: CheckInOutcome) -> IssuedCard:
    """The card a check-in issued (the test fails on a refusal)."""
    assert isinstance(outcome, IssuedCard), outcome
    return outcome


def new_station(
    folder: Path,
    *,
    policy: OfflinePolicy = OfflinePolicy.PROVISIONAL,
    ballot: tuple[BallotContest, ...] = BALLOT,
    id_seed: int | None = None,
    e2e: bool = False,
) -> Station:
    """An enrolled box, in set-up; with `e2e`, enrolled with `E2E_DOCUMENT`."""
    directory = StationDirectory(folder / "station")
    ids = None if id_seed is None else random.Random(id_seed)
    store, key = directory.create(new_id=None if ids is None else (lambda: ids.randbytes(16)))
    centre = FakeCentre(
        election=ELECTION,
        definition_hash=DEFINITION_HASH,
        ballot=ballot,
        staff=STAFF,
        e2e=E2E_DOCUMENT if e2e else None,
    )
    printer = FilePrinter(folder / "printer.jsonl")
    clock, nonces = Clock(), Nonces()
    box = Box(store, key, centre, printer, clock=clock, backoff=BACKOFF, new_nonce=nonces)
    box.enrol(election=ELECTION, station=STATION, policy=policy)
    return Station(directory, box, centre, printer, clock, nonces)


def voting_station(
    folder: Path,
    *,
    policy: OfflinePolicy = OfflinePolicy.PROVISIONAL,
    ballot: tuple[BallotContest, ...] = BALLOT,
    id_seed: int | None = None,
    e2e: bool = False,
) -> Station:
    """An enrolled box, opened with `PAPERS` (or as many papers for each contest of `ballot`)
    and voting."""
    station = new_station(folder, policy=policy, ballot=ballot, id_seed=id_seed, e2e=e2e)
    papers = PAPERS if ballot == BALLOT else {c.contest: 500 for c in ballot}
    station.box.open(papers)
    station.box.start_voting()
    return station


def opened(
    store: LocalStore, staff: Sequence[tuple[StaffRole, SigningKey]] = COUNTERS
) -> list[bytes]:
    """Every ballot the box holds, in the order it stores them, opened with `staff`'s keys as
    the count opens them; each was sealed at the station's one length."""
    with store.transaction() as tx:
        station, key, sealed = tx.station(), tx.count_key(), list(tx.records())
    assert station is not None
    assert key is not None
    setup, bound = station.setup, record_bound(station.setup.ballot)
    assert {len(data) for data in sealed} <= {sealed_length(bound)}
    opener = recover(key, [(m.role, m.key) for m in setup.staff], staff, bound)
    return [opener.open(data) for data in sealed]
