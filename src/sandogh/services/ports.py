"""The ports the use cases talk through; adapters in `sandogh.store` implement them.

A use case opens one unit of work, does its reads and writes through the repositories on it, and
commits once: either everything it wrote is stored, or nothing is (DESIGN.md §6, one transaction
per use case).
"""

from __future__ import annotations

from types import TracebackType
from typing import Protocol, Self

from sandogh.services.audit_ports import AuditRepository
from sandogh.services.candidacy_ports import CandidacyRepository
from sandogh.services.e2e_ports import E2ERepository, StoredCeremony, StoredChain
from sandogh.services.election_ports import ElectionRepository, StoredElection, TallyRepository
from sandogh.services.fleet_ports import FleetRepository
from sandogh.services.ledger_ports import LedgerEntry, LedgerRepository, Registry
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
from sandogh.services.record_ports import RecordRepository, StoredAmendment, StoredRecord
from sandogh.services.station_ports import (
    Device,
    DeviceRepository,
    ReportRepository,
    StaffRepository,
    StoredReport,
)
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
from sandogh.services.totals_ports import TotalsRepository, TreeRepository

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
    trees: TreeRepository

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def commit(self) -> None: ...
