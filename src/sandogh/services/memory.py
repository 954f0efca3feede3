"""An in-memory `UnitOfWork` for service tests: the ports' contract without a database.

It keeps what a real store promises — a unit of work's writes are seen by its own reads, become
visible to others only on `commit()`, and are dropped when the `with` block is left without it;
every key the schema makes unique is refused when already stored, and every reference (a station
of the election, an enrolled device) must exist — so a service tested on it behaves the same on
SQLite and PostgreSQL (the same contract tests run on all three).

Units of work of one store may run on several threads, and the two races the SQL store decides
are decided here too: a voter key added by an open unit of work is taken for every other one at
once (PostgreSQL would make the second wait for the first to end, and free the key if it rolls
back), and the event log is held by one recording unit of work at a time, so its chain never
forks. Other unique keys are checked against what is committed when they are written.
"""

from __future__ import annotations

import dataclasses
import datetime
import threading
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from types import TracebackType
from typing import Generic, Protocol, Self, TypeVar

from sandogh.core.counting.tally import TallySheet
from sandogh.core.definition.model import Election
from sandogh.core.log.chain import Entry, chain
from sandogh.core.log.checkpoints import SignedCheckpoint
from sandogh.core.log.events import Event, EventType
from sandogh.core.log.verify import Checkpoint
from sandogh.core.readiness import (
    Box,
    PaperStock,
    Register,
    Registers,
    Row,
    Staffing,
    key_of,
    place_of,
    register_of,
)
from sandogh.core.report import PublicKey
from sandogh.core.report.staff import RegisteredStaff
from sandogh.core.supervision import Certification, ViolationCase
from sandogh.services.audit_ports import AuditRepository
from sandogh.services.candidacy_ports import CandidacyRepository
from sandogh.services.fleet_ports import FleetRepository
from sandogh.services.memory_audits import AuditTables, MemoryAudits
from sandogh.services.memory_candidacy import CandidacyTables, MemoryCandidacy
from sandogh.services.memory_e2e import E2ETables, MemoryE2E
from sandogh.services.memory_fleet import FleetTables, MemoryFleet
from sandogh.services.memory_modes import Key as ModeKey
from sandogh.services.memory_modes import MemoryModeApprovals
from sandogh.services.memory_operators import MemoryOperators, OperatorTables
from sandogh.services.memory_outcome_decisions import MemoryOutcomeDecisions
from sandogh.services.memory_preparation import MemoryPreparation, PreparationTables
from sandogh.services.memory_records import MemoryRecords, RecordTables
from sandogh.services.memory_refusals import MemoryRefusals, RefusalTables
from sandogh.services.mode_ports import ApprovalRecord, ModeApprovalRepository
from sandogh.services.outcome_decision_ports import OutcomeDecisionRepository, StoredDecision
from sandogh.services.ports import (
    CaseRepository,
    CertificationRecord,
    CertificationRepository,
    CheckpointRepository,
    Device,
    DeviceRepository,
    E2ERepository,
    ElectionRepository,
    EventLog,
    Incident,
    IncidentRepository,
    LedgerEntry,
    LedgerRepository,
    NumberedIncident,
    OperatorRepository,
    PreparationRepository,
    ReadinessRepository,
    RecordRepository,
    RefusalRepository,
    ReportRepository,
    StaffRepository,
    StoredElection,
    StoredReport,
    TallyRepository,
    VoidRecord,
    VoidRepository,
)

#: How long a unit of work waits for another to release the event log, as SQLite's busy timeout.
LOG_WAIT_SECONDS = 30.0

K = TypeVar("K", bound=str | int | tuple[str, ...])
V = TypeVar("V")


class DuplicateError(Exception):
    """The fake's refusal of a key that is already stored, as a database's unique key refuses it."""


