"""One database transaction per use case, behind the `UnitOfWork` port (DESIGN.md §6)."""

from __future__ import annotations

import datetime
from types import TracebackType
from typing import Self

from sqlalchemy import Engine
from sqlalchemy.engine import Connection

from sandogh.services.audit_ports import AuditRepository
from sandogh.services.candidacy_ports import CandidacyRepository
from sandogh.services.fleet_ports import FleetRepository
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
from sandogh.store.audits import SqlAuditRepository
from sandogh.store.candidacy import SqlCandidacyRepository
from sandogh.store.cases import SqlCaseRepository
from sandogh.store.certified_nodes import SqlTreeRepository
from sandogh.store.checkpoints import SqlCheckpointRepository
from sandogh.store.devices import SqlDeviceRepository
from sandogh.store.e2e import SqlE2ERepository
from sandogh.store.elections import SqlElectionRepository
from sandogh.store.engine import IMMEDIATE
from sandogh.store.erasure import Erasure
from sandogh.store.event_log import SqlEventLog
from sandogh.store.fleet import SqlFleetRepository
from sandogh.store.incidents import SqlIncidentRepository
from sandogh.store.ledger import SqlLedgerRepository
from sandogh.store.mode_approvals import SqlModeApprovalRepository
from sandogh.store.operators import SqlOperatorRepository
from sandogh.store.outcome_decisions import SqlOutcomeDecisionRepository
from sandogh.store.preparation import SqlPreparationRepository
from sandogh.store.readiness import SqlReadinessRepository
from sandogh.store.records import SqlRecordRepository
from sandogh.store.refusals import SqlRefusalRepository
from sandogh.store.reports import SqlReportRepository
from sandogh.store.staff import SqlStaffRepository
from sandogh.store.supervision import SqlCertificationRepository, SqlVoidRepository
from sandogh.store.tallies import SqlTallyRepository
from sandogh.store.totals import SqlTotalsRepository


class SqlUnitOfWork:
    """A transaction on `engine`: `commit()` stores what was written; leaving the `with` block
    without it, or through an exception, rolls everything back.

    `now` is the moment the caller's use case runs at (timezone-aware); rows that record when they
    were written (an election's `loaded_at`) take it, so the store never reads a clock itself.

    On PostgreSQL units of work run side by side (READ COMMITTED); the unique keys decide races
    and the event log takes a lock of its own. On SQLite a unit of work's transaction begins
    immediate at its first statement, so units of work that touch the database run one at a time
    (the next waits up to the busy timeout): a use case that reads and then writes is never
    refused for a write that came in between. So on SQLite a thread must not use a second unit
    of work while its first has run a statement and is still open: it would wait for itself.

    `reading`: the unit of work only reads (the publisher, issue 14). On SQLite its transaction
    begins deferred, a snapshot of the last commit that takes no lock (WAL), so a reader never
    holds up the centre's writers nor waits for them; it must not write.
    """

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

    def __init__(self, engine: Engine, *, now: datetime.datetime, reading: bool = False) -> None:
        if now.tzinfo is None or now.utcoffset() is None:
            raise ValueError("a unit of work's time must be timezone-aware")
        self._engine = engine
        self._now = now
        self._connection: Connection | None = None
        # PostgreSQL begins at once, and again right after a commit: COPY runs on the driver
        # connection, where SQLAlchemy would not see a transaction start and would then not
        # commit it. SQLite begins at the first statement, so that an idle unit of work does not
        # hold the write lock.
        self._eager = engine.dialect.name != "sqlite"
        self._reading = reading

    def __enter__(self) -> Self:
        if self._connection is not None:
            raise RuntimeError("this unit of work is already open")
        connection = self._engine.connect()
        if self._eager:
            connection.begin()
        elif not self._reading:
            connection.execution_options(**{IMMEDIATE: True})
        self._connection = connection
        self.elections = SqlElectionRepository(connection, now=self._now)
        self.tallies = SqlTallyRepository(connection)
        self.ledger = SqlLedgerRepository(connection)
        self.devices = SqlDeviceRepository(connection)
        self.staff = SqlStaffRepository(connection)
        self.records = SqlRecordRepository(connection)
        self.reports = SqlReportRepository(connection)
        self.incidents = SqlIncidentRepository(connection)
        self.events = SqlEventLog(connection)
        self.checkpoints = SqlCheckpointRepository(connection)
        self.operators = SqlOperatorRepository(connection)
        self.voids = SqlVoidRepository(connection)
        self.certifications = SqlCertificationRepository(connection)
        self.cases = SqlCaseRepository(connection)
        self.readiness = SqlReadinessRepository(connection)
        self.preparation = SqlPreparationRepository(connection)
        self.refusals = SqlRefusalRepository(connection)
        self.e2e = SqlE2ERepository(connection)
        self._erasure = Erasure(connection)
        self.audits = SqlAuditRepository(connection, self._erasure)
        self.candidacy = SqlCandidacyRepository(connection)
        self.fleet = SqlFleetRepository(connection)
        self.mode_approvals = SqlModeApprovalRepository(connection)
        self.outcome_decisions = SqlOutcomeDecisionRepository(connection)
        self.totals = SqlTotalsRepository(connection)
        self.trees = SqlTreeRepository(connection)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            try:
                connection.rollback()
                self._erasure.ended()
            finally:
                connection.close()

    def commit(self) -> None:
        if self._connection is None:
            raise RuntimeError("commit() outside the unit of work's `with` block")
        self._connection.commit()
        self._erasure.committed()
        if self._eager:
            self._connection.begin()
