"""The election days the check-in and sync tests run on, loaded into every kind of store."""

from collections.abc import Callable

import pytest

from sandogh.services.ports import UnitOfWork

from .build import ROUND_1_DAY, ROUND_2_DAY, load

NewUnitOfWork = Callable[[], UnitOfWork]


@pytest.fixture
def uow(new_unit_of_work: NewUnitOfWork) -> NewUnitOfWork:
    load(new_unit_of_work, ROUND_1_DAY, ROUND_2_DAY)
    return new_unit_of_work
