"""The ports of the supervisors' work: incidents raised, voids decided, certifications and
violation cases (issue 4, `core.supervision`)."""

from __future__ import annotations

import datetime
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from sandogh.core.log.verify import Checkpoint
from sandogh.core.supervision import Certification, Undoing, ViolationCase, Void


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
    # a final report whose close did not reconcile, with the staff's words (issue 13, S23 A1)
    CLOSE_RECONCILIATION = "close-reconciliation"


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
    """A certification as stored, with the event-log entry that recorded it (None: none named);
    once undone, its undoing and the entry that recorded that (`core.supervision.recorded`)."""

    certification: Certification
    id: int
    logged: Checkpoint | None
    undone: Undoing | None = None
    undo_logged: Checkpoint | None = None


class CertificationRepository(Protocol):
    def add(self, certification: Certification, entry: Checkpoint) -> None:
        """Store a certification that `entry` of the event log recorded. Callers check first
        that no certification in force covers the same scope."""

    def in_force(self, election_id: str) -> list[Certification]:
        """The certifications not undone, in the order made."""

    def records(self, election_id: str) -> list[CertificationRecord]:
        """Every certification, in force or undone, in the order made, each with its number,
        its undoing and the log entries they name. A row marked undone keeps in `undone` what
        it holds, blank where it holds nothing."""

    def keep_tree(
        self, election_id: str, contest: str, nodes: Mapping[str, tuple[str | None, str | None]]
    ) -> None:
        """Keep the nodes of a certified scope's totals tree (`core.supervision.totals_tree`),
        by code, replacing those of the same codes kept before; a null node (nothing kept
        there) is kept as no row."""

    def tree_nodes(
        self, election_id: str, contest: str, codes: Collection[str]
    ) -> dict[str, tuple[str, str | None]]:
        """The kept nodes of `codes` in `contest`'s tree (those kept: none for a code without)."""

    def undo(self, undone: Undoing, entry: Checkpoint) -> None:
        """Mark the certification in force of `undone.certification`'s scope undone as
        `undone` says, recorded by `entry` of the event log (it stays on record)."""


class CaseRepository(Protocol):
    def add(self, case: ViolationCase) -> ViolationCase:
        """Store a new case; returns it with its number."""

    def get(self, case_id: int) -> ViolationCase | None: ...

    def all(self, election_id: str) -> list[ViolationCase]:
        """Every case of the election, by number."""

    def update(self, case: ViolationCase) -> None:
        """Store the case's new status, reference and note (by `case.id`)."""
