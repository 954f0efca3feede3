"""Where each polling station is in its day, as the centre sees it, and whether it is late.

DESIGN.md §2–§3 and `core.station.lifecycle`: a station opens with its signed zero report and
ends with its signed final report; `reference/iran-election-rules.md`: voting lasts at least 10
hours and is routinely extended. The centre holds only the two reports, so with the day's hours
a station is:

- REPORTED once its final report is in;
- OPEN once its zero report is in, until the polls close (`DayHours.closes`);
- CLOSED after that while its final report is awaited;
- NOT_OPEN while no report is in.

It is LATE (a flag beside the state) when it has not opened `open_grace` after the polls open,
or has not reported `report_grace` after they close (counting takes time); a hard-to-reach
station's plan may give it a longer grace to report (`core.readiness.remote`). Before the polls
open nothing is late. Extensions of voting are given by moving `closes`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

#: Iran's time (no daylight saving since 2022), in which the day's hours are given.
IRAN_TIME = datetime.timezone(datetime.timedelta(hours=3, minutes=30), "IRST")


class StationState(StrEnum):
    NOT_OPEN = "not-open"
    OPEN = "open"
    CLOSED = "closed"  # the polls have closed; the final report is awaited
    REPORTED = "reported"


@dataclass(frozen=True)
class DayHours:
    """When the polls open and close on the election day, and the grace before a station is late."""

    opens: datetime.datetime
    closes: datetime.datetime
    open_grace: datetime.timedelta = datetime.timedelta(minutes=30)
    report_grace: datetime.timedelta = datetime.timedelta(hours=3)

    @classmethod
    def of(cls, day: datetime.date) -> DayHours:
        """The usual hours: 08:00 to 18:00 Iran time, the ten hours the law sets at least."""
        return cls(
            datetime.datetime.combine(day, datetime.time(8), IRAN_TIME),
            datetime.datetime.combine(day, datetime.time(18), IRAN_TIME),
        )


@dataclass(frozen=True)
class StationStatus:
    state: StationState
    late: bool = False


def station_statuses(
    stations: Iterable[str],
    opened: Mapping[str, datetime.datetime],
    reported: Mapping[str, datetime.datetime],
    hours: DayHours,
    now: datetime.datetime,
    *,
    report_graces: Mapping[str, datetime.timedelta] | None = None,
) -> dict[str, StationStatus]:
    """Each station's status at `now`, from when its zero (`opened`) and final (`reported`)
    reports were received; `report_graces` gives stations a grace of their own to report."""
    graces = report_graces or {}
    return {
        s: _status(s in opened, s in reported, hours, now, graces.get(s, hours.report_grace))
        for s in stations
    }


def _status(
    opened: bool,
    reported: bool,
    hours: DayHours,
    now: datetime.datetime,
    report_grace: datetime.timedelta,
) -> StationStatus:
    if reported:
        return StationStatus(StationState.REPORTED)
    if opened:
        if now < hours.closes:
            return StationStatus(StationState.OPEN)
        return StationStatus(StationState.CLOSED, now >= hours.closes + report_grace)
    return StationStatus(StationState.NOT_OPEN, now >= hours.opens + hours.open_grace)
