"""Report ingest: a signed station report is checked, then stored once with its tally sheets.

DESIGN.md §3 ("The station report is the trust anchor": the centre rejects an unsigned,
tampered, duplicate or mismatched report with a clear reason) and §6 (a report from an unknown or
revoked device, or for another station, is refused); issue 3, "Report ingest". The checks, in
order: the bytes read as a signed report; a report the centre already holds is answered at once
(the same report again is taken once, nothing written); the device is enrolled for the election,
its signature and every staff signature verify, it is not revoked, it reports for its own station;
the definition hash is the stored one; the report is covered — its box by the sealed
pre-election record and its amendments (`services.anchor`), its staff signatures by the station's
registered staff in their roles, and a final report by the signatures of at least two of them,
the head among them, and by an earlier zero report of the same box (`core.anchor.coverage`); in
an end-to-end verifiable election (a ceremony record at the centre, or the guardians' key in the
sealed record) a final report commits to its box's chain (docs/e2e.md §7), else the box would
take its station out of the E2E record with figures nothing checks; a final report's contests
are not certified where the station votes (issue 4: a certification freezes its inputs,
`services.supervision`); no other report of that station and kind is held;
the sheets fit the definition (`counting.conformity`, a sheet for every contest of the station)
and reconcile (`counting.reconcile`). A final report's sheets go into the results with it, and
each contest whose ballot papers used differ from the check-ins the ledger holds for it at the
station raises an incident naming both figures (DESIGN.md §3: check-ins = ballot papers used;
`services.check_in_bounds`).

A refusal is raised (`ReportRefusedError`) after the use case's transaction has rolled back, and
recorded in a unit of work of its own, so that the record survives the refusal it records: a
report its device really signed gets its event and an incident for the supervisors. Reports that
are not shown to come from an enrolled device (unreadable, unknown device, bad signature) raise
no incident and no event each: anyone can send those, and neither the supervisors nor the chained
log must be flooded by them; they are counted per source and minute (`services.refusals`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from sandogh.core.anchor import check_opened, check_staff
from sandogh.core.counting.conformity import nonconformities
from sandogh.core.counting.reconcile import reconcile_sheets
from sandogh.core.definition.problems import Problem
from sandogh.core.errors import SandoghError
from sandogh.core.log import Disposition, Event, EventType, JSONValue
from sandogh.core.report import (
    PublicKey,
    Refusal,
    ReportError,
    ReportKind,
    SignatureError,
    SignedReport,
    StationReport,
    decode_report,
    decode_signed,
    verify_signed,
)
from sandogh.core.report.digests import sha256_text
from sandogh.services.anchor import coverage_of
from sandogh.services.check_in_bounds import compare_papers
from sandogh.services.days import Day, day_of
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.services.ports import Incident, IncidentKind, StoredReport, UnitOfWork
from sandogh.services.refusals import DEVICE_ROLE, LOCAL, count_refusal
from sandogh.services.supervision import describe_scope, frozen_sheets

_SHOWN_PROBLEMS = 5  # problems an event carries; the error carries them all


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

    @property
    def unproven(self) -> bool:
        """Whether the refusal comes before the report is shown to be its device's."""
        return self in _UNPROVEN


#: the core's reasons a covered report would be refused for, as this use case names them
_COVERAGE = {
    Refusal.NOT_IN_RECORD: ReportRefusal.NOT_IN_RECORD,
    Refusal.REPLACED_DEVICE: ReportRefusal.REPLACED_DEVICE,
    Refusal.UNREGISTERED_STAFF: ReportRefusal.UNREGISTERED_STAFF,
    Refusal.STAFF_ROLE_MISMATCH: ReportRefusal.STAFF_ROLE_MISMATCH,
    Refusal.MISSING_STAFF: ReportRefusal.MISSING_STAFF,
    Refusal.NO_ZERO_REPORT: ReportRefusal.NO_ZERO_REPORT,
}

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
class Ingested:
    """A report taken: `duplicate` when the centre already held it and wrote nothing now."""

    election: str
    station: str
    kind: ReportKind
    report_hash: str  # of the signed report's bytes as stored
    sheets: int  # tally sheets stored now (none for a zero report or a duplicate)
    duplicate: bool
    incidents: tuple[Incident, ...] = ()  # contests whose papers used are not their check-ins


