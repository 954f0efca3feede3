"""The ports the use cases talk through; adapters in `sandogh.store` implement them.

A use case opens one unit of work, does its reads and writes through the repositories on it, and
commits once: either everything it wrote is stored, or nothing is (DESIGN.md §6, one transaction
per use case).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from types import TracebackType
from typing import Protocol, Self

from sandogh.core.counting.tally import TallySheet
from sandogh.core.definition.model import Election


@dataclass(frozen=True)
class StoredElection:
    """An election day as stored: the definition and the hash of its canonical form."""

    election: Election
    definition_hash: str


class ElectionRepository(Protocol):
    def add(self, election: Election, definition_hash: str, canonical: bytes) -> None:
        """Store a new election day. The caller has checked that its id is not taken."""

    def get(self, election_id: str) -> StoredElection | None: ...

    def hash_of(self, election_id: str) -> str | None:
        """The stored definition hash, without decoding the definition."""

    def ids(self) -> list[str]: ...


class TallyRepository(Protocol):
    def add_many(self, election_id: str, sheets: Iterable[TallySheet]) -> int:
        """Store sheets of one election; returns how many. Callers check for duplicates first."""

    def keys(self, election_id: str) -> set[tuple[str, str]]:
        """The (station, contest) pairs that already have a sheet."""

    def all(self, election_id: str) -> Iterator[TallySheet]: ...


class UnitOfWork(Protocol):
    """One transaction. Leaving the `with` block without `commit()` rolls everything back."""

    elections: ElectionRepository
    tallies: TallyRepository

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def commit(self) -> None: ...
