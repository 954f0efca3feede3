"""The attack of review S19, F6, mounted: on polling day a county HQ of another province stored
a calendar moving polling day to the next, and every check-in was refused; any new version could
reopen a closed window. Now only the national HQ stores the calendar, a new version changes only
stages not yet begun (or extends the polls on the day, while open), and each refusal is logged,
and said in Persian and English naming the stage and its window."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable

import pytest

from sandogh.core.access import Grant, Role
from sandogh.core.candidacy.calendar import Calendar, Stage, Window
from sandogh.core.candidacy.calendar_change import CalendarChangeError
from sandogh.core.log import Disposition
from sandogh.formats.calendar_file import canonical_calendar
from sandogh.server.console.candidacy_refusals import said
from sandogh.services.acting import AccessDeniedError, Actor
from sandogh.services.candidacy_calendar import CalendarDefinitionError, store_calendar
from sandogh.services.candidacy_files import calendar_of
from sandogh.services.ports import UnitOfWork

from . import candidacy_build as cb
from .build import IRST

NewUnitOfWork = Callable[[], UnitOfWork]
D = datetime.date
POLLING_DAY = datetime.datetime(2024, 3, 1, 11, tzinfo=IRST)


@pytest.fixture
def stored(uow: NewUnitOfWork) -> NewUnitOfWork:
    cb.stored(uow)
    return uow


def _with(**windows: tuple[D, D]) -> Calendar:
    schedule = cb.calendar().schedules[0]
    changed = tuple(
        Window(w.stage, *windows[w.stage.name], w.closes) if w.stage.name in windows else w
        for w in schedule.windows
    )
    schedule = dataclasses.replace(schedule, windows=changed, polls_close=datetime.time(18))
    return Calendar(cb.ELECTION, (schedule,))


def _store(uow: NewUnitOfWork, actor: Actor, calendar: Calendar, now: datetime.datetime) -> None:
    canonical = canonical_calendar(calendar)
    store_calendar(uow, actor, calendar, canonical=canonical, calendar_hash=str(now), now=now)


def _polling(uow: NewUnitOfWork) -> Window | None:
    with uow() as work:
        return calendar_of(work, cb.ELECTION).schedules[0].window(Stage.POLLING)


def _last_event(uow: NewUnitOfWork) -> tuple[str, Disposition, str]:
    with uow() as work:
        last = list(work.events.entries())[-1].event
    return last.type.value, last.disposition, last.actor


MOVED = _with(POLLING=(D(2024, 3, 2), D(2024, 3, 2)), RESULTS=(D(2024, 3, 3), D(2024, 3, 4)))


def test_the_attack_another_provinces_county_hq_is_refused(stored: NewUnitOfWork) -> None:
    tehran = Actor("tehran", Grant(Role.COUNTY_HQ, "IR-01-0101"))
    with pytest.raises(AccessDeniedError) as refused:
        _store(stored, tehran, MOVED, POLLING_DAY)
    assert _polling(stored) == Window(Stage.POLLING, D(2024, 3, 1), D(2024, 3, 1))
    assert _last_event(stored) == ("access-denied", Disposition.DENIED, "tehran")
    assert "ستاد انتخابات کشور" in (said(refused.value, "fa") or "")
    # nor a national HQ grant at a province
    with pytest.raises(AccessDeniedError):
        _store(stored, Actor("kerman", Grant(Role.NATIONAL_HQ, "IR-08")), MOVED, POLLING_DAY)


def test_the_attack_the_national_hq_cannot_move_polling_day_on_the_day(
    stored: NewUnitOfWork,
) -> None:
    with pytest.raises(CalendarChangeError) as refused:
        _store(stored, cb.MINISTRY, MOVED, POLLING_DAY)
    assert _polling(stored) == Window(Stage.POLLING, D(2024, 3, 1), D(2024, 3, 1))
    assert _last_event(stored) == ("calendar-stored", Disposition.REFUSED, "ministry")
    assert said(refused.value, "en") == (
        "the calendar of majlis-1402 may not change on 11 Esfand 1402: polling for Majlis "
        "has begun (its window is from 11 Esfand 1402 to 11 Esfand 1402); a stage that has begun "
        "stays as it is."
    )
    assert "رأی‌گیری" in (said(refused.value, "fa") or "")
    assert "«parliament»" not in (said(refused.value, "fa") or "")  # S20 F5: the contest's name


def test_the_attack_a_closed_registration_is_not_reopened(stored: NewUnitOfWork) -> None:
    reopened = _with(REGISTRATION=(D(2023, 10, 19), D(2023, 12, 30)))
    with pytest.raises(CalendarChangeError, match="registration of parliament"):
        _store(stored, cb.MINISTRY, reopened, cb.SUPERVISORY)


def test_stages_not_begun_change_and_the_polls_are_extended_on_the_day(
    stored: NewUnitOfWork,
) -> None:
    # polling stays the loaded definition's day (review S20, F12); the stages after it move
    later = _with(
        RESULTS=(D(2024, 3, 2), D(2024, 3, 6)), COMPLAINTS=(D(2024, 3, 7), D(2024, 3, 12))
    )
    _store(stored, cb.MINISTRY, later, cb.SUPERVISORY)
    with stored() as work:
        results = calendar_of(work, cb.ELECTION).schedules[0].window(Stage.RESULTS)
    assert results == Window(Stage.RESULTS, D(2024, 3, 2), D(2024, 3, 6))
    with pytest.raises(CalendarDefinitionError, match=r"schedules\[0\]\.stages\[8\]"):
        _store(stored, cb.MINISTRY, _with(POLLING=(D(2024, 3, 8), D(2024, 3, 8))), cb.SUPERVISORY)
    on_the_day = datetime.datetime(2024, 3, 1, 17, tzinfo=IRST)
    extended = dataclasses.replace(later.schedules[0], extensions=(datetime.time(20),))
    _store(stored, cb.MINISTRY, Calendar(cb.ELECTION, (extended,)), on_the_day)
    assert _last_event(stored) == ("calendar-stored", Disposition.DONE, "ministry")
