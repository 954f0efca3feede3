"""Report ingest: a signed station report is checked, then stored once with its tally sheets.

DESIGN.md §3 ("The station report is the trust anchor": the centre rejects an unsigned, tampered,
duplicate or mismatched report with a clear reason) and §6 (a report from an unknown or revoked
device, or for another station, is refused); issue 3, "Report ingest". The checks, in order: the
bytes read as a signed report; a report the centre already holds is answered at once (the same
report again is taken once, nothing written); the device is enrolled for the election, its
signature and every staff signature verify, it is not revoked, it reports for its own station; the
definition hash is the stored one; the build it names is on the day's approved list, once the day
has one (issue 12, `core.fleet.build_refusal`: a refusal keeps the build the box attested, so the
fleet register shows the box not updated); a zero report does not arrive before polling day where a
calendar is stored (`services.report_days`, which also marks a report arriving after its stage's
window late, with an incident, rather than refusing it); the report is covered — its box by the
sealed pre-election record and its amendments (`services.anchor`), its staff signatures by the
station's registered staff in their roles, and a final report by the signatures of at least two of
them, the head among them, and by an earlier zero report of the same box (`core.anchor.coverage`);
in an end-to-end verifiable election (a ceremony record at the centre, or the guardians' key in the
sealed record) an electronic station's final report commits to its box's chain (docs/e2e.md §7),
else the box would take its station out of the E2E record with figures nothing checks, and a
semi-electronic or paper station's commits to none: its ballots are on paper, encrypted by no box
(`core.supervision.modes.encrypts`, docs/e2e.md "Mixed-mode elections"); a final report's
contests are not certified where the station votes (issue 4: a certification freezes its inputs,
`services.certifications`); no other report of that station and kind is held; the sheets fit the
definition (`counting.conformity`, a sheet for every contest of the station) and reconcile
(`counting.reconcile`). A final report's sheets go into the results with it, and each contest whose
ballot papers used differ from the check-ins the ledger holds for it at the station raises an
incident naming both figures (DESIGN.md §3: check-ins = ballot papers used;
`services.check_in_bounds`), as does a close the staff reconciled with a mismatch, with their words
(`close-reconciliation`; a mismatch without them is refused when the report is read). Before a
final report's sheets are counted, the path of its station in each contest's running totals tree
is held to the root the log last recorded, and made again after (`services.running_trees`: kept
totals rewritten outside sandogh are refused, `TotalsNotLoggedError`, not counted on); every
report's `report-accepted` entry records each contest's root (`totals_roots`).

A refusal is raised (`ReportRefusedError`) after the use case's transaction has rolled back, and
recorded in a unit of work of its own, so that the record survives the refusal it records: a report
its device really signed gets its event and an incident for the supervisors. Reports that are not
shown to come from an enrolled device (unreadable, unknown device, bad signature) raise no incident
and no event each: anyone can send those, and neither the supervisors nor the chained log must be
flooded by them; they are counted per source and minute (`services.refusals`).

This module holds the use case, the order of its checks and what it stores; the checks of the
device, its signatures, the record's coverage, the E2E commitment as the station's mode has it and
the sheets' fit are in `services.report_checks`, the reasons a report is refused and the error in
`services.report_refusal`, the log's entries and the incidents the intake records in
`services.report_recording`.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from sandogh.core.counting.reconcile import reconcile_sheets
from sandogh.core.definition.problems import Problem
from sandogh.core.fleet import build_refusal
from sandogh.core.log import Disposition, EventType
from sandogh.core.report import (
    ReportError,
    ReportKind,
    SignatureError,
    SignedReport,
    StationReport,
    decode_report,
    decode_signed,
)
from sandogh.core.report.digests import sha256_text
from sandogh.services.certifications import describe_scope, frozen_sheets
from sandogh.services.check_in_bounds import close_mismatch, compare_papers
from sandogh.services.days import Day
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.services.logged_reports import refuse_unstored
from sandogh.services.polling_calendar import stored_calendar
from sandogh.services.ports import Incident, IncidentKind, StoredReport, UnitOfWork
from sandogh.services.refusals import LOCAL
from sandogh.services.report_checks import (
    clashes,
    nonconforming,
    require_e2e_as_mode,
    verified,
)
from sandogh.services.report_days import early_opening, late_arrival
from sandogh.services.report_recording import late_report, record_refusal, report_event
from sandogh.services.report_refusal import Claim, Refuser, ReportRefusal, ReportRefusedError
from sandogh.services.running_trees import hold_trees, remake_trees, stations_of
from sandogh.services.totals import count_sheets, ensure_trees


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
            ingested = _ingest(work, signed, now)
            work.commit()
            return ingested
    except ReportRefusedError as refused:
        record_refusal(uow, refused, now, source)
        raise


def ingest_reports(
    uow: UnitOfWorkFactory,
    *,
    signed: Sequence[bytes],
    now: datetime.datetime,
    source: str = LOCAL,
) -> list[Ingested | ReportRefusedError]:
    """`ingest_report` for each of `signed`, every check the same, in one transaction. A refusal
    of any rolls them all back; each is then taken on its own, so that each report is taken or
    refused, and its refusal recorded, as it would be alone. What each came to, in order."""
    try:
        with uow() as work:
            taken: list[Ingested | ReportRefusedError] = [
                _ingest(work, data, now) for data in signed
            ]
            work.commit()
            return taken
    except ReportRefusedError:
        pass
    alone: list[Ingested | ReportRefusedError] = []
    for data in signed:
        try:
            alone.append(ingest_report(uow, signed=data, now=now, source=source))
        except ReportRefusedError as refused:
            alone.append(refused)
    return alone


def _ingest(work: UnitOfWork, data: bytes, now: datetime.datetime) -> Ingested:
    received = sha256_text(data)
    try:
        signed = decode_signed(data)
        report = decode_report(signed.report)
    except (SignatureError, ReportError) as error:
        raise ReportRefusedError(
            ReportRefusal.MALFORMED, error.problems, received=received
        ) from error
    claim = Claim(
        report.election, report.station, report.kind, report.device.raw.hex(), report.build
    )
    held = work.reports.get(claim.election, claim.station, claim.kind.value)
    refuse = Refuser(claim, received, now)
    duplicate = _held_hash(work, held, signed, report, data=data, refuse=refuse)
    if duplicate is not None:
        return Ingested(claim.election, claim.station, claim.kind, duplicate, 0, duplicate=True)
    day = _verified_new(work, signed, report, refuse, held)
    unapproved = build_refusal(work.fleet.decisions(claim.election), report.build)
    if unapproved is not None:
        raise refuse(ReportRefusal(unapproved[0].value), [unapproved[1]])
    final = report.kind is ReportKind.FINAL
    calendar = stored_calendar(work, claim.election)
    early = None if final else early_opening(calendar, day, claim.station, now)
    if early is not None:
        raise refuse(ReportRefusal.OUTSIDE_POLLING, [Problem("kind", str(early))])
    if final:
        require_e2e_as_mode(work, day, report, refuse)
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
    clash = clashes(work, report, held)
    if clash:
        raise refuse(ReportRefusal.CONFLICTING, clash, IncidentKind.CONFLICTING_REPORT)
    unfit = nonconforming(day, report)
    if unfit:
        raise refuse(ReportRefusal.NONCONFORMING, unfit)
    findings = reconcile_sheets(day.geography, report.sheets, day.seat_bounds)
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
    # the kept totals' trees held to the roots the log last recorded before they change (a
    # zero report's entry records them as they are: `services.running_trees`)
    roots, _ = ensure_trees(work, day, changing=True)
    change = hold_trees(work, day, stations_of(report.sheets) if final else {}, roots)
    work.reports.add(
        StoredReport(
            claim.election, claim.station, claim.kind.value, claim.device, received, data, now
        )
    )
    sheets = 0
    if final:
        count_sheets(work, day, report.sheets)  # the totals, in the same transaction
        sheets = work.tallies.add_many(claim.election, report.sheets)
        roots = remake_trees(work, day, change)
    if report.build is not None:
        work.fleet.attest(claim.election, claim.device, report.build, now)
    actor = f"ed25519:{claim.device}"
    differ = (
        [*compare_papers(work, report, now, actor), *close_mismatch(work, report, now, actor)]
        if final
        else []
    )
    late = late_arrival(calendar, day, claim.station, report.kind, now)
    if late is not None:
        differ.append(late_report(work, claim, late, now))
    work.events.record(
        report_event(
            now,
            claim,
            EventType.REPORT_ACCEPTED,
            Disposition.DONE,
            {
                "report_hash": received,
                "sequence": report.sequence,
                "sheets": sheets,
                "totals_roots": roots,
            },
        )
    )
    return Ingested(
        claim.election, claim.station, claim.kind, received, sheets, False, tuple(differ)
    )


def _verified_new(
    work: UnitOfWork,
    signed: SignedReport,
    report: StationReport,
    refuse: Refuser,
    held: StoredReport | None,
) -> Day:
    """The report verified (`verified`), and, where the store holds none of its station and
    kind, none recorded accepted in the log either (`refuse_unstored`): a report deleted from
    the store is not taken, and counted, again."""
    day = verified(work, signed, report, refuse)
    if held is None:
        refuse_unstored(work, day.election, report.station, report.kind.value)
    return day


def _held_hash(
    work: UnitOfWork,
    held: StoredReport | None,
    signed: SignedReport,
    report: StationReport,
    *,
    data: bytes,
    refuse: Refuser,
) -> str | None:
    """The hash of the report the centre holds when `data` is that report again, else None. The
    same bytes were checked when stored: a replay is a duplicate at once. The same report under
    other signatures (another box's, other staff's) is one only once they are checked (the S26
    outsider's F8), or a forger is told "duplicate" of what the centre would refuse."""
    if held is None or decode_signed(held.signed).report != signed.report:
        return None
    if held.signed != data:
        verified(work, signed, report, refuse)
    return held.report_hash
