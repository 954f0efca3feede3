"""What every request of the central service works with: the store, the registry, the secrets
and the clock, opened once when the service starts.

The server is where the clock and the randomness of the use cases are read (DESIGN.md §2: the
services take both as given): the time of each unit of work and each use case, and the ballot
card's token, drawn from `secrets` and never stored (a code a person can copy by hand,
`core.station.card_codes`).
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import Engine

from sandogh.core.station.card_codes import RANDOM_BYTES, card_code
from sandogh.core.station.check_in_bounds import USUAL_LIMITS, CheckInLimits
from sandogh.registry.file import FileRegistry
from sandogh.registry.synthetic import SyntheticRegistry
from sandogh.server.look_up_pace import LookUpPace
from sandogh.server.settings import ServerSettings, SyntheticRegistrySpec
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.services.ports import Registry
from sandogh.store.engine import make_engine
from sandogh.store.schema import check_schema
from sandogh.store.unit_of_work import SqlUnitOfWork

Clock = Callable[[], datetime.datetime]


def utc_now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def new_token() -> str:
    """A ballot card's code: 95 random bits and a check character."""
    return card_code(secrets.token_bytes(RANDOM_BYTES))


@dataclass(frozen=True, eq=False, repr=False)
class Centre:
    uow: UnitOfWorkFactory
    registry: Registry
    ledger_secret: bytes
    window: datetime.timedelta
    clock: Clock
    new_token: Callable[[], str]
    engine: Engine
    file_registry: FileRegistry | None
    check_in_limits: CheckInLimits = USUAL_LIMITS
    look_up_pace: LookUpPace = field(default_factory=LookUpPace)

    def close(self) -> None:
        self.engine.dispose()
        if self.file_registry is not None:
            self.file_registry.close()


def open_centre(settings: ServerSettings, *, clock: Clock = utc_now) -> Centre:
    """Open the store (its schema must be current: `StoreError` if not) and the registry
    (`RegistryFileError` if its file cannot be read)."""
    engine = make_engine(settings.database_url, connections=settings.connections)
    try:
        check_schema(engine)
        spec = settings.registry
        registry: Registry
        file_registry = None
        if isinstance(spec, SyntheticRegistrySpec):
            registry = SyntheticRegistry(spec.seed, size=spec.size)
        else:
            registry = file_registry = FileRegistry(spec.path)
    except BaseException:
        engine.dispose()
        raise
    return Centre(
        uow=lambda: SqlUnitOfWork(engine, now=clock()),
        registry=registry,
        ledger_secret=settings.ledger_secret.get_secret_value(),
        window=datetime.timedelta(seconds=settings.request_window_seconds),
        clock=clock,
        new_token=new_token,
        engine=engine,
        file_registry=file_registry,
        check_in_limits=settings.check_ins.limits(),
    )


async def centre_of(request: Request) -> Centre:
    """The centre the app was created with (`app.create_app`). Async only so that FastAPI calls it
    on the event loop: a plain function it would send through its thread pool, a hop that cost a
    check-in more than the lookup."""
    centre: Centre = request.app.state.centre
    return centre


CentreDep = Annotated[Centre, Depends(centre_of)]