class ConstraintError(Exception):
    """The fake's refusal of a row the database's schema refuses: a negative figure, or a row
    naming an election, station or device that is not stored."""


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

    elections: dict[str, tuple[StoredElection, bytes]] = field(default_factory=dict)
    sheets: dict[str, dict[tuple[str, str], TallySheet]] = field(default_factory=dict)
    ledger: dict[tuple[str, str], LedgerEntry] = field(default_factory=dict)
    devices: dict[tuple[str, str], Device] = field(default_factory=dict)
    staff: dict[tuple[str, str], RegisteredStaff] = field(default_factory=dict)
    reports: dict[tuple[str, str, str], StoredReport] = field(default_factory=dict)
    incidents: dict[int, Incident] = field(default_factory=dict)
    voids: dict[int, VoidRecord] = field(default_factory=dict)
    #: Each certification, whether it was undone, and the log entry it names.
    certifications: dict[int, tuple[Certification, bool, Checkpoint | None]] = field(
        default_factory=dict
    )
    cases: dict[int, ViolationCase] = field(default_factory=dict)
    #: The readiness registers' rows, by (election, register, key).
    readiness: dict[tuple[str, ...], Row] = field(default_factory=dict)
    #: The last number given in each numbered table, as a database sequence would give it.
    numbers: dict[str, int] = field(default_factory=dict)
    events: list[Entry] = field(default_factory=list)
    checkpoints: list[SignedCheckpoint] = field(default_factory=list)
    operators: OperatorTables = field(default_factory=OperatorTables)
    refusals: RefusalTables = field(default_factory=RefusalTables)
    records: RecordTables = field(default_factory=RecordTables)
    e2e: E2ETables = field(default_factory=E2ETables)
    audits: AuditTables = field(default_factory=AuditTables)
    candidacy: CandidacyTables = field(default_factory=CandidacyTables)
    outcome_decisions: dict[tuple[str, int], StoredDecision] = field(default_factory=dict)
    preparation: PreparationTables = field(default_factory=PreparationTables)
    fleet: FleetTables = field(default_factory=FleetTables)
    mode_approvals: dict[ModeKey, ApprovalRecord] = field(default_factory=dict)
    #: Guards every read and write of the above across threads.
    lock: threading.Lock = field(default_factory=threading.Lock)
    #: Voter keys added by units of work still open, by (election, voter key).
    claimed: set[tuple[str, str]] = field(default_factory=set)
    #: Held by the unit of work that records events, from its first record to its end.
    log: threading.Lock = field(default_factory=threading.Lock)
    log_thread: int | None = None


class _Table(Generic[K, V]):
    """Rows by key: the store's committed ones and, beside them, this unit of work's own."""

    def __init__(self, store: MemoryStore, committed: dict[K, V], what: str) -> None:
        self._lock = store.lock
        self._committed = committed
        self._what = what
        self.pending: dict[K, V] = {}

    def get(self, key: K) -> V | None:
        if key in self.pending:
            return self.pending[key]
        with self._lock:
            return self._committed.get(key)

    def insert(self, key: K, row: V) -> None:
        if self.get(key) is not None:
            raise DuplicateError(f"{self._what} {key!r} is already stored")
        self.pending[key] = row

    def rows(self) -> list[V]:
        """Every row, by key (the SQL store's order)."""
        return [row for _, row in self.items()]

    def items(self) -> list[tuple[K, V]]:
        """Every key and row, by key."""
        with self._lock:
            merged = {**self._committed, **self.pending}
        return [(key, merged[key]) for key in sorted(merged)]

    def commit(self) -> None:
        self._committed.update(self.pending)
        self.pending.clear()

    def discard(self) -> None:
        self.pending.clear()


