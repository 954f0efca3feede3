"""A station report's arrival against the stored calendar (issue 12, section 1;
`services.report_days`): a zero report arriving before polling day is refused, naming the stage
and its window; a zero report after the polls' latest close, or a final report after the results
stage, is taken and marked late for the supervisors; on time, or with no calendar, nothing is
raised."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest

from sandogh.services.ingest import ingest_report
from sandogh.services.ports import IncidentKind, UnitOfWork
from sandogh.services.report_refusal import ReportRefusal, ReportRefusedError

from .build import DEVICE, DEVICE_3, IRST, ROUND_2, ROUND_2_DAY, ST_1, ST_3, signed, zero
from .calendar_build import POLLING, store_calendar
from .report_build import ready_for_reports, runoff_final

NewUnitOfWork = Callable[[], UnitOfWork]


@pytest.fixture
def uow(new_unit_of_work: NewUnitOfWork) -> NewUnitOfWork:
    ready_for_reports(new_unit_of_work)
    store_calendar(new_unit_of_work, 20, 22)  # polling to 22:00, results the next day
    return new_unit_of_work


def _at(days: int, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(
        POLLING + datetime.timedelta(days=days), datetime.time(hour), IRST
    )


def _late(uow: NewUnitOfWork) -> list[dict[str, str]]:
    with uow() as work:
        return [
            dict(i.details)
            for i in work.incidents.all(ROUND_2)
            if i.kind is IncidentKind.LATE_REPORT
        ]


def test_a_zero_report_before_polling_day_is_refused_naming_the_stage_and_window(
    uow: NewUnitOfWork,
) -> None:
    data = signed(zero(ROUND_2_DAY, ST_3, DEVICE_3), DEVICE_3)
    with pytest.raises(ReportRefusedError) as raised:
        ingest_report(uow, signed=data, now=_at(-1, 20))
    refused = raised.value
    assert refused.reason is ReportRefusal.OUTSIDE_POLLING
    assert "polling of president is refused on 2024-07-04" in str(refused)
    assert "its window is 2024-07-05 to 2024-07-05 until 22:00" in str(refused)
    with uow() as work:
        assert [i.kind for i in work.incidents.all(ROUND_2)] == [IncidentKind.REFUSED_REPORT]
        assert work.reports.get(ROUND_2, ST_3, "zero") is None


def test_a_zero_report_after_the_last_extension_is_taken_and_marked_late(
    uow: NewUnitOfWork,
) -> None:
    """A box cut off all day sends its zero report when its link returns: refused, it would take
    the station's final report with it; taken, the supervisors see it was late."""
    data = signed(zero(ROUND_2_DAY, ST_3, DEVICE_3), DEVICE_3)
    ingested = ingest_report(uow, signed=data, now=_at(0, 23))
    assert [i.kind for i in ingested.incidents] == [IncidentKind.LATE_REPORT]
    (late,) = _late(uow)
    assert (late["kind"], late["stage"], late["last"], late["closes"]) == (
        "zero",
        "polling",
        "2024-07-05",
        "22:00:00",
    )


def test_a_final_report_after_the_results_stage_is_taken_and_marked_late(
    uow: NewUnitOfWork,
) -> None:
    ingest_report(uow, signed=signed(runoff_final(), DEVICE), now=_at(2, 9))
    (late,) = _late(uow)
    assert (late["kind"], late["stage"], late["contest"]) == ("final", "results", "president")
    assert (late["first"], late["last"]) == ("2024-07-06", "2024-07-06")
    with uow() as work:
        assert work.reports.get(ROUND_2, ST_1, "final") is not None  # taken all the same
        opened = [e.event for e in work.events.entries() if e.event.type == "incident-opened"]
    assert opened[-1].details["kind"] == "late-report"


def test_reports_within_their_windows_are_not_late(uow: NewUnitOfWork) -> None:
    """A zero report on polling day, a final report on the results stage's last day."""
    ingest_report(uow, signed=signed(zero(ROUND_2_DAY, ST_3, DEVICE_3), DEVICE_3), now=_at(0, 7))
    ingest_report(uow, signed=signed(runoff_final(), DEVICE), now=_at(1, 23))
    assert _late(uow) == []
