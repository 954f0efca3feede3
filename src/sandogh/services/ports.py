"""The ports the use cases talk through; adapters in `sandogh.store` implement them.

A use case opens one unit of work, does its reads and writes through the repositories on it, and
commits once: either everything it wrote is stored, or nothing is (DESIGN.md §6, one transaction
per use case).
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import TracebackType
from typing import Protocol, Self

from sandogh.core.access import Grant, Lockout
from sandogh.core.anchor import OfficialSignature, SignedAmendment
from sandogh.core.counting.tally import TallySheet
from sandogh.core.definition.model import Election
from sandogh.core.log.chain import Entry
from sandogh.core.log.checkpoints import SignedCheckpoint
from sandogh.core.log.events import Event, EventType
from sandogh.core.log.verify import Checkpoint
from sandogh.core.readiness import (
    PaperStock,
    PastProblem,
    Registers,
    RemotePlan,
    Session,
    Worker,
)
from sandogh.core.report import PublicKey
from sandogh.core.report.staff import RegisteredStaff
from sandogh.core.supervision import Certification, ViolationCase, Void
from sandogh.core.voters.eligibility import RegistryRecord
from sandogh.core.voters.national_code import NationalCode
from sandogh.services.audit_ports import AuditRepository
from sandogh.services.candidacy_ports import CandidacyRepository
from sandogh.services.fleet_ports import FleetRepository
from sandogh.services.mode_ports import ModeApprovalRepository
from sandogh.services.outcome_decision_ports import OutcomeDecisionRepository


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


@dataclass(frozen=True)
class LedgerEntry:
    """That a voter checked in for a round: where, when, and in which constituency of each contest.

    It names the voter only by `voter_key` (a keyed hash, `core.voters.ledger_key`) and shares no
    key, time or order with any cast-vote record (DESIGN.md §3, secrecy by construction).
    """

    election: str
    voter_key: str
    station: str
    at: datetime.datetime  # the hour's start, in UTC: never the moment (core.voters.ledger_time)
    constituencies: Mapping[str, str]  # contest id → the constituency the voter voted in
    provisional: bool = False  # checked in offline by the station, confirmed on sync
    # offline only: tells a sync sent again from a second check-in (core.voters.ledger_time)
    offline_tag: str | None = None


class LedgerRepository(Protocol):
    def add(self, entry: LedgerEntry) -> bool:
        """Record the check-in unless the voter already checked in for this election: True when
        recorded, False when (election, voter_key) was taken. Decided by the database's unique
        key, so it holds under any number of concurrent check-ins."""

    def find(self, election_id: str, voter_key: str) -> LedgerEntry | None: ...

    def count(self, election_id: str, station: str | None = None) -> int: ...

    def counts_by_station(
        self, election_id: str, stations: Collection[str] | None = None
    ) -> Mapping[str, int]:
        """Check-ins per station (of `stations`, else all); a station without any is left out."""

    def counts_by_hour(
        self, election_id: str, stations: Collection[str] | None = None
    ) -> Mapping[datetime.datetime, int]:
        """Check-ins per clock hour (keyed by the hour's start, in UTC) at `stations`, else at
        all; an hour without any is left out. Counts only: never which voter."""

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

    def revoke(self, election_id: str, public_key: str, at: datetime.datetime) -> None: ...

    def of_station(self, election_id: str, station: str) -> list[Device]: ...


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

    def add(self, report: StoredReport) -> None:
        """Callers check first; (election, station, kind) is unique."""

    def all(self, election_id: str) -> Iterator[StoredReport]: ...


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


class IncidentKind(StrEnum):
    DUPLICATE_CHECK_IN = "duplicate-check-in"  # found when a provisional check-in is synced
    INELIGIBLE_CHECK_IN = "ineligible-check-in"  # a synced provisional check-in the rules refuse
    CONFLICTING_REPORT = "conflicting-report"  # a second, different report for a station
    REFUSED_REPORT = "refused-report"
    # raised by stations and headquarters (issue 4, item 4)
    OFFLINE = "offline"  # a station cut off from the centre
    DEVICE_FAULT = "device-fault"
    PAPER_SHORTAGE = "paper-shortage"  # ballot papers (تعرفه) running out
    CYBER_EVENT = "cyber-event"  # e.g. the brute-force attack of seed-facts.md
    # implausible check-ins and a final report that does not match them (issue 9, section 4)
    CHECK_INS_OUTSIDE_HOURS = "check-ins-outside-hours"  # within an extension, or a clock's drift
    CHECK_IN_BURST = "check-in-burst"  # faster than one box checks voters in
    HIGH_TURNOUT = "high-turnout"  # past `CheckInLimits.high_turnout` of the eligible voters
    CHECK_INS_NOT_PAPERS_USED = "check-ins-not-papers-used"  # DESIGN.md §3: they must be equal
    # a report taken after its stage's window in the calendar (issue 12, `services.report_days`)
    LATE_REPORT = "late-report"


class IncidentStatus(StrEnum):
    """An incident's course: raised, taken by someone (again, to hand it on), resolved."""

    OPEN = "open"
    ASSIGNED = "assigned"
    RESOLVED = "resolved"


@dataclass(frozen=True)
class Incident:
    """Something the supervisors must look at; names every station involved."""

    election: str
    kind: IncidentKind
    stations: tuple[str, ...]
    at: datetime.datetime
    details: Mapping[str, str] = field(default_factory=dict)
    status: IncidentStatus = IncidentStatus.OPEN
    assignee: str | None = None  # the operator it is assigned to
    resolution: str | None = None  # the note it was resolved with


@dataclass(frozen=True)
class NumberedIncident:
    """An incident with the number the store gave it, by which it is assigned and resolved."""

    id: int
    incident: Incident


class IncidentRepository(Protocol):
    def add(self, incident: Incident) -> int:
        """Store a new incident; returns its number."""

    def all(self, election_id: str) -> list[Incident]: ...

    def numbered(self, election_id: str) -> list[NumberedIncident]:
        """Every incident of the election with its number, in the order raised."""

    def get(self, incident_id: int) -> Incident | None: ...

    def update(self, incident_id: int, incident: Incident) -> None:
        """Store the incident's new status, assignee and resolution (the rest never changes)."""


@dataclass(frozen=True)
class VoidRecord:
    """A void as decided: by whom, when, the number the store gave it (0 until stored), and the
    event-log entry that recorded it (`core.supervision.recorded`; None until it is named)."""

    election: str
    void: Void
    by: str
    at: datetime.datetime
    id: int = 0
    logged: Checkpoint | None = None


class VoidRepository(Protocol):
    def add(self, record: VoidRecord) -> VoidRecord:
        """Store a void; returns it with its number."""

    def name_entry(self, number: int, entry: Checkpoint) -> None:
        """Store that `entry` of the event log recorded void `number`."""

    def all(self, election_id: str) -> list[VoidRecord]:
        """Every void of the election, in the order decided."""


@dataclass(frozen=True)
class CertificationRecord:
    """A certification as stored, with the event-log entry that recorded it (None: none named)."""

    certification: Certification
    id: int
    logged: Checkpoint | None


class CertificationRepository(Protocol):
    def add(self, certification: Certification, entry: Checkpoint) -> None:
        """Store a certification that `entry` of the event log recorded. Callers check first
        that no certification in force covers the same scope."""

    def in_force(self, election_id: str) -> list[Certification]:
        """The certifications not undone, in the order made."""

    def records_in_force(self, election_id: str) -> list[CertificationRecord]:
        """The same, each with its number and the log entry it names."""

    def undo(self, certification: Certification, *, by: str, at: datetime.datetime) -> None:
        """Mark the certification in force of that scope undone (it stays on record)."""


class CaseRepository(Protocol):
    def add(self, case: ViolationCase) -> ViolationCase:
        """Store a new case; returns it with its number."""

    def get(self, case_id: int) -> ViolationCase | None: ...

    def all(self, election_id: str) -> list[ViolationCase]:
        """Every case of the election, by number."""

    def update(self, case: ViolationCase) -> None:
        """Store the case's new status, reference and note (by `case.id`)."""


class ReadinessRepository(Protocol):
    """The readiness registers (`core.readiness`): the fleet, ballot papers, staff."""

    def registers(self, election_id: str) -> Registers:
        """Every row of the election's registers, each register by key."""

    def papers(self, election_id: str, station: str) -> PaperStock | None:
        """The papers register's row of `station`, if it has one."""

    def write(self, election_id: str, *, remove: Registers, add: Registers) -> None:
        """Delete the stored rows with the keys of `remove`'s rows, then store `add`'s; callers
        check first that no key of `add` is left stored."""


class PreparationRepository(Protocol):
    """Each station's staff by name, their training sessions and briefings, the hard-to-reach
    stations' plans (per election), and the stations' past problems (across elections)."""

    def workers(self, election_id: str) -> list[Worker]:
        """The election's roster, by station, role and person."""

    def put_worker(self, election_id: str, worker: Worker) -> Worker | None:
        """Store `worker` in place of the person's stored row; returns the row it replaced."""

    def sessions(self, election_id: str) -> list[Session]:
        """The election's sessions, by number."""

    def add_session(self, election_id: str, session: Session) -> None:
        """Store a new session with its attendance; its number must be new."""

    def plans(self, election_id: str) -> list[RemotePlan]:
        """The election's hard-to-reach plans, by station."""

    def put_plan(self, election_id: str, plan: RemotePlan) -> RemotePlan | None:
        """Store `plan` in place of the station's; returns the plan it replaced."""

    def past(self, stations: Collection[str]) -> list[PastProblem]:
        """The past problems of `stations`, by station and number."""

    def add_past(self, problem: PastProblem) -> None:
        """Store a problem; its number must be new for its station."""


class EventLog(Protocol):
    def record(self, event: Event) -> Entry:
        """Chain `event` after the current head (core.log.chain) and store it, in this unit of
        work; concurrent units of work never fork the chain."""

    def entries(self, after: int = 0) -> Iterator[Entry]:
        """Every entry whose sequence is above `after` (every entry by default), in sequence."""

    def head(self) -> Entry | None:
        """The last entry (None while the log is empty)."""

    def at(self, sequences: Collection[int]) -> dict[int, Entry]:
        """The entries of those sequences that the log holds, by sequence."""

    def of_type(self, kind: EventType, election: str) -> list[Entry]:
        """Every entry of type `kind` whose details name `election`, by sequence."""


class CheckpointRepository(Protocol):
    """The signed checkpoints of the event log (`core.log.checkpoints`), kept for publication."""

    def add(self, checkpoint: SignedCheckpoint) -> None: ...

    def last(self) -> SignedCheckpoint | None:
        """The latest checkpoint taken."""

    def all(self) -> list[SignedCheckpoint]:
        """Every checkpoint, in the order taken."""


@dataclass(frozen=True)
class OperatorAccount:
    """An operator's account: a grant (role at a place), an argon2id password hash, and, for the
    privileged roles (`core.access.SECOND_FACTOR_ROLES`), a TOTP secret, sealed
    (`services.credentials.SecondFactor`)."""

    username: str
    display_name: str
    grant: Grant
    password_hash: str
    added_at: datetime.datetime
    totp_sealed: bytes | None = None
    totp_step: int | None = None  # the last TOTP time step used: each code is taken once
    disabled: bool = False
    lockout: Lockout = field(default_factory=Lockout)


@dataclass(frozen=True)
class OperatorSession:
    """A signed-in operator. Only the SHA-256 of the session's token is stored, never the token."""

    token_hash: str
    username: str
    csrf_token: str
    started_at: datetime.datetime
    last_seen_at: datetime.datetime
    expires_at: datetime.datetime


@dataclass(frozen=True)
class AccountNetwork:
    """An account's standing on one origin network (`core.access.network_of`): its own lockout
    there, when a log-in from there last failed, and when one last succeeded (None: never, so the
    network is not one the operator uses)."""

    username: str
    network: str
    lockout: Lockout = field(default_factory=Lockout)
    failed_at: datetime.datetime | None = None
    succeeded_at: datetime.datetime | None = None


class AlertKind(StrEnum):
    ACCOUNTS = "accounts"  # failed log-ins against all accounts together passed the threshold
    NETWORK = "network"  # failed log-ins from one network passed its limit
    ACCOUNT = "account"  # one account locked by failures from many networks (lockout.Standing)


@dataclass(frozen=True)
class SecurityAlert:
    """That an attack seems under way; one per kind, subject and window of the throttle."""

    kind: AlertKind
    subject: str  # the network (CIDR), the username, or `*` for all accounts
    window_start: datetime.datetime
    at: datetime.datetime
    failures: int


class OperatorRepository(Protocol):
    """Operators' accounts and sessions, the failed log-in counters and the security alerts."""

    def add(self, account: OperatorAccount) -> None:
        """Callers check first that the username is free."""

    def get(self, username: str) -> OperatorAccount | None: ...

    def get_for_update(self, username: str) -> OperatorAccount | None:
        """The account, its row held by this unit of work to its end, so that concurrent log-ins
        each count their failure."""

    def save(self, account: OperatorAccount) -> None:
        """Replace the stored account of that username."""

    def all(self) -> list[OperatorAccount]:
        """Every account, by username."""

    def clear_totp(self) -> dict[str, str]:
        """The TOTP secrets still stored in clear (from before they were sealed), by username."""

    def seal_totp(self, username: str, sealed: bytes) -> None:
        """Store the account's TOTP secret sealed, in place of its secret in clear."""

    def add_session(self, session: OperatorSession) -> None: ...

    def session(self, token_hash: str) -> OperatorSession | None: ...

    def touch_session(self, token_hash: str, at: datetime.datetime) -> None: ...

    def end_session(self, token_hash: str) -> bool:
        """False when there was no such session."""

    def end_sessions(self, username: str) -> int:
        """End every session of the account; how many there were."""

    def counts(
        self, counters: Collection[tuple[str, datetime.datetime]]
    ) -> dict[tuple[str, datetime.datetime], int]:
        """The failure counters (key, start of their window) that are above 0."""

    def count(self, counters: Collection[tuple[str, datetime.datetime]]) -> None:
        """Add one failure to each counter (key, start of its window); concurrent units of work
        each add theirs."""

    def forget_counts(self, before: datetime.datetime) -> None:
        """Drop the counters of windows that start before `before`."""

    def network(self, username: str, network: str) -> AccountNetwork | None:
        """The account's standing on `network`, if a log-in from there was ever counted."""

    def save_network(self, standing: AccountNetwork) -> None:
        """Store the account's standing on its network, in place of any stored."""

    def failing_networks(self, username: str, since: datetime.datetime) -> int:
        """How many networks hold failures against the account, the last at or after `since`."""

    def clear_networks(self, username: str) -> int:
        """Forget the failures against the account on every network (not where it logged in
        from); how many networks held some."""

    def raise_alert(self, alert: SecurityAlert) -> bool:
        """Store the alert unless one of its kind, subject and window is stored: True if stored."""

    def alerts(
        self,
        since: datetime.datetime,
        *,
        kind: AlertKind | None = None,
        subject: str | None = None,
    ) -> list[SecurityAlert]:
        """The alerts raised at or after `since` (of that kind and subject, if given), oldest
        first."""

    def unit_parents(self) -> list[tuple[str, str | None]]:
        """(code, parent) of every unit of every stored election day, the days by id: the places
        operators are scoped to (`core.access.Places.of`)."""


@dataclass(frozen=True)
class RefusalCount:
    """How many requests from `source` (an address) were refused for `reason` in the minute that
    starts at `minute`, before their sender was shown to be anyone (`services.refusals`)."""

    source: str
    minute: datetime.datetime
    reason: str
    count: int


class RefusalRepository(Protocol):
    """The refusals of unauthenticated requests, counted per source, minute and reason."""

    def count(self, source: str, minute: datetime.datetime, reason: str) -> bool:
        """Count one refusal: True if it is the first from `source` in `minute`, whatever the
        reason (decided by a unique key, so exactly one caller is told so)."""

    def counts(self, since: datetime.datetime, limit: int) -> list[RefusalCount]:
        """At most `limit` counts of the minutes from `since` on: the newest minutes first, and
        in a minute the largest counts first."""


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

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def commit(self) -> None: ...
