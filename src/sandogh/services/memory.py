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

from types import TracebackType
from typing import Protocol, Self

from sandogh.services.audit_ports import AuditRepository
from sandogh.services.candidacy_ports import CandidacyRepository
from sandogh.services.fleet_ports import FleetRepository
from sandogh.services.memory_audits import MemoryAudits
from sandogh.services.memory_candidacy import MemoryCandidacy
from sandogh.services.memory_e2e import MemoryE2E
from sandogh.services.memory_fleet import MemoryFleet
from sandogh.services.memory_log import MemoryCheckpoints, MemoryEvents
from sandogh.services.memory_modes import MemoryModeApprovals
from sandogh.services.memory_operators import MemoryOperators
from sandogh.services.memory_outcome_decisions import MemoryOutcomeDecisions
from sandogh.services.memory_polling import (
    MemoryDevices,
    MemoryElections,
    MemoryLedger,
    MemoryReports,
    MemoryStaff,
    MemoryTallies,
)
from sandogh.services.memory_preparation import MemoryPreparation
from sandogh.services.memory_readiness import MemoryReadiness
from sandogh.services.memory_records import MemoryRecords
from sandogh.services.memory_refusals import MemoryRefusals
from sandogh.services.memory_store import ConstraintError, DuplicateError, MemoryStore
from sandogh.services.memory_supervision import (
    MemoryCases,
    MemoryCertifications,
    MemoryIncidents,
    MemoryVoids,
)
from sandogh.services.memory_totals import MemoryTotals, MemoryTrees
from sandogh.services.mode_ports import ModeApprovalRepository
from sandogh.services.outcome_decision_ports import OutcomeDecisionRepository
from sandogh.services.ports import (
    CaseRepository,
    CertificationRepository,
    CheckpointRepository,
    DeviceRepository,
    E2ERepository,
    ElectionRepository,
    EventLog,
    IncidentRepository,
    LedgerRepository,
    OperatorRepository,
    PreparationRepository,
    ReadinessRepository,
    RecordRepository,
    RefusalRepository,
    ReportRepository,
    StaffRepository,
    TallyRepository,
    VoidRepository,
)
from sandogh.services.totals_ports import TotalsRepository, TreeRepository

# The store and the errors its repositories raise are named here too: tests import them from here.
__all__ = ["ConstraintError", "DuplicateError", "MemoryStore", "MemoryUnitOfWork"]


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
    totals: TotalsRepository
    trees: TreeRepository

    def __init__(self, store: MemoryStore) -> None:
        self._store = store
        elections = MemoryElections(store)
        devices = MemoryDevices(store, elections)
        parts = (
            elections,
            MemoryTallies(store, elections),
            MemoryLedger(store, elections),
            devices,
            MemoryReports(store, elections, devices),
            MemoryIncidents(store, elections),
            MemoryEvents(store),
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
            MemoryVoids(store, elections),
            MemoryCertifications(store, elections),
            MemoryCases(store, elections),
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
        self.readiness = readiness = MemoryReadiness(store, elections)
        self.staff = staff = MemoryStaff(store, elections)
        self.checkpoints = checkpoints = MemoryCheckpoints(store)
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
        self.totals = totals = MemoryTotals(store.totals, store.lock)
        self.trees = trees = MemoryTrees(store.totals, store.lock)
        self._parts += (totals, trees)

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
