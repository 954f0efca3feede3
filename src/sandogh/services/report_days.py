"""A station report's arrival against the election's stored calendar (issue 12, section 1: the
calendar is checked by every stage; `core.candidacy.calendar`).

A report carries no time of its own (a box's clock proves nothing), so the centre judges the
moment it arrives, in Iran's time, and only where a calendar is stored:

- a zero report (the box's opening) that arrives before the polling window of a contest of its
  station has begun is refused: an honest box does not open before polling day
  (`station.polling_days` refuses it by the days it was given at enrolment);
- a zero report that arrives after the polls' latest close (the last extension), or a final
  report after the results stage's window, is taken and marked late: an incident for the
  supervisory body names the station, the stage and its window. It is not refused, because a box
  that opened on time and was cut off sends its reports only when its link returns, and refusing
  its zero report would refuse its final report as well (a final report needs the zero report of
  its box): the station's ballots would be lost to a broken link. Whether a late station's result
  stands is the supervisors' decision (void, certify), taken with the incident before them.
"""

from __future__ import annotations

import datetime

from sandogh.core.candidacy.calendar import (
    Calendar,
    OutsideWindowError,
    Stage,
    UnscheduledError,
    Window,
    polling_window,
)
from sandogh.core.readiness.stations import IRAN_TIME
from sandogh.core.report import ReportKind
from sandogh.services.days import Day


def _windows(
    calendar: Calendar | None, day: Day, station: str, stage: Stage
) -> list[tuple[str, Window]]:
    """The window of `stage` (polling: to its latest close) of each contest of the station's
    ballot the calendar schedules."""
    if calendar is None:
        return []
    found = []
    for item in day.ballot(station):
        try:
            schedule = calendar.of(item.contest)
        except UnscheduledError:
            continue
        window = polling_window(schedule) if stage is Stage.POLLING else schedule.window(stage)
        if window is not None:
            found.append((item.contest, window))
    return found


def early_opening(
    calendar: Calendar | None, day: Day, station: str, at: datetime.datetime
) -> OutsideWindowError | None:
    """Why a zero report arriving at `at` is refused: before polling day of a contest of the
    station; None when it is not (or no calendar is stored)."""
    local = at.astimezone(IRAN_TIME).date()
    for contest, window in _windows(calendar, day, station, Stage.POLLING):
        if local < window.first:
            return OutsideWindowError(contest, Stage.POLLING, window, local)
    return None


def late_arrival(
    calendar: Calendar | None, day: Day, station: str, kind: ReportKind, at: datetime.datetime
) -> OutsideWindowError | None:
    """The stage whose window a report of `kind` arriving at `at` has missed — polling (to its
    latest close) for a zero report, the results for a final one — or None."""
    stage = Stage.POLLING if kind is ReportKind.ZERO else Stage.RESULTS
    local = at.astimezone(IRAN_TIME)
    for contest, window in _windows(calendar, day, station, stage):
        closed = window.closes is not None and local.time() >= window.closes
        if local.date() > window.last or (local.date() == window.last and closed):
            return OutsideWindowError(contest, stage, window, local.date())
    return None