class _Elections:
    def __init__(self, store: MemoryStore) -> None:
        self.table: _Table[str, tuple[StoredElection, bytes]] = _Table(
            store, store.elections, "election"
        )
        self._units: dict[str, frozenset[str]] = {}

    def add(self, election: Election, definition_hash: str, canonical: bytes) -> None:
        self.table.insert(election.id, (StoredElection(election, definition_hash), canonical))

    def rewrite(self, election: Election, definition_hash: str, canonical: bytes) -> None:
        if self.table.get(election.id) is None:
            raise ConstraintError(f"election {election.id!r} is not stored")
        self.table.pending[election.id] = (StoredElection(election, definition_hash), canonical)

    def get(self, election_id: str) -> StoredElection | None:
        stored = self.table.get(election_id)
        return None if stored is None else stored[0]

    def hash_of(self, election_id: str) -> str | None:
        stored = self.get(election_id)
        return None if stored is None else stored.definition_hash

    def ids(self) -> list[str]:
        return [stored.election.id for stored, _ in self.table.rows()]

    def units(self, election_id: str) -> frozenset[str]:
        """The codes of the election's units; `ConstraintError` when it is not stored."""
        if election_id not in self._units:
            stored = self.get(election_id)
            if stored is None:
                raise ConstraintError(f"election {election_id!r} is not stored")
            self._units[election_id] = frozenset(unit.code for unit in stored.election.units)
        return self._units[election_id]

    def check_station(self, election_id: str, station: str) -> None:
        if station not in self.units(election_id):
            raise ConstraintError(f"{station!r} is not a unit of election {election_id!r}")

    def commit(self) -> None:
        self.table.commit()

    def discard(self) -> None:
        self.table.discard()
        self._units.clear()  # it may hold an election this unit of work added and drops


class _Tallies:
    def __init__(self, store: MemoryStore, elections: _Elections) -> None:
        self._store = store
        self._elections = elections
        self.pending: dict[str, dict[tuple[str, str], TallySheet]] = {}

    def add_many(self, election_id: str, sheets: Iterable[TallySheet]) -> int:
        units = self._elections.units(election_id)
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
        with self._store.lock:
            return {*self._store.sheets.get(election_id, {}), *self.pending.get(election_id, {})}

    def all(self, election_id: str) -> Iterator[TallySheet]:
        with self._store.lock:
            merged = {
                **self._store.sheets.get(election_id, {}),
                **self.pending.get(election_id, {}),
            }
        # The same order as the SQL store's: by station, then contest.
        return iter([merged[key] for key in sorted(merged)])

    def commit(self) -> None:
        for election_id, sheets in self.pending.items():
            self._store.sheets.setdefault(election_id, {}).update(sheets)
        self.pending.clear()

    def discard(self) -> None:
        self.pending.clear()


class _Ledger:
    def __init__(self, store: MemoryStore, elections: _Elections) -> None:
        self._store = store
        self._elections = elections
        self.pending: dict[tuple[str, str], LedgerEntry] = {}

    def add(self, entry: LedgerEntry) -> bool:
        self._elections.check_station(entry.election, entry.station)
        key = (entry.election, entry.voter_key)
        with self._store.lock:
            if key in self._store.ledger or key in self._store.claimed:
                return False
            self._store.claimed.add(key)
        self.pending[key] = entry
        return True

    def find(self, election_id: str, voter_key: str) -> LedgerEntry | None:
        key = (election_id, voter_key)
        with self._store.lock:
            return self.pending.get(key) or self._store.ledger.get(key)

    def count(self, election_id: str, station: str | None = None) -> int:
        return len(self._entries(election_id, None if station is None else (station,)))

    def counts_by_station(
        self, election_id: str, stations: Collection[str] | None = None
    ) -> Mapping[str, int]:
        return Counter(entry.station for entry in self._entries(election_id, stations))

    def counts_by_hour(
        self, election_id: str, stations: Collection[str] | None = None
    ) -> Mapping[datetime.datetime, int]:
        return Counter(
            entry.at.astimezone(datetime.UTC).replace(minute=0, second=0, microsecond=0)
            for entry in self._entries(election_id, stations)
        )

    def counts_by_contest(self, election_id: str, station: str) -> Mapping[str, int]:
        return Counter(
            contest
            for entry in self._entries(election_id, (station,))
            for contest in entry.constituencies
        )

    def _entries(self, election_id: str, stations: Collection[str] | None) -> list[LedgerEntry]:
        with self._store.lock:
            entries = [*self._store.ledger.values(), *self.pending.values()]
        return [
            entry
            for entry in entries
            if entry.election == election_id and (stations is None or entry.station in stations)
        ]

    def commit(self) -> None:
        self._store.ledger.update(self.pending)
        self.discard()

    def discard(self) -> None:
        self._store.claimed.difference_update(self.pending)
        self.pending.clear()


