"""The ports an election day is stored through: its definition and its stations' tally sheets."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from sandogh.core.counting.tally import SheetRow, TallySheet
from sandogh.core.definition.model import Election


@dataclass(frozen=True)
class StoredElection:
    """An election day as stored: the definition and the hash of its canonical form."""

    election: Election
    definition_hash: str


class ElectionRepository(Protocol):
    def add(self, election: Election, definition_hash: str, canonical: bytes) -> None:
        """Store a new election day. The caller has checked that its id is not taken."""

    def rewrite(self, election: Election, definition_hash: str, canonical: bytes) -> None:
        """Store the next version of a stored election day in place of the one stored. The
        caller has checked that only its candidates changed (its units are those stored)."""

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

    def rows(self, election_id: str) -> Iterator[SheetRow]:
        """`all`'s sheets as rows (`core.counting.tally.SheetRow`), no object made of them."""

    def of_stations(
        self,
        election_id: str,
        stations: Collection[str],
        contests: Collection[str] | None = None,
    ) -> Iterator[TallySheet]:
        """The sheets of `stations` (of `contests` only, every contest when None), by station
        then contest, as `all` gives them."""
