"""The day at a place as the dashboard and the atlas show it: each station's status, the voters
checked in, the incidents open, the attack alerts.

A station's status comes from what the store holds of it (issue 4, item 6: "each station's status
at a glance"): *reported* once its tally sheets are in the results, *closed* once its final report
is received (its box is closed and counted) but its sheets are not in the results, *open* once its
zero report is received or a voter has checked in there, and *not open* before that. Check-ins are
counted from the voters' ledger in two grouped queries, per station and per whole hour of Tehran's
clock (issue 13: "08:00, 09:00", never a bar at 11:30) — counts, never a voter.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from sandogh.core.access import covers
from sandogh.core.definition.model import ReportingUnit
from sandogh.core.report.report import ReportKind
from sandogh.locale.dates import TEHRAN
from sandogh.services.days import Day
from sandogh.services.ports import IncidentStatus, RefusalCount, SecurityAlert, UnitOfWork

ALERTS_SINCE = datetime.timedelta(hours=24)
#: Refusal counts the dashboard lists at most: a flood from many sources must not flood the page.
REFUSALS_SHOWN = 50


class Status(StrEnum):
    NOT_OPEN = "not-open"
    OPEN = "open"
    CLOSED = "closed"
    REPORTED = "reported"


@dataclass(frozen=True)
class StationState:
    unit: ReportingUnit
    status: Status
    check_ins: int


@dataclass(frozen=True)
class DayAt:
    """The day at one unit: every station below it, the open incidents there."""

    day: Day
    place: ReportingUnit
    stations: tuple[StationState, ...]
    open_incidents: int
    #: Check-ins per whole hour of Tehran's clock (its start, a UTC instant), in order.
    by_hour: tuple[tuple[datetime.datetime, int], ...] = ()

    @property
    def check_ins(self) -> int:
        return sum(s.check_ins for s in self.stations)

    @property
    def reported(self) -> int:
        return sum(1 for s in self.stations if s.status is Status.REPORTED)

    def by_status(self) -> list[tuple[Status, int]]:
        counted = Counter(s.status for s in self.stations)
        return [(status, counted[status]) for status in Status]


def day_at(work: UnitOfWork, day: Day, place: str) -> DayAt:
    """The day at `place` (a unit of `day`)."""
    geography, election = day.geography, day.election.id
    codes = geography.stations_under(place)
    inside = set(codes)
    sheets = {station for station, _ in work.tallies.keys(election) if station in inside}
    reports: dict[str, set[str]] = {}
    for report in work.reports.all(election):
        if report.station in inside:
            reports.setdefault(report.station, set()).add(report.kind)
    # The whole election needs no list of stations (and a country's would be a long query).
    asked = None if geography.parent(place) is None else codes
    counted = work.ledger.counts_by_station(election, asked)
    states = []
    for code in codes:
        check_ins = counted.get(code, 0)
        states.append(
            StationState(
                geography.unit(code),
                _status(code in sheets, reports.get(code, set()), check_ins),
                check_ins,
            )
        )
    open_incidents = sum(
        1
        for numbered in work.incidents.numbered(election)
        if numbered.incident.status is not IncidentStatus.RESOLVED
        and any(
            code in geography and covers(geography, place, code)
            for code in numbered.incident.stations
        )
    )
    offset = TEHRAN.utcoffset(None)
    by_hour = tuple(sorted(work.ledger.counts_by_hour(election, asked, offset).items()))
    return DayAt(day, geography.unit(place), tuple(states), open_incidents, by_hour)


def _status(sheets: bool, reports: set[str], check_ins: int) -> Status:
    if sheets:
        return Status.REPORTED
    if ReportKind.FINAL.value in reports:
        return Status.CLOSED
    if ReportKind.ZERO.value in reports or check_ins:
        return Status.OPEN
    return Status.NOT_OPEN


def recent_alerts(work: UnitOfWork, now: datetime.datetime) -> list[SecurityAlert]:
    """The brute-force alerts of the last day, newest first."""
    return list(reversed(work.operators.alerts(now - ALERTS_SINCE)))


def recent_refusals(work: UnitOfWork, now: datetime.datetime) -> list[RefusalCount]:
    """The counts of unauthenticated requests refused in the last day (`services.refusals`):
    the newest minutes first, at most `REFUSALS_SHOWN`."""
    return work.refusals.counts(now - ALERTS_SINCE, REFUSALS_SHOWN)
