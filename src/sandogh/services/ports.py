"""The ports the use cases talk through; adapters in `sandogh.store` implement them.

A use case opens one unit of work, does its reads and writes through the repositories on it, and
commits once: either everything it wrote is stored, or nothing is (DESIGN.md §6, one transaction
per use case).
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Protocol, Self

from sandogh.core.anchor import OfficialSignature, SignedAmendment
from sandogh.core.counting.tally import TallySheet
from sandogh.core.definition.model import Election
from sandogh.core.report import PublicKey
from sandogh.core.report.staff import RegisteredStaff
from sandogh.core.voters.eligibility import RegistryRecord
from sandogh.core.voters.national_code import NationalCode
from sandogh.services.audit_ports import AuditRepository
from sandogh.services.candidacy_ports import CandidacyRepository
from sandogh.services.e2e_ports import E2ERepository, StoredCeremony, StoredChain
from sandogh.services.fleet_ports import FleetRepository
from sandogh.services.log_ports import CheckpointRepository, EventLog
from sandogh.services.mode_ports import ModeApprovalRepository
from sandogh.services.operator_ports import (
    AccountNetwork,
    AlertKind,
    OperatorAccount,
    OperatorRepository,
    OperatorSession,
    RefusalCount,
    RefusalRepository,
    SecurityAlert,
)
from sandogh.services.outcome_decision_ports import OutcomeDecisionRepository
from sandogh.services.preparation_ports import PreparationRepository, ReadinessRepository
from sandogh.services.supervision_ports import (
    CaseRepository,
    CertificationRecord,
    CertificationRepository,
    Incident,
    IncidentKind,
    IncidentRepository,
    IncidentStatus,
    NumberedIncident,
    VoidRecord,
    VoidRepository,
)
from sandogh.services.totals_ports import TotalsRepository

# The ports are split into modules by what they hold; a use case imports them all from here.
__all__ = [
    "AccountNetwork",
    "AlertKind",
    "CaseRepository",
    "CertificationRecord",
    "CertificationRepository",
    "CheckpointRepository",
    "Device",
    "DeviceRepository",
    "E2ERepository",
    "ElectionRepository",
    "EventLog",
    "Incident",
    "IncidentKind",
    "IncidentRepository",
    "IncidentStatus",
    "LedgerEntry",
    "LedgerRepository",
    "NumberedIncident",
    "OperatorAccount",
    "OperatorRepository",
    "OperatorSession",
    "PreparationRepository",
    "ReadinessRepository",
    "RecordRepository",
    "RefusalCount",
    "RefusalRepository",
    "Registry",
    "ReportRepository",
    "SecurityAlert",
    "StaffRepository",
    "StoredAmendment",
    "StoredCeremony",
    "StoredChain",
    "StoredElection",
    "StoredRecord",
    "StoredReport",
    "TallyRepository",
    "UnitOfWork",
    "VoidRecord",
    "VoidRepository",
]


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

    def of_stations(
        self,
        election_id: str,
        stations: Collection[str],
        contests: Collection[str] | None = None,
    ) -> Iterator[TallySheet]:
        """The sheets of `stations` (of `contests` only, every contest when None), by station
        then contest, as `all` gives them."""


@dataclass(frozen=True)
class LedgerEntry:
    """That a voter checked in for a round: where, when, and in which constituency of each contest.

    It names the voter only by `voter_key` (a keyed hash, `core.voters.ledger_key`) and shares no
    key, time or order with any cast-vote record (DESIGN.md §3, secrecy by construction).
    """

    election: str
    voter_key: str
    station: str
    # the start, in UTC, of the hour of Iran's clock: never the moment; a store coarsens what it is
    # given to it (core.voters.ledger_time)
    at: datetime.datetime
    constituencies: Mapping[str, str]  # contest id → the constituency the voter voted in
    provisional: bool = False  # checked in offline by the station, confirmed on sync
    # offline only: tells a sync sent again from a second check-in (core.voters.ledger_time)
    offline_tag: str | None = None


class LedgerRepository(Protocol):
    def add(self, entry: LedgerEntry) -> bool:
        """Record the check-in unless the voter already checked in for this election: True when
        recorded, False when (election, voter_key) was taken. Decided by the database's unique
        key, so it holds under any number of concurrent check-ins."""

    def add_many(self, entries: Sequence[LedgerEntry]) -> set[tuple[str, str]]:
        """`add` for each of `entries` (no two of one voter) in one statement: the (election,
        voter key) of those recorded."""

    def find(self, election_id: str, voter_key: str) -> LedgerEntry | None: ...

    def find_held(self, election_id: str, voter_key: str) -> tuple[bool, LedgerEntry | None]:
        """Whether the election is stored, and the voter's entry in its ledger: in one read, as
        a check-in asks of a by-election's main election (`services.checkin`)."""

    def count(self, election_id: str, station: str | None = None) -> int: ...

    def counts_by_station(
        self, election_id: str, stations: Collection[str] | None = None
    ) -> Mapping[str, int]:
        """Check-ins per station (of `stations`, else all); a station without any is left out."""

    def counts_by_hour(
        self,
        election_id: str,
        stations: Collection[str] | None = None,
        offset: datetime.timedelta = datetime.timedelta(0),
    ) -> Mapping[datetime.datetime, int]:
        """Check-ins per hour of a clock `offset` ahead of UTC (Tehran's is 3:30; keyed by the
        hour's start, a UTC instant) at `stations`, else at all; an hour without any is left
        out. Counts only: never which voter."""

    def counts_by_contest(self, election_id: str, station: str) -> Mapping[str, int]:
        """Check-ins at `station` per contest the voter was given (the keys of `constituencies`);
        a contest without any is left out. Counts only: never which voter."""


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

    def of_keys(self, election_id: str, public_keys: Collection[str]) -> Mapping[str, Device]:
        """The devices of `public_keys` enrolled for the election, by key, in one read."""

    def revoke(self, election_id: str, public_key: str, at: datetime.datetime) -> None: ...

    def of_station(self, election_id: str, station: str) -> list[Device]:
        """Sorted by enrolment, then key."""

    def of_election(self, election_id: str) -> list[Device]:
        """Sorted by station, enrolment, then key: every box in one read, not one a station."""


