"""A real central service for the tests: uvicorn on a free loopback port, in a thread, over a
store holding the Kerman round-2 definition (examples/kerman-1403/round2.yaml), its operators'
TOTP secrets sealed with a server key made for the test run."""

from __future__ import annotations

import atexit
import datetime
import functools
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from fastapi import FastAPI
from pydantic import SecretBytes

from sandogh.cli.demo import EXAMPLE_APPROVAL
from sandogh.cli.enrolling import add_run_operator, run_operator_pass
from sandogh.core.definition.model import UnitKind
from sandogh.core.report import SigningKey
from sandogh.formats.definition_file import LoadedDefinition, load_definition
from sandogh.registry.synthetic import SyntheticRegistry
from sandogh.server.app import create_app
from sandogh.server.centre import Centre, Clock, utc_now
from sandogh.server.server_key import SERVER_KEY, ServerKey
from sandogh.server.settings import ServerSettings, SyntheticRegistrySpec
from sandogh.services.elections import UnitOfWorkFactory, load_election
from sandogh.services.mode_approvals import approve_as_boards
from sandogh.station.centre_http import HttpCentreClient, OperatorPass
from sandogh.store.engine import make_engine
from sandogh.store.unit_of_work import SqlUnitOfWork
from tests.loopback import served
from tests.services.build import register_station_staff, signed, zero

KERMAN_ROUND_2 = Path(__file__).resolve().parents[2] / "examples/kerman-1403/round2.yaml"
ELECTION = "kerman-1403-r2"
POLLING_DAY = datetime.date(2024, 7, 5)
SECRET = b"k" * 32
REGISTRY = SyntheticRegistrySpec(seed=1403, size=5_000)
LOADED_AT = datetime.datetime(2024, 7, 4, 12, 0, tzinfo=datetime.UTC)


@functools.cache
def server_key_file() -> Path:
    """The server key file every centre of the tests runs with: made once a run, in a directory
    of its own that is removed when the run ends."""
    folder = Path(tempfile.mkdtemp(prefix="sandogh-tests-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    ServerKey.write(folder / SERVER_KEY)
    return folder / SERVER_KEY


def server_key() -> ServerKey:
    return ServerKey.read(server_key_file())


@functools.cache
def kerman() -> LoadedDefinition:
    return load_definition(KERMAN_ROUND_2)


@functools.cache
def stations() -> tuple[str, ...]:
    """The polling stations of the Kerman runoff, in the definition's order."""
    return tuple(u.code for u in kerman().election.units if u.kind is UnitKind.STATION)


@functools.cache
def registry() -> SyntheticRegistry:
    """The registry the live centre looks voters up in (`REGISTRY`)."""
    return SyntheticRegistry(REGISTRY.seed, size=REGISTRY.size)


def voters(count: int) -> list[str]:
    """National codes of `count` people who may vote on the polling day."""
    found: list[str] = []
    for code in registry().voters(POLLING_DAY):
        found.append(code.digits)
        if len(found) == count:
            break
    return found


def device(n: int) -> SigningKey:
    """The key of the tests' `n`-th ballot box (0 ≤ n < 2^16)."""
    return SigningKey.from_seed(n.to_bytes(2, "big") * 16)


def load_kerman(store_url: str) -> None:
    engine = make_engine(store_url)
    try:
        loaded = kerman()
        load_election(
            lambda: SqlUnitOfWork(engine, now=LOADED_AT),
            loaded.election,
            definition_hash=loaded.definition_hash,
            canonical=loaded.canonical,
            now=LOADED_AT,
        )
        approve_as_boards(
            lambda: SqlUnitOfWork(engine, now=LOADED_AT),
            loaded.election,
            reference=EXAMPLE_APPROVAL,
            by="board",
            now=LOADED_AT,
        )
    finally:
        engine.dispose()


@dataclass(frozen=True)
class Live:
    """A centre serving at `url`."""

    url: str
    app: FastAPI

    @property
    def centre(self) -> Centre:
        centre: Centre = self.app.state.centre
        return centre

    @property
    def uow(self) -> UnitOfWorkFactory:
        return self.centre.uow

    @functools.cached_property
    def operator(self) -> OperatorPass:
        """The session of an administrator of the Kerman day (added on first use), who enrols
        the tests' boxes."""
        enroller = add_run_operator(self.uow, kerman().election, by="cli:tests", key=server_key())
        return run_operator_pass(self.url, enroller, timeout=30.0)

    @property
    def operator_headers(self) -> dict[str, str]:
        """What an enrolment or a revocation sent by hand carries: the operator's session."""
        return self.operator.headers

    def client(
        self,
        key: SigningKey,
        *,
        operator: bool = False,
        clock: Clock = utc_now,
        transport: httpx.BaseTransport | None = None,
    ) -> HttpCentreClient:
        return HttpCentreClient(
            self.url,
            key,
            timeout=30.0,
            operator=self.operator if operator else None,
            clock=clock,
            transport=transport,
        )

    def enrolled(self, key: SigningKey, station: str, build: str | None = None) -> HttpCentreClient:
        """A client of the box of `key`, running `build`, enrolled for `station` through the
        API, the station's staff registered (`tests.services.build.station_staff`)."""
        register_station_staff(self.uow, ELECTION, station)
        with self.client(key, operator=True) as operator:
            operator.enrol(election=ELECTION, station=station, build=build)
        return self.client(key)

    def opened(self, key: SigningKey, station: str) -> None:
        """The box of `key` enrolled for `station` and its zero report taken."""
        with self.enrolled(key, station) as box:
            box.send_report(signed(zero(kerman().election, station, key), key))


@contextmanager
def serving(store_url: str) -> Iterator[Live]:
    """Serve `store_url` (its schema current) until the block ends."""
    settings = ServerSettings(
        database_url=store_url,
        ledger_secret=SecretBytes(SECRET),
        registry=REGISTRY,
        server_key_file=server_key_file(),
    )
    app = create_app(settings)
    with served(app, "the test centre", lifespan="on") as url:
        yield Live(url, app)
