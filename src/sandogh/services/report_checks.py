"""The checks a station report must pass before the centre takes it (`services.ingest`).

DESIGN.md §3 ("The station report is the trust anchor") and §6 (a report from an unknown or revoked
device, or for another station, is refused); issue 3, "Report ingest". `verified` raises the
refusal each of its checks calls for (`services.report_refusal`): the device is enrolled for the
election, its signature and every staff signature verify, it is not revoked, it reports for its own
station; the definition hash is the stored one; the report is covered — its box by the sealed
pre-election record and its amendments (`services.anchor`), its staff signatures by the station's
registered staff in their roles, and a final report by the signatures of at least two of them, the
head among them, and by an earlier zero report of the same box (`core.anchor.coverage`). Whether
the election is end-to-end verifiable (docs/e2e.md §7) and a final report commits to a chain as its
station's mode has it (`require_e2e_as_mode`), what a report clashes with among what the
centre holds, and where its sheets do not fit the definition (`counting.conformity`, a sheet for
every contest of the station) are answered here for the use case to refuse on. Kept apart from the
use case so that each reads whole: the order the checks run in is the use case's
(`services.ingest`).
"""

from __future__ import annotations

from sandogh.core.anchor import check_opened, check_staff
from sandogh.core.counting.conformity import nonconformities
from sandogh.core.definition.problems import Problem
from sandogh.core.report import (
    PublicKey,
    Refusal,
    ReportKind,
    SignatureError,
    SignedReport,
    StationReport,
    verify_signed,
)
from sandogh.core.supervision.modes import encrypts, station_mode
from sandogh.services.days import Day, day_of
from sandogh.services.ports import StoredReport, UnitOfWork
from sandogh.services.record_coverage import coverage_of
from sandogh.services.report_refusal import Refuser, ReportRefusal

#: the core's reasons a covered report would be refused for, as this use case names them
_COVERAGE = {
    Refusal.NOT_IN_RECORD: ReportRefusal.NOT_IN_RECORD,
    Refusal.REPLACED_DEVICE: ReportRefusal.REPLACED_DEVICE,
    Refusal.UNREGISTERED_STAFF: ReportRefusal.UNREGISTERED_STAFF,
    Refusal.STAFF_ROLE_MISMATCH: ReportRefusal.STAFF_ROLE_MISMATCH,
    Refusal.MISSING_STAFF: ReportRefusal.MISSING_STAFF,
    Refusal.NO_ZERO_REPORT: ReportRefusal.NO_ZERO_REPORT,
}


def verified(work: UnitOfWork, signed: SignedReport, report: StationReport, refuse: Refuser) -> Day:
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
        verify_signed(signed, report.device, read=report)
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


def is_e2e(work: UnitOfWork, election: str) -> bool:
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


def clashes(work: UnitOfWork, report: StationReport, held: StoredReport | None) -> list[Problem]:
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


def nonconforming(day: Day, report: StationReport) -> list[Problem]:
    problems = [
        Problem(
            f"sheets[{n.contest}]",
            str(n.mismatch) + ("" if n.candidate is None else f" {n.candidate}"),
        )
        for n in nonconformities(day.geography, report.sheets, day.standing)
    ]
    reported = {sheet.contest for sheet in report.sheets}
    problems.extend(
        Problem(f"sheets[{item.contest}]", "missing: the station votes in this contest")
        for item in day.ballot(report.station)
        if item.contest not in reported
    )
    return problems


def require_e2e_as_mode(work: UnitOfWork, day: Day, report: StationReport, refuse: Refuser) -> None:
    """Refuse a final report whose commitment to an E2E chain is not as its station's mode has
    it: missing at an electronic station of an E2E election, or there at one whose ballots are
    on paper (its box was sent no key, so a commitment is none the record can check)."""
    if encrypts(day.geography, report.station):
        if report.e2e is None and is_e2e(work, report.election):
            raise refuse(
                ReportRefusal.NOT_E2E,
                [
                    Problem(
                        "e2e",
                        f"missing: {report.election} is end-to-end verifiable, and a final "
                        "report without the commitment to its box's chain would keep its "
                        "ballots from the record",
                    )
                ],
            )
    elif report.e2e is not None:
        mode = station_mode(day.geography, report.station)
        raise refuse(
            ReportRefusal.NONCONFORMING,
            [
                Problem(
                    "e2e",
                    f"{report.station} votes {mode}: its ballots are on paper and no box "
                    "encrypts them, so its final report commits to no E2E chain",
                )
            ],
        )
