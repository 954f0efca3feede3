"""Polling day and hours from the stored calendar at the centre (issue 12, section 1): with a
calendar stored, a check-in on another day or after the last extension is refused, online and
in an offline batch, with the calendar's refusal; within an extension it is taken; an extension
stored on the day is read anew; without a calendar the usual bounds alone apply, as before."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from sqlalchemy import Engine, event

from sandogh.core.station.check_in_bounds import Impossible
from sandogh.services.check_in_rules import ImpossibleCheckInError
from sandogh.services.checkin import BallotCard
from sandogh.services.ports import UnitOfWork
from sandogh.services.sync import ImpossibleCheckInsError, OfflineCheckIn, sync_provisional
from sandogh.store.unit_of_work import SqlUnitOfWork

from .build import (
    IRST,
    LATER,
    NOW,
    PEOPLE,
    ROUND_1_DAY,
    ROUND_2,
    ROUND_2_DAY,
    SECRET,
    ST_3,
    check_in_voter,
    load,
    national_code,
)
from .calendar_build import POLLING, store_calendar

NewUnitOfWork = Callable[[], UnitOfWork]


def _stored(uow: NewUnitOfWork, *extensions: int) -> None:
    store_calendar(uow, *extensions)


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


def test_a_calendar_moved_off_the_day_is_seen_by_the_next_check_in(uow: NewUnitOfWork) -> None:
    """The kept calendar is keyed by the hash read in each check-in's own transaction: a calendar
    stored again (here, by a unit of work of its own, as another server process would) holds at
    once, with nothing to invalidate."""
    _stored(uow, 20)
    assert isinstance(check_in_voter(uow, national_code(1), ST_3, now=_at(12)), BallotCard)
    store_calendar(uow, 20, polling=POLLING + datetime.timedelta(days=7))
    with pytest.raises(ImpossibleCheckInError, match="window is 2024-07-12 to 2024-07-12"):
        check_in_voter(uow, national_code(2), ST_3, now=_at(12))


def test_a_check_in_reads_the_calendar_s_hash_with_the_definition_s(engine: Engine) -> None:
    """The hot path: one statement reads both hashes; the calendar's bytes are read once a
    version, not once a check-in."""

    def new() -> UnitOfWork:
        return SqlUnitOfWork(engine, now=NOW)

    load(new, ROUND_1_DAY, ROUND_2_DAY)
    _stored(new, 20)
    check_in_voter(new, national_code(1), ST_3, now=_at(12))  # the calendar is kept from here
    statements: list[str] = []

    def seen(_c: object, _k: object, statement: str, *_rest: object) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", seen)
    try:
        check_in_voter(new, national_code(2), ST_3, now=_at(12))
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    calendar_reads = [s for s in statements if "candidacy_calendars" in s]
    assert len(calendar_reads) == 1
    assert "definition_hash" in calendar_reads[0]
    assert "canonical" not in calendar_reads[0]
