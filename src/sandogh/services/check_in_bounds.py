"""The bounds on a station's check-ins, applied where check-ins and final reports come in.

The rules are `core.station.check_in_bounds` (DESIGN.md §3; issue 9, section 4). Here a station's
day is read from the store — the usual hours of the election's date, when its final report was
received, the ballot papers the readiness register says it received, its eligible voters in the
definition — and what is implausible is raised as an incident for the supervisors, each with an
`incident-opened` event, in the caller's transaction; so is a final report's close that did not
reconcile, with the staff's words for it (`close_mismatch`).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence

from sandogh.core.log import Disposition, Event, EventType
from sandogh.core.readiness import DayHours, PaperStock
from sandogh.core.report import ReportKind, StationReport
from sandogh.core.station.check_in_bounds import (
    CheckInLimits,
    StationDay,
    bursts,
    capacity,
    crossed_high_turnout,
    outside_hours,
    papers_mismatches,
)
from sandogh.services.days import Day
from sandogh.services.elections import SYSTEM
from sandogh.services.ports import Incident, IncidentKind, UnitOfWork


def station_day(work: UnitOfWork, day: Day, station: str, limits: CheckInLimits) -> StationDay:
    """What bounds `station`'s check-ins, as the store holds it now."""
    election = day.election.id
    final = work.reports.get(election, station, ReportKind.FINAL.value)
    papers = work.readiness.papers(election, station)
    return bounds_of(day, station, limits, None if final is None else final.received_at, papers)


def bounds_of(
    day: Day,
    station: str,
    limits: CheckInLimits,
    final_report: datetime.datetime | None,
    papers: PaperStock | None,
) -> StationDay:
    """What bounds `station`'s check-ins, given when its final report came (None: not yet)
    and its row of the papers register (`station_day` reads them)."""
    hours = DayHours.of(day.election.date)
    eligible = day.geography.unit(station).eligible_voters
    return StationDay(
        opens=hours.opens,
        closes=hours.closes,
        final_report=final_report,
        capacity=capacity(None if papers is None else papers.received, eligible, limits),
        eligible=eligible,
    )


def implausible_check_ins(
    work: UnitOfWork,
    *,
    election_id: str,
    station: str,
    bounds: StationDay,
    times: Sequence[datetime.datetime],
    held: tuple[int, int],
    limits: CheckInLimits,
    now: datetime.datetime,
    actor: str,
) -> list[Incident]:
    """Raise an incident for what is implausible in check-ins at `times` now taken, which took
    the station's count from `held[0]` to `held[1]`: those outside the usual hours, each burst,
    and a turnout past `high_turnout`."""
    raised: list[Incident] = []

    def flag(kind: IncidentKind, details: Mapping[str, str]) -> None:
        incident = Incident(election_id, kind, (station,), now, dict(details))
        raise_incident(work, incident, actor)
        raised.append(incident)

    outside = outside_hours(times, bounds)
    if outside:
        flag(
            IncidentKind.CHECK_INS_OUTSIDE_HOURS,
            {
                "check_ins": str(len(outside)),
                "first": _utc(outside[0]),
                "last": _utc(outside[-1]),
                "opens": _utc(bounds.opens),
                "closes": _utc(bounds.closes),
            },
        )
    for burst in bursts(times, limits):
        flag(
            IncidentKind.CHECK_IN_BURST,
            {
                "check_ins": str(burst.count),
                "first": _utc(burst.start),
                "last": _utc(burst.end),
                "fastest_seconds": str(int(limits.fastest.total_seconds())),
            },
        )
    before, after = held
    if crossed_high_turnout(before, after, bounds, limits):
        flag(
            IncidentKind.HIGH_TURNOUT,
            {
                "check_ins": str(after),
                "eligible_voters": str(bounds.eligible),
                "share": f"{limits.high_turnout.numerator}/{limits.high_turnout.denominator}",
            },
        )
    return raised


def compare_papers(
    work: UnitOfWork, report: StationReport, now: datetime.datetime, actor: str
) -> list[Incident]:
    """Raise an incident for each contest of a final report whose ballot papers used differ from
    the check-ins the ledger holds for it at the station (DESIGN.md §3), naming both figures."""
    check_ins = work.ledger.counts_by_contest(report.election, report.station)
    used = {sheet.contest: sheet.counts.papers_used for sheet in report.sheets}
    raised = []
    for mismatch in papers_mismatches(check_ins, used):
        incident = Incident(
            report.election,
            IncidentKind.CHECK_INS_NOT_PAPERS_USED,
            (report.station,),
            now,
            {
                "contest": mismatch.contest,
                "check_ins": str(mismatch.check_ins),
                "papers_used": str(mismatch.papers_used),
            },
        )
        raise_incident(work, incident, actor)
        raised.append(incident)
    return raised


def close_mismatch(
    work: UnitOfWork, report: StationReport, now: datetime.datetime, actor: str
) -> list[Incident]:
    """The incident `close-reconciliation` for a final report whose close did not reconcile
    (cards charged and never used, used not cast, paper copies not cast), with its counts and
    the staff's words as the report signs them (`core.report.reconciliation`); none else."""
    reconciled = report.reconciliation
    if reconciled is None or not reconciled.mismatches():
        return []
    details = {name: str(n) for name, n in reconciled.figures().items()}
    incident = Incident(
        report.election,
        IncidentKind.CLOSE_RECONCILIATION,
        (report.station,),
        now,
        details
        | {
            "mismatches": " ".join(reconciled.mismatches()),
            "explanation": reconciled.explanation,
        },
    )
    raise_incident(work, incident, actor)
    return [incident]


def raise_incident(work: UnitOfWork, incident: Incident, actor: str) -> None:
    # The event an operator's incident gets too (`services.incidents.open_incident`).
    number = work.incidents.add(incident)
    work.events.record(
        Event(
            time=incident.at,
            actor=actor,
            role=SYSTEM,
            place=incident.stations[0],
            type=EventType.INCIDENT_OPENED,
            disposition=Disposition.DONE,
            details={
                "election": incident.election,
                "incident": number,
                "kind": incident.kind.value,
                "stations": list(incident.stations),
                "details": dict(incident.details),
            },
        )
    )


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).isoformat()