class _Devices:
    def __init__(self, store: MemoryStore, elections: _Elections) -> None:
        self._elections = elections
        self.table: _Table[tuple[str, str], Device] = _Table(store, store.devices, "device")

    def add(self, device: Device) -> None:
        self._elections.check_station(device.election, device.station)
        self.table.insert((device.election, device.public_key), device)

    def get(self, election_id: str, public_key: str) -> Device | None:
        return self.table.get((election_id, public_key))

    def revoke(self, election_id: str, public_key: str, at: datetime.datetime) -> None:
        device = self.get(election_id, public_key)
        if device is None:
            raise ConstraintError(f"no device {public_key!r} is enrolled for {election_id!r}")
        if device.revoked_at is None:  # a revocation keeps its first time
            self.table.pending[(election_id, public_key)] = dataclasses.replace(
                device, revoked_at=at
            )

    def of_station(self, election_id: str, station: str) -> list[Device]:
        found = [d for d in self.table.rows() if (d.election, d.station) == (election_id, station)]
        return sorted(found, key=lambda device: (device.enrolled_at, device.public_key))

    def commit(self) -> None:
        self.table.commit()

    def discard(self) -> None:
        self.table.discard()


class _Staff:
    def __init__(self, store: MemoryStore, elections: _Elections) -> None:
        self._elections = elections
        self.table: _Table[tuple[str, str], RegisteredStaff] = _Table(
            store, store.staff, "staff key"
        )

    def add(self, staff: RegisteredStaff) -> None:
        self._elections.check_station(staff.election, staff.station)
        self.table.insert((staff.election, staff.key.text), staff)

    def find(self, election_id: str, key: PublicKey) -> RegisteredStaff | None:
        return self.table.get((election_id, key.text))

    def of_station(self, election_id: str, station: str) -> list[RegisteredStaff]:
        return [s for s in self.of_election(election_id) if s.station == station]

    def of_election(self, election_id: str) -> list[RegisteredStaff]:
        found = [s for s in self.table.rows() if s.election == election_id]
        return sorted(found, key=lambda s: (s.station, s.role.value, s.key.text))

    def commit(self) -> None:
        self.table.commit()

    def discard(self) -> None:
        self.table.discard()


class _Reports:
    def __init__(self, store: MemoryStore, elections: _Elections, devices: _Devices) -> None:
        self._elections = elections
        self._devices = devices
        self.table: _Table[tuple[str, str, str], StoredReport] = _Table(
            store, store.reports, "report"
        )

    def get(self, election_id: str, station: str, kind: str) -> StoredReport | None:
        return self.table.get((election_id, station, kind))

    def add(self, report: StoredReport) -> None:
        self._elections.check_station(report.election, report.station)
        if self._devices.get(report.election, report.device) is None:
            raise ConstraintError(f"device {report.device!r} is not enrolled")
        self.table.insert((report.election, report.station, report.kind), report)

    def all(self, election_id: str) -> Iterator[StoredReport]:
        return iter([report for report in self.table.rows() if report.election == election_id])

    def commit(self) -> None:
        self.table.commit()

    def discard(self) -> None:
        self.table.discard()


def _number(store: MemoryStore, table: str) -> int:
    """The next number of `table`; like a database sequence, a rolled-back one is not reused."""
    with store.lock:
        store.numbers[table] = store.numbers.get(table, 0) + 1
        return store.numbers[table]