class StaffRepository(Protocol):
    """The staff registered per station (`core.report.staff`), each key once per election."""

    def add(self, staff: RegisteredStaff) -> None:
        """Callers check first that the key is not registered for the election."""

    def find(self, election_id: str, key: PublicKey) -> RegisteredStaff | None: ...

    def of_station(self, election_id: str, station: str) -> list[RegisteredStaff]:
        """Sorted by role, then key."""

    def of_election(self, election_id: str) -> list[RegisteredStaff]:
        """Sorted by station, role, then key."""


@dataclass(frozen=True)
class StoredRecord:
    """An election's pre-election record (`core.anchor`): its canonical bytes as drafted, the
    officials' signatures gathered so far, and when it was sealed (None while a draft)."""

    election: str
    data: bytes
    signatures: tuple[OfficialSignature, ...]
    drafted_at: datetime.datetime
    sealed_at: datetime.datetime | None = None


@dataclass(frozen=True)
class StoredAmendment:
    """A signed amendment to a sealed record, numbered from 1 in the order of the chain."""

    election: str
    number: int
    signed: SignedAmendment
    added_at: datetime.datetime


class RecordRepository(Protocol):
    """The pre-election record of each election and its amendments (issue 9, section 2)."""

    def get(self, election_id: str) -> StoredRecord | None: ...

    def sealed(self, election_id: str) -> tuple[str, str] | None:
        """The sealed record's fingerprint and the hash of its last amendment (the fingerprint
        again without one); None while there is no sealed record. Cheap: every report ingested
        asks (`services.anchor.coverage_of`)."""

    def draft(self, election_id: str, data: bytes, at: datetime.datetime) -> None:
        """Store a draft in place of the election's draft, dropping its signatures; callers never
        replace a sealed record."""

    def add_signature(self, election_id: str, signature: OfficialSignature) -> None:
        """Callers check first that the key has not signed this draft."""

    def seal(self, election_id: str, at: datetime.datetime) -> None: ...

    def amendments(self, election_id: str) -> list[StoredAmendment]:
        """Every amendment, by number."""

    def add_amendment(self, amendment: StoredAmendment) -> None:
        """Callers check first that it follows the last one; (election, number) is unique."""


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

    def received_at(
        self, election_id: str, stations: Collection[str], kind: str
    ) -> Mapping[str, datetime.datetime]:
        """When each of `stations` that sent its report of `kind` sent it, in one read."""

    def add(self, report: StoredReport) -> None:
        """Callers check first; (election, station, kind) is unique."""

    def all(self, election_id: str) -> Iterator[StoredReport]: ...

    def first(self, election_id: str, stations: Collection[str]) -> StoredReport | None:
        """The report received first (by time, then station and kind) from one of `stations`,
        of any kind: polling there had begun by then (`services.withdrawal_deadline`)."""


class Registry(Protocol):
    """The civil registry (ثبت احوال), as far as an election needs it."""

    def lookup(self, code: NationalCode) -> RegistryRecord | None: ...


class UnitOfWork(Protocol):
    """One transaction. Leaving the `with` block without `commit()` rolls everything back."""

    elections: ElectionRepository
    tallies: TallyRepository
    ledger: LedgerRepository
    devices: DeviceRepository
    staff: StaffRepository
    records: RecordRepository
    reports: ReportRepository
    incidents: IncidentRepository
    events: EventLog
    checkpoints: CheckpointRepository
    operators: OperatorRepository
    voids: VoidRepository
    certifications: CertificationRepository
    cases: CaseRepository
    readiness: ReadinessRepository
    preparation: PreparationRepository
    refusals: RefusalRepository
    e2e: E2ERepository
    audits: AuditRepository
    candidacy: CandidacyRepository
    fleet: FleetRepository
    mode_approvals: ModeApprovalRepository
    outcome_decisions: OutcomeDecisionRepository
    totals: TotalsRepository

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def commit(self) -> None: ...
