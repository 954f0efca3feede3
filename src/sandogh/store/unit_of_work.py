"""One database transaction per use case, behind the `UnitOfWork` port (DESIGN.md §6)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from types import TracebackType
from typing import Generic, Self, TypeVar

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

R = TypeVar("R")


class _Repository(Generic[R]):
    """A repository of a unit of work, made the first time the open unit of work asks for it and
    kept until it ends: a use case uses a few of the twenty-four, and making every one for each
    transaction was a part of a group of check-ins' CPU (issue 14)."""

    def __init__(self, make: Callable[[SqlUnitOfWork], R]) -> None:
        self._make = make
        self._name = ""

    def __set_name__(self, owner: type[SqlUnitOfWork], name: str) -> None:
        self._name = name

    def __get__(self, work: SqlUnitOfWork, owner: type[SqlUnitOfWork]) -> R:
        made = self._make(work)
        work.__dict__[self._name] = made  # found there, not here, until the unit of work ends
        work.made.append(self._name)
        return made


def _on(repository: Callable[[Connection], R]) -> _Repository[R]:
    """A repository of the unit of work's connection alone."""
    return _Repository(lambda work: repository(work.live()))


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

    now: datetime.datetime
    erasure: Erasure
    elections: _Repository[ElectionRepository] = _Repository(
        lambda work: SqlElectionRepository(work.live(), now=work.now)
    )
    tallies: _Repository[TallyRepository] = _on(SqlTallyRepository)
    ledger: _Repository[LedgerRepository] = _on(SqlLedgerRepository)
    devices: _Repository[DeviceRepository] = _on(SqlDeviceRepository)
    staff: _Repository[StaffRepository] = _on(SqlStaffRepository)
    records: _Repository[RecordRepository] = _on(SqlRecordRepository)
    reports: _Repository[ReportRepository] = _on(SqlReportRepository)
    incidents: _Repository[IncidentRepository] = _on(SqlIncidentRepository)
    events: _Repository[EventLog] = _on(SqlEventLog)
    checkpoints: _Repository[CheckpointRepository] = _on(SqlCheckpointRepository)
    operators: _Repository[OperatorRepository] = _on(SqlOperatorRepository)
    voids: _Repository[VoidRepository] = _on(SqlVoidRepository)
    certifications: _Repository[CertificationRepository] = _on(SqlCertificationRepository)
    cases: _Repository[CaseRepository] = _on(SqlCaseRepository)
    readiness: _Repository[ReadinessRepository] = _on(SqlReadinessRepository)
    preparation: _Repository[PreparationRepository] = _on(SqlPreparationRepository)
    refusals: _Repository[RefusalRepository] = _on(SqlRefusalRepository)
    e2e: _Repository[E2ERepository] = _on(SqlE2ERepository)
    audits: _Repository[AuditRepository] = _Repository(
        lambda work: SqlAuditRepository(work.live(), work.erasure)
    )
    candidacy: _Repository[CandidacyRepository] = _on(SqlCandidacyRepository)
    fleet: _Repository[FleetRepository] = _on(SqlFleetRepository)
    mode_approvals: _Repository[ModeApprovalRepository] = _on(SqlModeApprovalRepository)
    outcome_decisions: _Repository[OutcomeDecisionRepository] = _on(SqlOutcomeDecisionRepository)
    totals: _Repository[TotalsRepository] = _on(SqlTotalsRepository)
    trees: _Repository[TreeRepository] = _on(SqlTreeRepository)

    def __init__(self, engine: Engine, *, now: datetime.datetime, reading: bool = False) -> None:
        if now.tzinfo is None or now.utcoffset() is None:
            raise ValueError("a unit of work's time must be timezone-aware")
        self._engine = engine
        self._connection: Connection | None = None
        # PostgreSQL begins at once, and again right after a commit: COPY runs on the driver
        # connection, where SQLAlchemy would not see a transaction start and would then not
        # commit it. SQLite begins at the first statement, so that an idle unit of work does not
        # hold the write lock.
        self._eager = engine.dialect.name != "sqlite"
        self._reading = reading
        self.now = now
        #: the repositories made in the open unit of work (`_Repository`), forgotten as it ends
        self.made: list[str] = []

    def __enter__(self) -> Self:
        if self._connection is not None:
            raise RuntimeError("this unit of work is already open")
        connection = self._engine.connect()
        if self._eager:
            connection.begin()
        elif not self._reading:
            connection.execution_options(**{IMMEDIATE: True})
        self._connection = connection
        self.erasure = Erasure(connection)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        connection, self._connection = self._connection, None
        for name in self.made:  # made again, on the next connection, if the work is used again
            del self.__dict__[name]
        self.made.clear()
        if connection is not None:
            try:
                connection.rollback()
                self.erasure.ended()
            finally:
                connection.close()

    def live(self) -> Connection:
        """The open unit of work's connection."""
        if self._connection is None:
            raise RuntimeError("a repository used outside the unit of work's `with` block")
        return self._connection

    def commit(self) -> None:
        if self._connection is None:
            raise RuntimeError("commit() outside the unit of work's `with` block")
        self._connection.commit()
        self.erasure.committed()
        if self._eager:
            self._connection.begin()
