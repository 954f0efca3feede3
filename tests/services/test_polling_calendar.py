"""Polling day and hours from the stored calendar at the centre (issue 12, section 1): with a
calendar stored, a check-in on another day or after the last extension is refused, online and
in an offline batch, with the calendar's refusal; within an extension it is taken; an extension
stored on the day is read anew; without a calendar the usual bounds alone apply, as before."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest

from sandogh.core.candidacy.calendar import Calendar, Kind, Schedule, Stage, Window
from sandogh.core.station.check_in_bounds import Impossible
from sandogh.formats.calendar_file import canonical_calendar
from sandogh.services.candidacy_ports import StoredCalendar
from sandogh.services.checkin import BallotCard, ImpossibleCheckInError
from sandogh.services.ports import UnitOfWork
from sandogh.services.sync import ImpossibleCheckInsError, OfflineCheckIn, sync_provisional

from .build import IRST, LATER, NOW, PEOPLE, ROUND_2, SECRET, ST_3, check_in_voter, national_code

NewUnitOfWork = Callable[[], UnitOfWork]
POLLING = datetime.date(2024, 7, 5)


def _stored(uow: NewUnitOfWork, *extensions: int) -> None:
    """A runoff's calendar: polling on 15 Tir 1403, closing at 18:00, extended to each hour."""
    windows = tuple(
        Window(stage, POLLING + datetime.timedelta(days=i), POLLING + datetime.timedelta(days=i))
        for i, stage in enumerate((Stage.POLLING, Stage.RESULTS, Stage.COMPLAINTS))
    )
    schedule = Schedule(
        Kind.PRESIDENT,
        2,
        ("president", "parliament"),
        windows,
        datetime.time(18),
        tuple(datetime.time(h) for h in extensions),
    )
    calendar = Calendar(ROUND_2, (schedule,))
    with uow() as work:
        version = f"{len(extensions):064x}"
        work.candidacy.put_calendar(
            ROUND_2, StoredCalendar(calendar, canonical_calendar(calendar), version, NOW)
        )
        work.commit()


def _at(hour: int, day: datetime.date = POLLING) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), IRST)


def test_an_online_check_in_after_the_last_extension_is_refused(uow: NewUnitOfWork) -> None:
    _stored(uow, 20)
    assert isinstance(check_in_voter(uow, national_code(1), ST_3, now=_at(19)), BallotCard)
    with pytest.raises(ImpossibleCheckInError, match="polling of president") as late:
        check_in_voter(uow, national_code(2), ST_3, now=_at(21))
    assert late.value.reason is Impossible.AFTER_CLOSING
    assert "until 20:00" in str(late.value)


def test_an_online_check_in_on_another_day_is_refused(uow: NewUnitOfWork) -> None:
    _stored(uow, 20)
    with pytest.raises(ImpossibleCheckInError, match="window is 2024-07-05 to 2024-07-05"):
        check_in_voter(uow, national_code(1), ST_3, now=_at(10, POLLING + datetime.timedelta(1)))


def test_an_extension_stored_on_the_day_is_read_anew(uow: NewUnitOfWork) -> None:
    _stored(uow, 20)
    with pytest.raises(ImpossibleCheckInError):
        check_in_voter(uow, national_code(1), ST_3, now=_at(21))
    _stored(uow, 20, 22)
    assert isinstance(check_in_voter(uow, national_code(1), ST_3, now=_at(21)), BallotCard)


def test_without_a_calendar_the_usual_bounds_alone_apply(uow: NewUnitOfWork) -> None:
    assert isinstance(check_in_voter(uow, national_code(1), ST_3, now=_at(23)), BallotCard)


def test_an_offline_batch_after_the_last_extension_is_refused_naming_the_entry(
    uow: NewUnitOfWork,
) -> None:
    _stored(uow, 20)
    entries = [
        OfflineCheckIn(national_code(1), _at(12)),
        OfflineCheckIn(national_code(2), _at(21)),
    ]
    with pytest.raises(ImpossibleCheckInsError) as refused:
        sync_provisional(
            uow,
            election_id=ROUND_2,
            station=ST_3,
            entries=entries,
            registry=PEOPLE,
            ledger_secret=SECRET,
            now=LATER,
        )
    assert refused.value.impossible == ((1, Impossible.AFTER_CLOSING),)
    assert "entries[1].at: polling of president" in str(refused.value.problems[0])
