"""What the contract tests share: the errors either store raises, and a stored election day."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from sandogh.core.definition.model import Election
from sandogh.formats.definition_file import canonical_bytes, definition_hash
from sandogh.services import memory
from sandogh.services.ports import UnitOfWork
from sandogh.store import errors

from .elections_for_tests import election

NewUnitOfWork = Callable[[], UnitOfWork]
DUPLICATE = (errors.DuplicateError, memory.DuplicateError)
REFUSED = (errors.ConstraintError, memory.ConstraintError)
ELECTION = "kerman-1403-r2"
T = TypeVar("T")


@functools.cache
def definition(election_id: str, stations: int) -> tuple[Election, str, bytes]:
    """The election day, its hash and canonical bytes: what `ElectionRepository.add` takes."""
    day = election(election_id, stations=stations)
    return day, definition_hash(day), canonical_bytes(day)


def add_election(uow: UnitOfWork, election_id: str = ELECTION, stations: int = 3) -> None:
    uow.elections.add(*definition(election_id, stations))


def store_election(
    new_unit_of_work: NewUnitOfWork, election_id: str = ELECTION, stations: int = 3
) -> None:
    with new_unit_of_work() as uow:
        add_election(uow, election_id, stations)
        uow.commit()


def at_once(count: int, work: Callable[[threading.Barrier, int], T]) -> list[T]:
    """`work(start, 0)` … `work(start, count - 1)`, each on a thread of its own; their results.

    Each waits at `start` (`start.wait()`) where it means to race the others: all are released
    together once every one has got there.
    """
    start = threading.Barrier(count, timeout=60)
    with ThreadPoolExecutor(max_workers=count) as pool:
        futures = [pool.submit(work, start, number) for number in range(count)]
        return [future.result() for future in futures]
