"""No withdrawal once polling has begun (review S19, F2): by the stored calendar's polling stage,
and without a calendar once results of the day are in; refused in Persian and English naming
when polling began, nothing stored."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest

from sandogh.core.candidacy.withdrawal import Printing
from sandogh.services.outcome_decisions import withdraw
from sandogh.services.ports import UnitOfWork
from sandogh.services.results import import_results
from sandogh.services.withdrawal_deadline import PollingBegunError

from .build import DEVICE, NOW, ROUND_2, ROUND_2_DAY, ST_1, ST_3, enrol, final, load, open_station
from .calendar_build import POLLING, store_calendar
from .test_outcome_decisions import EXECUTIVE

NewUnitOfWork = Callable[[], UnitOfWork]
IRST = NOW.tzinfo
A_YEAR_LATER = datetime.datetime(2025, 7, 6, 10, 0, tzinfo=IRST)


@pytest.fixture
def uow(new_unit_of_work: NewUnitOfWork) -> NewUnitOfWork:
    load(new_unit_of_work, ROUND_2_DAY)
    return new_unit_of_work


def _withdrawals(uow: NewUnitOfWork) -> int:
    with uow() as work:
        return len(work.outcome_decisions.all(ROUND_2))


def test_the_calendar_s_polling_day_ends_withdrawals(uow: NewUnitOfWork) -> None:
    store_calendar(uow, polling=POLLING + datetime.timedelta(days=1))
    made = withdraw(uow, EXECUTIVE, ROUND_2, "parliament", "31", printing=Printing.AFTER, now=NOW)
    assert made.candidate == "31"
    for when in (NOW + datetime.timedelta(days=1), A_YEAR_LATER):
        with pytest.raises(PollingBegunError) as refused:
            withdraw(uow, EXECUTIVE, ROUND_2, "parliament", "32", printing=Printing.AFTER, now=when)
        assert refused.value.day == POLLING + datetime.timedelta(days=1)
        assert "۱۶ تیر ۱۴۰۳" in refused.value.fa
        assert "by the election's calendar its polling began on 16 Tir 1403" in refused.value.en
    assert _withdrawals(uow) == 1


def test_without_a_calendar_the_day_s_results_end_withdrawals(uow: NewUnitOfWork) -> None:
    sheets = final(ROUND_2_DAY, ST_1, DEVICE, {"parliament": [("31",)]}).sheets
    import_results(uow, ROUND_2, list(sheets), now=NOW)
    with pytest.raises(PollingBegunError) as refused:  # the reviewer's tie undone the day after
        withdraw(uow, EXECUTIVE, ROUND_2, "parliament", "32", printing=Printing.AFTER, now=NOW)
    assert "its polling began on 15 Tir 1403" in refused.value.en
    assert "پس از آغاز رأی‌گیری انصرافی ثبت نمی‌شود" in refused.value.fa
    assert _withdrawals(uow) == 0


def test_without_a_calendar_a_station_s_zero_report_ends_withdrawals(uow: NewUnitOfWork) -> None:
    """Read from the stored reports (`ReportRepository.first`), not the log, on every store."""
    enrol(uow, ST_3, DEVICE)
    open_station(uow, ROUND_2_DAY, ST_3, DEVICE)
    with pytest.raises(PollingBegunError) as refused:
        withdraw(uow, EXECUTIVE, ROUND_2, "parliament", "32", printing=Printing.AFTER, now=NOW)
    assert refused.value.station == ST_3
    assert f"({ST_3}'s zero report was accepted)" in refused.value.en
    assert f"(صورتجلسه آغاز رأی‌گیری {ST_3} پذیرفته شد)" in refused.value.fa
    assert _withdrawals(uow) == 0
