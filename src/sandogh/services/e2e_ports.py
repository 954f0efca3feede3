"""The port of an election's E2E context and its stations' ballot chains (issue 10, docs/e2e.md
§5, §7, §9), on the unit of work as `e2e`."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class StoredCeremony:
    """An election's E2E ceremony record (docs/e2e.md §5, the record's `e2e/election.json`): its
    canonical bytes as the guardians' `finish` wrote them, and the two values every box and every
    check of a chain needs from it, the joint key K and the extended base hash HE (hex)."""

    election: str
    record: bytes
    joint_key: str
    extended_hash: str
    loaded_at: datetime.datetime


@dataclass(frozen=True)
class StoredChain:
    """A station's E2E ballot chain (docs/e2e.md §7, §9: `e2e/ballots/<station>.jsonl`) exactly
    as its box sent it, with the SHA-256 of its bytes and the box that chained it."""

    election: str
    station: str
    device: str  # public key hex, the box that signed the station's final report
    chain_hash: str  # sha256:HEX of `data`
    data: bytes
    received_at: datetime.datetime


class E2ERepository(Protocol):
    """An election's E2E context and its stations' ballot chains (issue 10)."""

    def ceremony(self, election_id: str) -> StoredCeremony | None: ...

    def add_ceremony(self, ceremony: StoredCeremony) -> None:
        """Callers check first that the election has none: a ceremony is never replaced."""

    def chain(self, election_id: str, station: str) -> StoredChain | None: ...

    def add_chain(self, chain: StoredChain) -> None:
        """Callers check first; (election, station) is unique."""

    def chains(self, election_id: str) -> Iterator[StoredChain]:
        """Every chain of the election, by station; read it up inside the unit of work."""