class _Incidents:
    def __init__(self, store: MemoryStore, elections: _Elections) -> None:
        self._store = store
        self._elections = elections
        self.table: _Table[int, Incident] = _Table(store, store.incidents, "incident")

    def add(self, incident: Incident) -> int:
        self._elections.units(incident.election)
        number = _number(self._store, "incidents")
        self.table.pending[number] = incident
        return number

    def all(self, election_id: str) -> list[Incident]:
        return [numbered.incident for numbered in self.numbered(election_id)]

    def numbered(self, election_id: str) -> list[NumberedIncident]:
        return [
            NumberedIncident(number, incident)
            for number, incident in self.table.items()
            if incident.election == election_id
        ]

    def get(self, incident_id: int) -> Incident | None:
        return self.table.get(incident_id)

    def update(self, incident_id: int, incident: Incident) -> None:
        if self.get(incident_id) is None:
            raise ConstraintError(f"no incident {incident_id} is stored")
        self.table.pending[incident_id] = incident

    def commit(self) -> None:
        self.table.commit()

    def discard(self) -> None:
        self.table.discard()


class _Voids:
    def __init__(self, store: MemoryStore, elections: _Elections) -> None:
        self._store = store
        self._elections = elections
        self.table: _Table[int, VoidRecord] = _Table(store, store.voids, "void")

    def add(self, record: VoidRecord) -> VoidRecord:
        self._elections.units(record.election)
        stored = dataclasses.replace(record, id=_number(self._store, "voids"))
        self.table.pending[stored.id] = stored
        return stored

    def name_entry(self, number: int, entry: Checkpoint) -> None:
        record = self.table.get(number)
        if record is None:
            raise ConstraintError(f"no void {number}")
        self.table.pending[number] = dataclasses.replace(record, logged=entry)

    def all(self, election_id: str) -> list[VoidRecord]:
        return [record for record in self.table.rows() if record.election == election_id]

    def commit(self) -> None:
        self.table.commit()

    def discard(self) -> None:
        self.table.discard()


class _Certifications:
    def __init__(self, store: MemoryStore, elections: _Elections) -> None:
        self._store = store
        self._elections = elections
        self.table: _Table[int, tuple[Certification, bool, Checkpoint | None]] = _Table(
            store, store.certifications, "certification"
        )

    def add(self, certification: Certification, entry: Checkpoint) -> None:
        self._elections.units(certification.election)
        number = _number(self._store, "certifications")
        self.table.pending[number] = (certification, False, entry)

    def in_force(self, election_id: str) -> list[Certification]:
        return [r.certification for r in self.records_in_force(election_id)]

    def records_in_force(self, election_id: str) -> list[CertificationRecord]:
        return [
            CertificationRecord(c, number, entry)
            for number, (c, undone, entry) in self.table.items()
            if c.election == election_id and not undone
        ]

    def undo(self, certification: Certification, *, by: str, at: datetime.datetime) -> None:
        del by, at  # the fake keeps only that it was undone; the SQL store keeps who and when
        scope = (certification.election, certification.contest, certification.constituency)
        for number, (c, undone, entry) in self.table.items():
            if not undone and (c.election, c.contest, c.constituency) == scope:
                self.table.pending[number] = (c, True, entry)
                return
        raise ConstraintError(f"no certification of {scope} is in force")

    def commit(self) -> None:
        self.table.commit()

    def discard(self) -> None:
        self.table.discard()


class _Cases:
    def __init__(self, store: MemoryStore, elections: _Elections) -> None:
        self._store = store
        self._elections = elections
        self.table: _Table[int, ViolationCase] = _Table(store, store.cases, "case")

    def add(self, case: ViolationCase) -> ViolationCase:
        self._elections.units(case.election)
        stored = dataclasses.replace(case, id=_number(self._store, "cases"))
        self.table.pending[stored.id] = stored
        return stored

    def get(self, case_id: int) -> ViolationCase | None:
        return self.table.get(case_id)

    def all(self, election_id: str) -> list[ViolationCase]:
        return [case for case in self.table.rows() if case.election == election_id]

    def update(self, case: ViolationCase) -> None:
        if self.get(case.id) is None:
            raise ConstraintError(f"no case {case.id} is stored")
        self.table.pending[case.id] = case

    def commit(self) -> None:
        self.table.commit()

    def discard(self) -> None:
        self.table.discard()


