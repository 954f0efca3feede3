"""The tables of the central store, all on one MetaData (`base.Base`), each module holding the
tables of one part of the work; importing this package registers every one of them.
"""

from __future__ import annotations

from sandogh.store.tables.access import (
    LoginCounterRow,
    OperatorNetworkRow,
    OperatorRow,
    OperatorSessionRow,
    RefusalCountRow,
    RefusedSourceRow,
    SecurityAlertRow,
)
from sandogh.store.tables.audits import AuditHandCountRow, AuditReadingRow, AuditRoundRow, AuditRow
from sandogh.store.tables.base import Base
from sandogh.store.tables.candidacy import CandidacyCalendarRow, CandidacyStepRow
from sandogh.store.tables.day import (
    DeviceRow,
    EventRow,
    IncidentRow,
    LedgerRow,
    LogCheckpointRow,
    StaffKeyRow,
    StationReportRow,
)
from sandogh.store.tables.election import ElectionRow, TallySheetRow, UnitRow
from sandogh.store.tables.fleet import (
    AttestedBuildRow,
    BuildDecisionRow,
    BuildProposalRow,
    HandoverRow,
)
from sandogh.store.tables.readiness import (
    PastProblemRow,
    ReadinessBoxRow,
    ReadinessPapersRow,
    ReadinessStaffRow,
    RemotePlanRow,
    StaffAttendanceRow,
    StaffSessionRow,
    StationWorkerRow,
)
from sandogh.store.tables.records import (
    BallotChainRow,
    E2ECeremonyRow,
    PreElectionRecordRow,
    RecordAmendmentRow,
    RecordSignatureRow,
)
from sandogh.store.tables.supervision import (
    CertificationRow,
    ModeApprovalRow,
    OutcomeDecisionRow,
    ViolationCaseRow,
    VoidRow,
)
from sandogh.store.tables.totals import (
    CertifiedNodeRow,
    ResultsTotalRow,
    ResultsTotalVoteRow,
    TotalsFilledRow,
)

__all__ = [
    "AttestedBuildRow",
    "AuditHandCountRow",
    "AuditReadingRow",
    "AuditRoundRow",
    "AuditRow",
    "BallotChainRow",
    "Base",
    "BuildDecisionRow",
    "BuildProposalRow",
    "CandidacyCalendarRow",
    "CandidacyStepRow",
    "CertificationRow",
    "CertifiedNodeRow",
    "DeviceRow",
    "E2ECeremonyRow",
    "ElectionRow",
    "EventRow",
    "HandoverRow",
    "IncidentRow",
    "LedgerRow",
    "LogCheckpointRow",
    "LoginCounterRow",
    "ModeApprovalRow",
    "OperatorNetworkRow",
    "OperatorRow",
    "OperatorSessionRow",
    "OutcomeDecisionRow",
    "PastProblemRow",
    "PreElectionRecordRow",
    "ReadinessBoxRow",
    "ReadinessPapersRow",
    "ReadinessStaffRow",
    "RecordAmendmentRow",
    "RecordSignatureRow",
    "RefusalCountRow",
    "RefusedSourceRow",
    "RemotePlanRow",
    "ResultsTotalRow",
    "ResultsTotalVoteRow",
    "SecurityAlertRow",
    "StaffAttendanceRow",
    "StaffKeyRow",
    "StaffSessionRow",
    "StationReportRow",
    "StationWorkerRow",
    "TallySheetRow",
    "TotalsFilledRow",
    "UnitRow",
    "ViolationCaseRow",
    "VoidRow",
]