def ingest_report(
    uow: UnitOfWorkFactory, *, signed: bytes, now: datetime.datetime, source: str = LOCAL
) -> Ingested:
    """Check and store one signed station report (see the module docstring), or refuse it;
    `source` is where it came from (`services.refusals.source_of`)."""
    try:
        with uow() as work:
            return _ingest(work, signed, now)
    except ReportRefusedError as refused:
        _record_refusal(uow, refused, now, source)
        raise


def _ingest(work: UnitOfWork, data: bytes, now: datetime.datetime) -> Ingested:
    received = sha256_text(data)
    try:
        signed = decode_signed(data)
        report = decode_report(signed.report)
    except (SignatureError, ReportError) as error:
        raise ReportRefusedError(
            ReportRefusal.MALFORMED, error.problems, received=received
        ) from error
    claim = Claim(report.election, report.station, report.kind, report.device.raw.hex())
    held = work.reports.get(claim.election, claim.station, claim.kind.value)
    if held is not None and decode_signed(held.signed).report == signed.report:
        return Ingested(
            claim.election, claim.station, claim.kind, held.report_hash, 0, duplicate=True
        )
    refuse = _Refuser(claim, received, now)
    day = _verified(work, signed, report, refuse)
    final = report.kind is ReportKind.FINAL
    if final and report.e2e is None and _is_e2e(work, claim.election):
        raise refuse(
            ReportRefusal.NOT_E2E,
            [
                Problem(
                    "e2e",
                    f"missing: {claim.election} is end-to-end verifiable, and a final report "
                    "without the commitment to its box's chain would keep its ballots from the "
                    "record",
                )
            ],
        )
    frozen = frozen_sheets(work, day.geography, claim.election, report.sheets) if final else []
    if frozen:
        raise refuse(
            ReportRefusal.CERTIFIED,
            [
                Problem(
                    f"sheets[{sheet.contest}]",
                    f"{describe_scope(c.contest, c.constituency)} was certified by {c.by} at "
                    f"{c.at.isoformat()}; the certification must be undone first",
                )
                for sheet, c in frozen
            ],
        )
    clash = _clash(work, report, held)
    if clash:
        raise refuse(ReportRefusal.CONFLICTING, clash, IncidentKind.CONFLICTING_REPORT)
    unfit = _nonconforming(day, report)
    if unfit:
        raise refuse(ReportRefusal.NONCONFORMING, unfit)
    findings = reconcile_sheets(day.geography, report.sheets)
    if findings:
        raise refuse(
            ReportRefusal.DOES_NOT_RECONCILE,
            [
                Problem(
                    f"sheets[{f.contest}].{f.figure}",
                    f"{f.actual} should be {f.relation} {f.expected} ({f.identity})",
                )
                for f in findings
            ],
        )
    work.reports.add(
        StoredReport(
            claim.election, claim.station, claim.kind.value, claim.device, received, data, now
        )
    )
    sheets = work.tallies.add_many(claim.election, report.sheets) if final else 0
    differ = compare_papers(work, report, now, f"ed25519:{claim.device}") if final else []
    work.events.record(
        _event(
            now,
            claim,
            EventType.REPORT_ACCEPTED,
            Disposition.DONE,
            {"report_hash": received, "sequence": report.sequence, "sheets": sheets},
        )
    )
    work.commit()
    return Ingested(
        claim.election, claim.station, claim.kind, received, sheets, False, tuple(differ)
    )


@dataclass(frozen=True)
class _Refuser:
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


def _verified(
    work: UnitOfWork, signed: SignedReport, report: StationReport, refuse: _Refuser
) -> Day:
    """The report's election day, once an enrolled, unrevoked device of the report's station is
    shown to have signed it for the stored definition."""
    claim = refuse.claim
    device = work.devices.get(claim.election, claim.device)
    if device is None:
        raise refuse(
            ReportRefusal.UNKNOWN_DEVICE,
            [Problem("device", f"{report.device.text} is not enrolled for {claim.election}")],
            incident=None,
        )
    try:
        verify_signed(signed, report.device)
    except SignatureError as error:
        raise refuse(ReportRefusal.BAD_SIGNATURE, error.problems, incident=None) from error
    if device.revoked_at is not None:
        raise refuse(
            ReportRefusal.REVOKED_DEVICE,
            [Problem("device", f"revoked at {device.revoked_at.isoformat()}")],
        )
    if device.station != claim.station:
        raise refuse(
            ReportRefusal.WRONG_STATION,
            [Problem("station", f"the device is enrolled for {device.station}")],
            stations=(device.station, claim.station),
        )
    day = day_of(work, claim.election)  # an enrolled device's election is stored
    if report.definition_hash != day.definition_hash:
        raise refuse(
            ReportRefusal.DEFINITION_MISMATCH,
            [
                Problem(
                    "definition_hash",
                    f"is {report.definition_hash}, the centre holds {day.definition_hash}",
                )
            ],
        )
    try:
        _covered(work, signed, report)
    except SignatureError as error:
        raise refuse(_COVERAGE[error.reason], error.problems) from error
    return day