class _Readiness:
    def __init__(self, store: MemoryStore, elections: _Elections) -> None:
        self._elections = elections
        self._store = store
        self.table: _Table[tuple[str, ...], Row] = _Table(store, store.readiness, "row")
        self.removed: set[tuple[str, ...]] = set()

    @staticmethod
    def _key(election_id: str, row: Row) -> tuple[str, ...]:
        return (election_id, register_of(row).value, *key_of(row))

    def registers(self, election_id: str) -> Registers:
        rows = [r for k, r in self.table.items() if k[0] == election_id and k not in self.removed]
        return Registers(
            fleet=tuple(r for r in rows if isinstance(r, Box)),
            papers=tuple(r for r in rows if isinstance(r, PaperStock)),
            staff=tuple(r for r in rows if isinstance(r, Staffing)),
        )

    def papers(self, election_id: str, station: str) -> PaperStock | None:
        found = self.registers(election_id).papers
        return next((row for row in found if row.station == station), None)

    def write(self, election_id: str, *, remove: Registers, add: Registers) -> None:
        for register in Register:
            for row in remove.rows(register):
                key = self._key(election_id, row)
                self.table.pending.pop(key, None)
                self.removed.add(key)
            for row in add.rows(register):
                key = self._key(election_id, row)
                if key in self.removed:
                    self.removed.discard(key)
                    self.table.pending[key] = row
                else:
                    self._elections.check_station(election_id, place_of(row))
                    self.table.insert(key, row)

    def commit(self) -> None:
        for key in self.removed:
            self._store.readiness.pop(key, None)
        self.removed.clear()
        self.table.commit()

    def discard(self) -> None:
        self.removed.clear()
        self.table.discard()


class _Events:
    def __init__(self, store: MemoryStore) -> None:
        self._store = store
        self.pending: list[Entry] = []
        self._holding = False

    def record(self, event: Event) -> Entry:
        if not self._holding:
            self._hold()
        head = self.pending[-1] if self.pending else self._head()
        entry = chain(head, event)
        self.pending.append(entry)
        return entry

    def _head(self) -> Entry | None:
        with self._store.lock:
            return self._store.events[-1] if self._store.events else None

    def _hold(self) -> None:
        if self._store.log_thread == threading.get_ident():
            raise RuntimeError(
                "another unit of work of this thread is recording events: it would wait for itself"
            )
        if not self._store.log.acquire(timeout=LOG_WAIT_SECONDS):
            raise RuntimeError("the event log stayed held by another unit of work")
        self._store.log_thread = threading.get_ident()
        self._holding = True

    def entries(self, after: int = 0) -> Iterator[Entry]:
        with self._store.lock:
            return iter([e for e in (*self._store.events, *self.pending) if e.sequence > after])

    def head(self) -> Entry | None:
        return self.pending[-1] if self.pending else self._head()

    def at(self, sequences: Collection[int]) -> dict[int, Entry]:
        wanted = set(sequences)
        return {e.sequence: e for e in self.entries() if e.sequence in wanted}

    def of_type(self, kind: EventType, election: str) -> list[Entry]:
        return [
            e
            for e in self.entries()
            if e.event.type is kind and e.event.details.get("election") == election
        ]

    def commit(self) -> None:
        self._store.events.extend(self.pending)
        self.discard()

    def discard(self) -> None:
        self.pending.clear()
        if self._holding:
            self._holding = False
            self._store.log_thread = None
            self._store.log.release()


