"""An in-memory `UnitOfWork` for service tests: the ports' contract without a database.

It keeps what a real store promises — a unit of work's writes are seen by its own reads, become
visible to others only on `commit()`, and are dropped when the `with` block is left without it;
an election id or a (station, contest) sheet is stored at most once — so a service tested on it
behaves the same on SQLite and PostgreSQL (the same contract tests run on all three).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields
from types import TracebackType
from typing import Self

from sandogh.core.counting.tally import TallySheet
from sandogh.core.definition.model import Election
from sandogh.services.ports import ElectionRepository, StoredElection, TallyRepository


class DuplicateError(Exception):
    """The fake's refusal of a key that is already stored, as a database's unique key refuses it."""


class ConstraintError(Exception):
    """The fake's refusal of a row the database's schema refuses: a negative figure, or a sheet
    of an election or station that is not stored."""


def _check(sheet: TallySheet, stations: frozenset[str]) -> None:
    if sheet.station not in stations:
        raise ConstraintError(f"station {sheet.station!r} is not a unit of the election")
    counts = sheet.counts
    figures = [(field.name, getattr(counts, field.name)) for field in fields(counts)]
    figures += [(f"invalid {kind}", value) for kind, value in counts.invalid.items()]
    for name, value in figures:
        if isinstance(value, int) and value < 0:
            raise ConstraintError(f"{name} of station {sheet.station!r} is negative: {value}")


@dataclass
class MemoryStore:
    """What has been committed; share one between the units of work of a test."""

    elections: dict[str, StoredElection] = field(default_factory=dict)
    canonical: dict[str, bytes] = field(default_factory=dict)
    sheets: dict[str, dict[tuple[str, str], TallySheet]] = field(default_factory=dict)


class _Elections:
    def __init__(self, store: MemoryStore) -> None:
        self._store = store
        self.pending: dict[str, tuple[StoredElection, bytes]] = {}

    def add(self, election: Election, definition_hash: str, canonical: bytes) -> None:
        if election.id in self._store.elections or election.id in self.pending:
            raise DuplicateError(f"election {election.id!r} is already stored")
        self.pending[election.id] = (StoredElection(election, definition_hash), canonical)

    def get(self, election_id: str) -> StoredElection | None:
        if election_id in self.pending:
            return self.pending[election_id][0]
        return self._store.elections.get(election_id)

    def hash_of(self, election_id: str) -> str | None:
        stored = self.get(election_id)
        return None if stored is None else stored.definition_hash

    def ids(self) -> list[str]:
        return sorted({*self._store.elections, *self.pending})


class _Tallies:
    def __init__(self, store: MemoryStore, elections: _Elections) -> None:
        self._store = store
        self._elections = elections
        self.pending: dict[str, dict[tuple[str, str], TallySheet]] = {}

    def add_many(self, election_id: str, sheets: Iterable[TallySheet]) -> int:
        election = self._elections.get(election_id)
        if election is None:
            raise ConstraintError(f"election {election_id!r} is not stored")
        units = frozenset(unit.code for unit in election.election.units)
        stored = self._store.sheets.get(election_id, {})
        pending = self.pending.setdefault(election_id, {})
        count = 0
        for sheet in sheets:
            _check(sheet, units)
            key = (sheet.station, sheet.contest)
            if key in stored or key in pending:
                raise DuplicateError(
                    f"a sheet for station {key[0]!r}, contest {key[1]!r} is already stored"
                )
            pending[key] = sheet
            count += 1
        return count

    def keys(self, election_id: str) -> set[tuple[str, str]]:
        return {*self._store.sheets.get(election_id, {}), *self.pending.get(election_id, {})}

    def all(self, election_id: str) -> Iterator[TallySheet]:
        merged = {**self._store.sheets.get(election_id, {}), **self.pending.get(election_id, {})}
        # The same order as the SQL store's: by station, then contest.
        return iter([merged[key] for key in sorted(merged)])


class MemoryUnitOfWork:
    elections: ElectionRepository
    tallies: TallyRepository

    def __init__(self, store: MemoryStore) -> None:
        self._store = store
        self._elections = _Elections(store)
        self._tallies = _Tallies(store, self._elections)
        self.elections = self._elections
        self.tallies = self._tallies

    def __enter__(self) -> Self:
        self._discard()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._discard()

    def commit(self) -> None:
        for election_id, (stored, canonical) in self._elections.pending.items():
            self._store.elections[election_id] = stored
            self._store.canonical[election_id] = canonical
        for election_id, sheets in self._tallies.pending.items():
            self._store.sheets.setdefault(election_id, {}).update(sheets)
        self._discard()

    def _discard(self) -> None:
        self._elections.pending.clear()
        self._tallies.pending.clear()
