"""The in-memory `E2ERepository` of `services.memory`: an election's ceremony record and its
stations' ballot chains, kept to the same contract as the SQL store (`store.e2e`;
tests/services/test_chains.py runs on both).

Like the rest of the fake, a unit of work's writes are its own until `commit()`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

from sandogh.services.ports import ElectionRepository, StoredCeremony, StoredChain


@dataclass
class E2ETables:
    """What is committed; one per `MemoryStore`."""

    ceremonies: dict[str, StoredCeremony] = field(default_factory=dict)
    chains: dict[tuple[str, str], StoredChain] = field(default_factory=dict)


class MemoryE2E:
    def __init__(
        self,
        tables: E2ETables,
        lock: threading.Lock,
        elections: ElectionRepository,
        *,
        duplicate: type[Exception],
        refused: type[Exception],
    ) -> None:
        """`duplicate` and `refused` are the fake's errors for a key already stored and for a row
        naming what is not stored (`memory.DuplicateError`, `memory.ConstraintError`)."""
        self._tables = tables
        self._lock = lock
        self._elections = elections
        self._duplicate = duplicate
        self._refused = refused
        self._ceremonies: dict[str, StoredCeremony] = {}
        self._chains: dict[tuple[str, str], StoredChain] = {}

    def ceremony(self, election_id: str) -> StoredCeremony | None:
        if election_id in self._ceremonies:
            return self._ceremonies[election_id]
        with self._lock:
            return self._tables.ceremonies.get(election_id)

    def add_ceremony(self, ceremony: StoredCeremony) -> None:
        self._stored(ceremony.election)
        if self.ceremony(ceremony.election) is not None:
            raise self._duplicate(f"the ceremony of {ceremony.election!r} is already stored")
        self._ceremonies[ceremony.election] = ceremony

    def chain(self, election_id: str, station: str) -> StoredChain | None:
        key = (election_id, station)
        if key in self._chains:
            return self._chains[key]
        with self._lock:
            return self._tables.chains.get(key)

    def add_chain(self, chain: StoredChain) -> None:
        self._stored(chain.election)
        if self.chain(chain.election, chain.station) is not None:
            raise self._duplicate(f"the chain of {chain.station!r} is already stored")
        self._chains[(chain.election, chain.station)] = chain

    def chains(self, election_id: str) -> Iterator[StoredChain]:
        with self._lock:
            merged = {**self._tables.chains, **self._chains}
        return iter([merged[key] for key in sorted(merged) if key[0] == election_id])

    def _stored(self, election_id: str) -> None:
        if self._elections.get(election_id) is None:
            raise self._refused(f"election {election_id!r} is not stored")

    def commit(self) -> None:
        self._tables.ceremonies.update(self._ceremonies)
        self._tables.chains.update(self._chains)
        self.discard()

    def discard(self) -> None:
        self._ceremonies.clear()
        self._chains.clear()
