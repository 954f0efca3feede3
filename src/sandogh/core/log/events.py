"""What happened, by whom, where: one event of the record, and the one catalogue of event types.

DESIGN.md §3 ("One record of events") and §6: every change of state and every security event
(definition loaded, station opened, report accepted, station voided, result certified, login
failed, account locked, …) is recorded with its time, actor, role, place, type, disposition and
details; the issue "Operations centre" (item 3) asks for one catalogue of event types.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum

from sandogh.core.canonical_json import JSONValue, json_problems
from sandogh.core.definition.problems import Problem
from sandogh.core.errors import SandoghError


class EventType(StrEnum):
    """Every kind of event the record holds; a new kind is added here, never made up elsewhere."""

    # the election's data
    DEFINITION_LOADED = "definition-loaded"
    # a stored definition's next version before printing: the code draw, a withdrawal (issue 12)
    DEFINITION_REWRITTEN = "definition-rewritten"
    # before polling day: the calendar and candidacy (issue 12, section 1; core.candidacy)
    CALENDAR_STORED = "calendar-stored"
    CANDIDATE_REGISTERED = "candidate-registered"
    INQUIRY_SENT = "inquiry-sent"
    INQUIRY_ANSWERED = "inquiry-answered"
    CANDIDACY_DECIDED = "candidacy-decided"
    OBJECTION_LODGED = "objection-lodged"
    CANDIDATES_PUBLISHED = "candidates-published"
    CODE_DRAW_COMMITTED = "code-draw-committed"  # the hash of the code draw's secret
    CANDIDATE_CODES_DRAWN = "candidate-codes-drawn"
    RESULTS_IMPORTED = "results-imported"
    TOTALS_RECOUNTED = "totals-recounted"  # the kept totals counted in full: every tree's root
    # devices and stations on election day
    DEVICE_ENROLLED = "device-enrolled"
    DEVICE_REVOKED = "device-revoked"
    STAFF_REGISTERED = "staff-registered"
    # the pre-election record (issue 9, section 2)
    RECORD_DRAFTED = "record-drafted"
    RECORD_SIGNED = "record-signed"
    RECORD_SEALED = "record-sealed"
    RECORD_AMENDED = "record-amended"
    STATION_OPENED = "station-opened"
    VOTING_STARTED = "voting-started"
    VOTING_EXTENDED = "voting-extended"
    STATION_CLOSED = "station-closed"
    STATION_COUNTED = "station-counted"
    REPORT_ACCEPTED = "report-accepted"
    REPORT_REFUSED = "report-refused"
    # the E2E ceremony record loaded at the centre, and a station's E2E ballot chain taken from
    # its box after the final report (issue 10)
    E2E_CEREMONY_LOADED = "e2e-ceremony-loaded"
    BALLOT_CHAIN_ACCEPTED = "ballot-chain-accepted"
    # risk-limiting audits (docs/audit.md §6–§7): the manifest and plan published, the seed
    # rolled, a round drawn and closed (its record's hash), a full hand count's totals entered
    AUDIT_STARTED = "audit-started"
    AUDIT_SEED_RECORDED = "audit-seed-recorded"
    AUDIT_ROUND_DRAWN = "audit-round-drawn"
    AUDIT_READINGS_RECORDED = "audit-readings-recorded"
    AUDIT_ROUND_CLOSED = "audit-round-closed"
    AUDIT_HAND_COUNTED = "audit-hand-counted"
    AUDIT_HAND_COUNT_REPLACED = "audit-hand-count-replaced"  # a pending one withdrawn or replaced
    DUPLICATE_CHECK_IN = "duplicate-check-in"
    INELIGIBLE_CHECK_IN = "ineligible-check-in"
    # supervision and results
    STATION_VOIDED = "station-voided"
    CANDIDATE_VOTES_VOIDED = "candidate-votes-voided"
    CONSTITUENCY_VOIDED = "constituency-voided"
    LOT_COMMITTED = "lot-committed"  # the hash of the secret a lot's seed will come from
    LOT_DRAWN = "lot-drawn"
    CANDIDATE_WITHDRAWN = "candidate-withdrawn"
    RESULT_CERTIFIED = "result-certified"
    HAND_COUNT_CERTIFIED = "hand-count-certified"  # an audit's full hand count, the result now
    HAND_COUNT_UNCERTIFIED = "hand-count-uncertified"  # that certification undone: pending again
    CERTIFICATION_UNDONE = "certification-undone"
    VOTING_MODE_APPROVED = "voting-mode-approved"  # a body approves electronic voting (issue 12)
    CASE_OPENED = "case-opened"
    CASE_CHANGED = "case-changed"
    INCIDENT_OPENED = "incident-opened"
    INCIDENT_ASSIGNED = "incident-assigned"
    INCIDENT_RESOLVED = "incident-resolved"
    # readiness registers: the fleet, ballot papers, staff (issue 4, item 5)
    READINESS_IMPORTED = "readiness-imported"
    READINESS_UPDATED = "readiness-updated"
    # the fleet: approved builds and the boxes' hand-overs (issue 12, `core.fleet`)
    BUILD_APPROVED = "build-approved"
    BUILD_REVOKED = "build-revoked"
    BUILD_PROPOSED = "build-proposed"  # for k officials to sign (review S19 F7)
    BUILD_SIGNED = "build-signed"
    BOX_HANDED_OVER = "box-handed-over"
    # operators and security
    LOGIN_SUCCEEDED = "login-succeeded"
    LOGIN_FAILED = "login-failed"
    LOGGED_OUT = "logged-out"
    ACCOUNT_LOCKED = "account-locked"
    ACCOUNT_UNLOCKED = "account-unlocked"
    ATTACK_SUSPECTED = "attack-suspected"  # the brute-force alert
    # the first request in a minute from one address refused before its sender was shown to be
    # anyone (junk, a bad signature, an unknown device); the rest are only counted
    REFUSALS_COUNTED = "refusals-counted"
    ACCESS_DENIED = "access-denied"
    USER_ADDED = "user-added"
    ROLE_CHANGED = "role-changed"
    USER_DISABLED = "user-disabled"
    TOTP_SEALED = "totp-sealed"  # a TOTP secret stored in clear, sealed with the server key


class Disposition(StrEnum):
    """How the attempt the event records ended."""

    DONE = "done"  # it took effect
    REFUSED = "refused"  # the input was wrong (a tampered report, a bad file)
    DENIED = "denied"  # the actor had no right to it (wrong password, role or place)


@dataclass(frozen=True)
class Event:
    """One event. `time` must be timezone-aware; it is recorded as the UTC instant.

    `actor` is who acted (an account, a device id, `system`), `role` the role they acted in,
    `place` the geography code the event concerns; `details` is a JSON object (see
    `core.log.canonical`) and is not copied, so it must not be changed afterwards.
    """

    time: datetime.datetime
    actor: str
    role: str
    place: str
    type: EventType
    disposition: Disposition
    details: Mapping[str, JSONValue]

    def __post_init__(self) -> None:
        problems = tuple(self._problems())
        if problems:
            raise EventError(problems)

    def _problems(self) -> Iterator[Problem]:
        if self.time.utcoffset() is None:
            yield Problem("time", f"{self.time.isoformat()} has no time zone")
        for name in ("actor", "role", "place"):
            yield from json_problems(getattr(self, name), name)
        if not isinstance(self.details, Mapping):
            yield Problem("details", "must be a JSON object")
        else:
            yield from json_problems(self.details, "details")


class EventError(SandoghError):
    """An event that cannot be recorded; `problems` names every field that is wrong."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        self.problems = problems
        super().__init__("cannot record the event: " + "; ".join(str(p) for p in problems))
