"""A runoff's calendar stored for the round-2 day of tests/services/build.py: polling on one
day closing at 18:00 (extended to the hours given), the results the day after, the complaints
the day after that (`tests.services.test_polling_calendar`, `test_report_days`)."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable

from sandogh.core.candidacy.calendar import Calendar, Kind, Schedule, Stage, Window
from sandogh.formats.calendar_file import canonical_calendar
from sandogh.services.candidacy_ports import StoredCalendar
from sandogh.services.ports import UnitOfWork

from .build import NOW, ROUND_2

NewUnitOfWork = Callable[[], UnitOfWork]
POLLING = datetime.date(2024, 7, 5)  # 15 Tir 1403


def runoff_schedule(polling: datetime.date, *extensions: int) -> Schedule:
    windows = tuple(
        Window(stage, polling + datetime.timedelta(days=i), polling + datetime.timedelta(days=i))
        for i, stage in enumerate((Stage.POLLING, Stage.RESULTS, Stage.COMPLAINTS))
    )
    return Schedule(
        Kind.PRESIDENT,
        2,
        ("president", "parliament"),
        windows,
        datetime.time(18),
        tuple(datetime.time(h) for h in extensions),
    )


def store_calendar(
    uow: NewUnitOfWork, *extensions: int, polling: datetime.date = POLLING
) -> Calendar:
    """Store the runoff's calendar (again): each version under a hash of its own."""
    calendar = Calendar(ROUND_2, (runoff_schedule(polling, *extensions),))
    canonical = canonical_calendar(calendar)
    version = hashlib.sha256(canonical).hexdigest()
    with uow() as work:
        work.candidacy.put_calendar(ROUND_2, StoredCalendar(calendar, canonical, version, NOW))
        work.commit()
    return calendar