def _is_e2e(work: UnitOfWork, election: str) -> bool:
    """Whether the election is end-to-end verifiable: the centre holds its guardians' ceremony
    record, or its sealed pre-election record carries their key (`e2e`), which the boxes were
    enrolled with before polls opened."""
    if work.e2e.ceremony(election) is not None:
        return True
    coverage = coverage_of(work, election)
    return coverage is not None and coverage.e2e


def _covered(work: UnitOfWork, signed: SignedReport, report: StationReport) -> None:
    """Raise `SignatureError` unless the sealed record covers the box (when there is one), every
    staff signature is by the station's registered staff in their role, and a final report has
    its staff signatures and follows a zero report of the same box (`core.anchor.coverage`).
    Once the record is sealed, the staff it and its amendments list are the registered ones."""
    coverage = coverage_of(work, report.election)
    if coverage is None:
        staff = work.staff.of_station(report.election, report.station)
        lineage = frozenset({report.device})
    else:
        coverage.check_device(report.station, report.device, report.kind)
        staff = list(coverage.staff.get(report.station, ()))
        lineage = coverage.lineage(report.device)
    check_staff(signed, report.kind, report.station, staff)
    if report.kind is ReportKind.FINAL:
        zero = work.reports.get(report.election, report.station, ReportKind.ZERO.value)
        opened_by = None if zero is None else PublicKey(bytes.fromhex(zero.device))
        check_opened(opened_by, lineage)


def _clash(work: UnitOfWork, report: StationReport, held: StoredReport | None) -> list[Problem]:
    """Why the centre cannot take this report beside what it holds for the station."""
    if held is not None:
        return [
            Problem(
                "",
                f"the centre holds another {report.kind} report of {report.station}, received "
                f"{held.received_at.isoformat()} ({held.report_hash})",
            )
        ]
    if report.kind is not ReportKind.FINAL:
        return []
    stored = work.tallies.keys(report.election)
    return [
        Problem(f"sheets[{sheet.contest}]", "the centre already holds a sheet (imported)")
        for sheet in report.sheets
        if (sheet.station, sheet.contest) in stored
    ]


def _nonconforming(day: Day, report: StationReport) -> list[Problem]:
    problems = [
        Problem(
            f"sheets[{n.contest}]",
            str(n.mismatch) + ("" if n.candidate is None else f" {n.candidate}"),
        )
        for n in nonconformities(day.geography, report.sheets)
    ]
    reported = {sheet.contest for sheet in report.sheets}
    problems.extend(
        Problem(f"sheets[{item.contest}]", "missing: the station votes in this contest")
        for item in day.ballot(report.station)
        if item.contest not in reported
    )
    return problems


def _event(
    now: datetime.datetime,
    claim: Claim,
    type_: EventType,
    disposition: Disposition,
    details: Mapping[str, JSONValue],
) -> Event:
    return Event(
        time=now,
        actor=f"ed25519:{claim.device}",
        role=DEVICE_ROLE,
        place=claim.station,
        type=type_,
        disposition=disposition,
        details={"election": claim.election, "kind": claim.kind.value, "device": claim.device}
        | dict(details),
    )


def _record_refusal(
    uow: UnitOfWorkFactory, refused: ReportRefusedError, now: datetime.datetime, source: str
) -> None:
    """Record a refusal in its own transaction: the refused one has rolled back. One that does
    not show its sender to be anyone is counted instead (`services.refusals`)."""
    details: dict[str, JSONValue] = {
        "reason": refused.reason.value,
        "received": refused.received,
        "problems": [str(p) for p in refused.problems[:_SHOWN_PROBLEMS]],
    }
    if refused.reason.unproven or refused.claim is None:
        count_refusal(uow, source=source, reason=refused.reason.value, now=now, details=details)
        return
    with uow() as work:
        if refused.incident is not None:
            work.incidents.add(refused.incident)
        work.events.record(
            _event(now, refused.claim, EventType.REPORT_REFUSED, Disposition.REFUSED, details)
        )
        work.commit()