class _Checkpoints:
    def __init__(self, store: MemoryStore) -> None:
        self._store = store
        self.pending: list[SignedCheckpoint] = []

    def add(self, checkpoint: SignedCheckpoint) -> None:
        self.pending.append(checkpoint)

    def last(self) -> SignedCheckpoint | None:
        taken = self.all()
        return taken[-1] if taken else None

    def all(self) -> list[SignedCheckpoint]:
        with self._store.lock:
            return [*self._store.checkpoints, *self.pending]

    def commit(self) -> None:
        self._store.checkpoints.extend(self.pending)
        self.pending.clear()

    def discard(self) -> None:
        self.pending.clear()


class _Part(Protocol):
    """A repository's pending writes; the unit of work calls these holding the store's lock."""

    def commit(self) -> None: ...

    def discard(self) -> None: ...


class MemoryUnitOfWork:
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

    def __init__(self, store: MemoryStore) -> None:
        self._store = store
        elections = _Elections(store)
        devices = _Devices(store, elections)
        parts = (
            elections,
            _Tallies(store, elections),
            _Ledger(store, elections),
            devices,
            _Reports(store, elections, devices),
            _Incidents(store, elections),
            _Events(store),
        )
        self._parts: tuple[_Part, ...] = parts
        (
            self.elections,
            self.tallies,
            self.ledger,
            self.devices,
            self.reports,
            self.incidents,
            self.events,
        ) = parts
        supervision = (
            _Voids(store, elections),
            _Certifications(store, elections),
            _Cases(store, elections),
        )
        self.voids, self.certifications, self.cases = supervision
        self._parts += supervision
        self.operators = MemoryOperators(
            store.operators,
            store.lock,
            elections,
            duplicate=DuplicateError,
            refused=ConstraintError,
        )
        self._parts += (self.operators,)
        self.readiness = readiness = _Readiness(store, elections)
        self.staff = staff = _Staff(store, elections)
        self.checkpoints = checkpoints = _Checkpoints(store)
        self.refusals = refusals = MemoryRefusals(store.refusals, store.lock)
        self._parts += (readiness, staff, checkpoints, refusals)
        self.records = MemoryRecords(
            store.records, store.lock, elections, duplicate=DuplicateError, refused=ConstraintError
        )
        self._parts += (self.records,)
        self.e2e = MemoryE2E(
            store.e2e, store.lock, elections, duplicate=DuplicateError, refused=ConstraintError
        )
        self._parts += (self.e2e,)
        self.audits = MemoryAudits(
            store.audits, store.lock, elections, duplicate=DuplicateError, refused=ConstraintError
        )
        self._parts += (self.audits,)
        self.candidacy = MemoryCandidacy(
            store.candidacy, store.lock, duplicate=DuplicateError, hash_of=elections.hash_of
        )
        self._parts += (self.candidacy,)
        self.outcome_decisions = MemoryOutcomeDecisions(
            store.outcome_decisions, store.lock, duplicate=DuplicateError
        )
        self._parts += (self.outcome_decisions,)
        self.preparation = MemoryPreparation(
            store.preparation,
            store.lock,
            elections.check_station,
            duplicate=DuplicateError,
            refused=ConstraintError,
        )
        self._parts += (self.preparation,)
        self.fleet = MemoryFleet(
            store.fleet, store.lock, elections, duplicate=DuplicateError, refused=ConstraintError
        )
        self._parts += (self.fleet,)
        self.mode_approvals = MemoryModeApprovals(
            store.mode_approvals,
            store.lock,
            elections,
            duplicate=DuplicateError,
            refused=ConstraintError,
        )
        self._parts += (self.mode_approvals,)

    def __enter__(self) -> Self:
        self._end(commit=False)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._end(commit=False)

    def commit(self) -> None:
        self._end(commit=True)

    def _end(self, *, commit: bool) -> None:
        with self._store.lock:
            for part in self._parts:
                if commit:
                    part.commit()
                else:
                    part.discard()
