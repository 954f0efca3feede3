"""The ports the use cases talk through; adapters in `sandogh.store` implement them.

A use case opens one unit of work, does its reads and writes through the repositories on it, and
commits once: either everything it wrote is stored, or nothing is (DESIGN.md §6, one transaction
per use case).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import TracebackType
from typing import Protocol, Self

from sandogh.core.counting.tally import TallySheet
from sandogh.core.definition.model import Election
from sandogh.core.log.chain import Entry
from sandogh.core.log.events import Event
from sandogh.core.voters.eligibility import RegistryRecord
from sandogh.core.voters.national_code import NationalCode


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


@dataclass(frozen=True)
class LedgerEntry:
    """That a voter checked in for a round: where, when, and in which constituency of each contest.

    It names the voter only by `voter_key` (a keyed hash, `core.voters.ledger_key`) and shares no
    key, time or order with any cast-vote record (DESIGN.md §3, secrecy by construction).
    """

    election: str
    voter_key: str
    station: str
    at: datetime.datetime
    constituencies: Mapping[str, str]  # contest id → the constituency the voter voted in
    provisional: bool = False  # checked in offline by the station, confirmed on sync


class LedgerRepository(Protocol):
    def add(self, entry: LedgerEntry) -> bool:
        """Record the check-in unless the voter already checked in for this election: True when
        recorded, False when (election, voter_key) was taken. Decided by the database's unique
        key, so it holds under any number of concurrent check-ins."""

    def find(self, election_id: str, voter_key: str) -> LedgerEntry | None: ...

    def count(self, election_id: str, station: str | None = None) -> int: ...


@dataclass(frozen=True)
class Device:
    """A ballot box enrolled for one station with its Ed25519 public key (hex)."""

    election: str
    station: str
    public_key: str
    enrolled_at: datetime.datetime
    revoked_at: datetime.datetime | None = None


class DeviceRepository(Protocol):
    def add(self, device: Device) -> None:
        """Callers check first that the key is not enrolled for the election."""

    def get(self, election_id: str, public_key: str) -> Device | None: ...

    def revoke(self, election_id: str, public_key: str, at: datetime.datetime) -> None: ...

    def of_station(self, election_id: str, station: str) -> list[Device]: ...


@dataclass(frozen=True)
class StoredReport:
    """A signed station report as received: its bytes, exactly, and their SHA-256."""

    election: str
    station: str
    kind: str  # core.report.ReportKind value
    device: str  # public key hex
    report_hash: str
    signed: bytes
    received_at: datetime.datetime


class ReportRepository(Protocol):
    def get(self, election_id: str, station: str, kind: str) -> StoredReport | None: ...

    def add(self, report: StoredReport) -> None:
        """Callers check first; (election, station, kind) is unique."""

    def all(self, election_id: str) -> Iterator[StoredReport]: ...


class IncidentKind(StrEnum):
    DUPLICATE_CHECK_IN = "duplicate-check-in"  # found when a provisional check-in is synced
    CONFLICTING_REPORT = "conflicting-report"  # a second, different report for a station
    REFUSED_REPORT = "refused-report"


@dataclass(frozen=True)
class Incident:
    """Something the supervisors must look at; names every station involved."""

    election: str
    kind: IncidentKind
    stations: tuple[str, ...]
    at: datetime.datetime
    details: Mapping[str, str] = field(default_factory=dict)


class IncidentRepository(Protocol):
    def add(self, incident: Incident) -> None: ...

    def all(self, election_id: str) -> list[Incident]: ...


class EventLog(Protocol):
    def record(self, event: Event) -> Entry:
        """Chain `event` after the current head (core.log.chain) and store it, in this unit of
        work; concurrent units of work never fork the chain."""

    def entries(self) -> Iterator[Entry]:
        """Every entry, in sequence."""


class Registry(Protocol):
    """The civil registry (ثبت احوال), as far as an election needs it."""

    def lookup(self, code: NationalCode) -> RegistryRecord | None: ...


class UnitOfWork(Protocol):
    """One transaction. Leaving the `with` block without `commit()` rolls everything back."""

    elections: ElectionRepository
    tallies: TallyRepository
    ledger: LedgerRepository
    devices: DeviceRepository
    reports: ReportRepository
    incidents: IncidentRepository
    events: EventLog

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def commit(self) -> None: ...
