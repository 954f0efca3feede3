"""The election days the check-in and sync tests run on, loaded into every kind of store, and an
engine on each kind of SQL store for the tests that tamper with its rows."""

from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import Engine

from sandogh.services.ports import UnitOfWork
from sandogh.store.engine import make_engine

from .build import ROUND_1_DAY, ROUND_2_DAY, load

NewUnitOfWork = Callable[[], UnitOfWork]


@pytest.fixture
def uow(new_unit_of_work: NewUnitOfWork) -> NewUnitOfWork:
    load(new_unit_of_work, ROUND_1_DAY, ROUND_2_DAY)
    return new_unit_of_work


@pytest.fixture
def engine(store_url: str) -> Iterator[Engine]:
    engine = make_engine(store_url)
    try:
        yield engine
    finally:
        engine.dispose()
