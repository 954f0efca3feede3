"""A station's state on the day, from its reports and the day's hours, and when it is late."""

from __future__ import annotations

import datetime

import pytest

from sandogh.core.readiness import IRAN_TIME, DayHours, StationState, StationStatus
from sandogh.core.readiness import station_statuses as statuses

HOURS = DayHours.of(datetime.date(2024, 7, 5))


def _at(hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2024, 7, 5, hour, minute, tzinfo=IRAN_TIME)


@pytest.mark.parametrize(
    ("now", "opened", "reported", "expected"),
    [
        (_at(7), False, False, StationStatus(StationState.NOT_OPEN)),
        (_at(8, 29), False, False, StationStatus(StationState.NOT_OPEN)),
        (_at(8, 30), False, False, StationStatus(StationState.NOT_OPEN, late=True)),
        (_at(9), True, False, StationStatus(StationState.OPEN)),
        (_at(18), True, False, StationStatus(StationState.CLOSED)),
        (_at(20, 59), True, False, StationStatus(StationState.CLOSED)),
        (_at(21), True, False, StationStatus(StationState.CLOSED, late=True)),
        (_at(21), True, True, StationStatus(StationState.REPORTED)),
    ],
)
def test_state_and_lateness(
    now: datetime.datetime, opened: bool, reported: bool, expected: StationStatus
) -> None:
    at = {"S": _at(8)}
    found = statuses(["S"], at if opened else {}, at if reported else {}, HOURS, now)
    assert found == {"S": expected}


def test_the_usual_hours_are_ten_hours_of_iran_time() -> None:
    assert HOURS.closes - HOURS.opens == datetime.timedelta(hours=10)
    assert HOURS.opens.utcoffset() == datetime.timedelta(hours=3, minutes=30)
