"""A withdrawal's last day: polling has begun from the first day of the calendar's polling stage
(review S19, F2: a withdrawal a day, or a year, after polling changed the outcome)."""

from __future__ import annotations

import datetime

from sandogh.core.candidacy.calendar import Kind, Schedule, Stage, Window
from sandogh.core.candidacy.withdrawal import polling_began

DAY = datetime.date(2024, 3, 1)
SCHEDULE = Schedule(Kind.PARLIAMENT, 1, ("majlis",), (Window(Stage.POLLING, DAY, DAY),))


def test_polling_has_begun_from_its_first_day_on_forever() -> None:
    assert polling_began(SCHEDULE, DAY - datetime.timedelta(days=1)) is None
    assert polling_began(SCHEDULE, DAY) == DAY
    assert polling_began(SCHEDULE, DAY + datetime.timedelta(days=1)) == DAY
    assert polling_began(SCHEDULE, datetime.date(2025, 3, 2)) == DAY  # the reviewer's year later


def test_a_schedule_without_polling_says_nothing() -> None:
    assert polling_began(Schedule(Kind.PARLIAMENT, 1, ("majlis",), ()), DAY) is None
