"""What the in-memory store of `services.memory` has committed, and the pieces its repositories
share: a table of rows by key with a unit of work's own beside them, the numbers a sequence gives,
and the refusals a database's keys and constraints make."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from sandogh.core.counting.tally import TallySheet
from sandogh.core.log.chain import Entry
from sandogh.core.log.checkpoints import SignedCheckpoint
from sandogh.core.readiness import Row
from sandogh.core.report.staff import RegisteredStaff
from sandogh.core.supervision import ViolationCase
from sandogh.services.memory_audits import AuditTables
from sandogh.services.memory_candidacy import CandidacyTables
from sandogh.services.memory_e2e import E2ETables
from sandogh.services.memory_fleet import FleetTables
from sandogh.services.memory_modes import Key as ModeKey
from sandogh.services.memory_operators import OperatorTables
from sandogh.services.memory_preparation import PreparationTables
from sandogh.services.memory_records import RecordTables
from sandogh.services.memory_refusals import RefusalTables
from sandogh.services.memory_totals import TotalsTables
from sandogh.services.mode_ports import ApprovalRecord
from sandogh.services.outcome_decision_ports import StoredDecision
from sandogh.services.ports import (
    CertificationRecord,
    Device,
    Incident,
    LedgerEntry,
    StoredElection,
    StoredReport,
    VoidRecord,
)

K = TypeVar("K", bound=str | int | tuple[str, ...])
V = TypeVar("V")


class DuplicateError(Exception):
    """The fake's refusal of a key that is already stored, as a database's unique key refuses it."""


class ConstraintError(Exception):
    """The fake's refusal of a row the database's schema refuses: a negative figure, or a row
    naming an election, station or device that is not stored."""


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
    #: Each certification with the log entry it names, and its undoing with that's.
    certifications: dict[int, CertificationRecord] = field(default_factory=dict)
    certified_nodes: dict[tuple[str, str, str], tuple[str | None, str | None]] = field(
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
    totals: TotalsTables = field(default_factory=TotalsTables)
    #: Guards every read and write of the above across threads.
    lock: threading.Lock = field(default_factory=threading.Lock)
    #: Voter keys added by units of work still open, by (election, voter key).
    claimed: set[tuple[str, str]] = field(default_factory=set)
    #: Held by the unit of work that records events, from its first record to its end.
    log: threading.Lock = field(default_factory=threading.Lock)
    log_thread: int | None = None


class Table(Generic[K, V]):
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


def next_number(store: MemoryStore, table: str) -> int:
    """The next number of `table`; like a database sequence, a rolled-back one is not reused."""
    with store.lock:
        store.numbers[table] = store.numbers.get(table, 0) + 1
        return store.numbers[table]
