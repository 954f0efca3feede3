"""The calendar stored against the election's loaded draft definition (services.candidacy_calendar)
and the attacks of the outside review S20: F12, a calendar whose polling day is not the
definition's, or that names a contest the definition lacks, or misses one it has, was stored; F1,
an admin acts on candidacy."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable

import pytest

from sandogh.core.access import Grant, Role
from sandogh.core.candidacy.calendar import Calendar, Stage
from sandogh.core.log import EventType
from sandogh.formats.calendar_file import canonical_calendar
from sandogh.services.acting import Actor
from sandogh.services.candidacy import candidacy_of, register
from sandogh.services.candidacy_calendar import CalendarDefinitionError, store_calendar
from sandogh.services.candidacy_files import NotElectoralError
from sandogh.services.ports import UnitOfWork

from ..core.candidacy.steps import majlis_schedule
from . import candidacy_build as cb
from .build import load

NewUnitOfWork = Callable[[], UnitOfWork]


@pytest.fixture
def uow(new_unit_of_work: NewUnitOfWork) -> NewUnitOfWork:
    load(new_unit_of_work, cb.draft(), approved=False)
    return new_unit_of_work


def _store(uow: NewUnitOfWork, made: Calendar, actor: Actor = cb.MINISTRY) -> None:
    canonical = canonical_calendar(made)
    store_calendar(uow, actor, made, canonical=canonical, calendar_hash="h", now=cb.REGISTRATION)


def _moved_polling(days: int) -> Calendar:
    schedule = dataclasses.replace(majlis_schedule(), contests=("parliament",))
    later = datetime.timedelta(days=days)
    windows = tuple(
        dataclasses.replace(w, first=w.first + later, last=w.last + later)
        if w.stage in {Stage.POLLING, Stage.RESULTS, Stage.COMPLAINTS}
        else w
        for w in schedule.windows
    )
    return Calendar(cb.ELECTION, (dataclasses.replace(schedule, windows=windows),))


def _stored(uow: NewUnitOfWork) -> bool:
    with uow() as work:
        return work.candidacy.calendar(cb.ELECTION) is not None


def test_the_attack_a_calendar_polling_on_another_day_than_the_definition_is_refused(
    uow: NewUnitOfWork,
) -> None:
    """S20 F12, cal4: polling a day after the definition's day was stored."""
    with pytest.raises(CalendarDefinitionError) as refused:
        _store(uow, _moved_polling(1))
    (problem,) = refused.value.problems
    assert problem.path == "schedules[0].stages[8]"
    assert "از ۱۲ اسفند ۱۴۰۲ تا ۱۲ اسفند ۱۴۰۲" in refused.value.fa
    assert "(۱۱ اسفند ۱۴۰۲)" in refused.value.fa
    assert "from 12 Esfand 1402 to 12 Esfand 1402" in refused.value.en
    assert "(11 Esfand 1402)" in refused.value.en
    assert not _stored(uow)


def test_the_attack_a_calendar_naming_a_contest_the_definition_lacks_is_refused(
    uow: NewUnitOfWork,
) -> None:
    """S20 F12, cal5: a schedule naming `nonexistent` and not `parliament` was stored, and every
    step of the definition's contest was refused once registration froze the calendar."""
    schedule = dataclasses.replace(majlis_schedule(), contests=("nonexistent",))
    with pytest.raises(CalendarDefinitionError) as refused:
        _store(uow, Calendar(cb.ELECTION, (schedule,)))
    paths = [p.path for p in refused.value.problems]
    assert paths == ["schedules[0].contests[0]", "schedules"]
    assert "رقابت «nonexistent» در تعریف «majlis-1402» نیست" in refused.value.fa
    assert "contest parliament of the definition of majlis-1402 is in no schedule" in str(
        refused.value
    )
    assert not _stored(uow)
    _store(uow, cb.calendar())  # the calendar that agrees is stored
    assert _stored(uow)


def test_the_attack_an_admin_registers_an_applicant_is_refused_and_logged(
    uow: NewUnitOfWork,
) -> None:
    """S20 F1: a system admin registered an applicant; candidacy is the headquarters' work."""
    _store(uow, cb.calendar())
    admin = Actor("a", Grant(Role.ADMIN, "IR"))
    with pytest.raises(NotElectoralError) as refused:
        register(
            uow,
            admin,
            cb.ELECTION,
            contest="parliament",
            constituency="P1",
            person=cb.applicant(1),
            now=cb.REGISTRATION,
        )
    assert "ستادهای انتخابات وزارت کشور" in refused.value.fa
    assert "administers the system" in refused.value.en
    with uow() as work:
        (denied,) = work.events.of_type(EventType.ACCESS_DENIED, cb.ELECTION)
    assert denied.event.actor == "a"
    assert denied.event.details["refused"] == "not-electoral"
    assert candidacy_of(uow, cb.ELECTION).files == {}
