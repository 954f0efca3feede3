"""Why the centre refuses a station report, and the error that says so (`services.ingest`).

DESIGN.md §3 (the centre rejects an unsigned, tampered, duplicate or mismatched report with a clear
reason) and §6 (a report from an unknown or revoked device, or for another station, is refused).
A refusal names its reason and every problem; one of a report its device is shown to have signed
raises an incident for the supervisors, one that does not show its sender to be anyone
(`ReportRefusal.unproven`) raises none and is counted instead (`services.refusals`). Kept apart
from the checks (`services.report_checks`) and the use case (`services.ingest`), which both make
these refusals.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from sandogh.core.definition.problems import Problem
from sandogh.core.errors import SandoghError
from sandogh.core.report import ReportKind
from sandogh.services.ports import Incident, IncidentKind


class ReportRefusal(StrEnum):
    MALFORMED = "malformed"
    UNKNOWN_DEVICE = "unknown-device"
    BAD_SIGNATURE = "bad-signature"
    REVOKED_DEVICE = "revoked-device"
    WRONG_STATION = "wrong-station"
    DEFINITION_MISMATCH = "definition-mismatch"
    CONFLICTING = "conflicting"
    NONCONFORMING = "nonconforming"
    DOES_NOT_RECONCILE = "does-not-reconcile"
    CERTIFIED = "certified"  # its contest's result is certified: the inputs are frozen
    # against the pre-election record and the registered staff (issue 9, section 2)
    NOT_IN_RECORD = "not-in-record"
    REPLACED_DEVICE = "replaced-device"
    UNREGISTERED_STAFF = "unregistered-staff"
    STAFF_ROLE_MISMATCH = "staff-role-mismatch"
    MISSING_STAFF = "missing-staff"
    NO_ZERO_REPORT = "no-zero-report"
    # docs/e2e.md §7: in an E2E election every box's final report commits to its chain
    NOT_E2E = "not-e2e"
    # issue 12: a box signs under its build, which must be on the day's approved list
    NO_BUILD = "no-build"
    UNAPPROVED_BUILD = "unapproved-build"
    REVOKED_BUILD = "revoked-build"
    # issue 12: a zero report arriving before polling day (`services.report_days`)
    OUTSIDE_POLLING = "outside-polling"

    @property
    def unproven(self) -> bool:
        """Whether the refusal comes before the report is shown to be its device's."""
        return self in _UNPROVEN


_UNPROVEN = frozenset(
    {ReportRefusal.MALFORMED, ReportRefusal.UNKNOWN_DEVICE, ReportRefusal.BAD_SIGNATURE}
)


@dataclass(frozen=True)
class Claim:
    """What a readable report says of itself, before any of it is believed."""

    election: str
    station: str
    kind: ReportKind
    device: str  # public key, 64 hex digits
    build: str | None = None  # the build it names (`core.report.report`)


class ReportRefusedError(SandoghError):
    """A report refused for `reason`, with every problem; `received` is the SHA-256 of the bytes.

    `claim` is None for bytes that do not read as a report; `incident` is what the refusal
    raised for the supervisors, if anything.
    """

    def __init__(
        self,
        reason: ReportRefusal,
        problems: Iterable[Problem],
        *,
        received: str,
        claim: Claim | None = None,
        incident: Incident | None = None,
    ) -> None:
        self.reason = reason
        self.problems = tuple(problems)
        self.received = received
        self.claim = claim
        self.incident = incident
        shown = "; ".join(str(p) for p in self.problems[:3])
        more = "; …" if len(self.problems) > 3 else ""
        super().__init__(f"report refused ({reason}): {shown}{more}")


@dataclass(frozen=True)
class Refuser:
    """Makes the refusals of one report; `incident` says what it raises for the supervisors."""

    claim: Claim
    received: str
    now: datetime.datetime

    def __call__(
        self,
        reason: ReportRefusal,
        problems: Iterable[Problem],
        incident: IncidentKind | None = IncidentKind.REFUSED_REPORT,
        stations: tuple[str, ...] = (),
    ) -> ReportRefusedError:
        raised = None
        if incident is not None:
            raised = Incident(
                election=self.claim.election,
                kind=incident,
                stations=stations or (self.claim.station,),
                at=self.now,
                details={
                    "reason": reason.value,
                    "report_kind": self.claim.kind.value,
                    "device": self.claim.device,
                    "report_hash": self.received,
                },
            )
        return ReportRefusedError(
            reason, problems, received=self.received, claim=self.claim, incident=raised
        )
