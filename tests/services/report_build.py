"""A store ready for station reports, and the final report and refusal the report tests take:
the round-2 day with its boxes enrolled, their staff registered, ST_1's zero report taken and its
voters checked in (`tests.services.test_ingest`, `tests.services.test_report_checks`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import pytest

from sandogh.core.report import SigningKey, StationReport
from sandogh.services.ingest import ingest_report
from sandogh.services.ports import UnitOfWork
from sandogh.services.report_refusal import ReportRefusedError

from .build import (
    DEVICE,
    DEVICE_3,
    LATER,
    NOW,
    ROUND_2,
    ROUND_2_DAY,
    RUNOFF_VOTES,
    ST_1,
    ST_2,
    ST_3,
    STRANGER,
    check_in_voter,
    enrol,
    final,
    load,
    national_code,
    register_station_staff,
    signed,
    zero,
)

NewUnitOfWork = Callable[[], UnitOfWork]


def ready_for_reports(new_unit_of_work: NewUnitOfWork) -> NewUnitOfWork:
    load(new_unit_of_work, ROUND_2_DAY)
    for key, station in ((DEVICE, ST_1), (DEVICE_3, ST_3), (STRANGER, ST_2)):
        enrol(new_unit_of_work, station, key)
    register_station_staff(new_unit_of_work, ROUND_2, ST_1, ST_2, ST_3)
    ingest_report(new_unit_of_work, signed=signed(zero(ROUND_2_DAY, ST_1, DEVICE), DEVICE), now=NOW)
    # the voters of `RUNOFF_VOTES`, so that ST_1's check-ins are its ballot papers used
    for n in range(1, 5):
        check_in_voter(new_unit_of_work, national_code(n), ST_1)
    return new_unit_of_work


def runoff_final(
    station: str = ST_1,
    key: SigningKey = DEVICE,
    votes: Mapping[str, Sequence[tuple[str, ...]]] = RUNOFF_VOTES,
) -> StationReport:
    return final(ROUND_2_DAY, station, key, votes)


def refusal_of(uow: NewUnitOfWork, data: bytes) -> ReportRefusedError:
    with pytest.raises(ReportRefusedError) as refused:
        ingest_report(uow, signed=data, now=LATER)
    return refused.value
