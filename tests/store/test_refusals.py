"""The refusal counts' repository contract, on the in-memory fake, SQLite and PostgreSQL: each
refusal adds one to its source, minute and reason, concurrent ones too, and exactly one refusal of
a source's minute is told it is the first, whatever its reason."""

from __future__ import annotations

import datetime
import threading

from sandogh.services.ports import RefusalCount

from .contract import NewUnitOfWork, at_once

MINUTE = datetime.datetime(2024, 7, 5, 4, 30, tzinfo=datetime.UTC)
NEXT = MINUTE + datetime.timedelta(minutes=1)
IRST = datetime.timezone(datetime.timedelta(hours=3, minutes=30))


def test_the_first_of_a_sources_minute_is_told_once_whatever_the_reason(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    with new_unit_of_work() as uow:
        firsts = [
            uow.refusals.count("10.0.0.1", MINUTE, "malformed"),
            uow.refusals.count("10.0.0.1", MINUTE, "malformed"),
            uow.refusals.count("10.0.0.1", MINUTE.astimezone(IRST), "bad-signature"),
            uow.refusals.count("10.0.0.1", NEXT, "malformed"),
            uow.refusals.count("10.0.0.2", MINUTE, "malformed"),
        ]
        uow.commit()
    with new_unit_of_work() as uow:
        assert not uow.refusals.count("10.0.0.1", NEXT, "unknown-device")
        uow.commit()
    assert firsts == [True, False, False, True, True]
    with new_unit_of_work() as uow:
        assert uow.refusals.counts(MINUTE, 10) == [
            RefusalCount("10.0.0.1", NEXT, "malformed", 1),
            RefusalCount("10.0.0.1", NEXT, "unknown-device", 1),
            RefusalCount("10.0.0.1", MINUTE, "malformed", 2),
            RefusalCount("10.0.0.1", MINUTE, "bad-signature", 1),
            RefusalCount("10.0.0.2", MINUTE, "malformed", 1),
        ]
        assert uow.refusals.counts(NEXT, 1) == [RefusalCount("10.0.0.1", NEXT, "malformed", 1)]


def test_a_unit_of_work_rolled_back_counts_nothing_and_gives_the_first_back(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    with new_unit_of_work() as uow:
        assert uow.refusals.count("10.0.0.1", MINUTE, "malformed")
    with new_unit_of_work() as uow:
        assert uow.refusals.count("10.0.0.1", MINUTE, "malformed")
        uow.commit()
    with new_unit_of_work() as uow:
        assert uow.refusals.counts(MINUTE, 10) == [RefusalCount("10.0.0.1", MINUTE, "malformed", 1)]


def test_concurrent_refusals_each_count_and_one_is_first(new_unit_of_work: NewUnitOfWork) -> None:
    refusals = 8
    reasons = ("malformed", "bad-signature")

    def refuse(start: threading.Barrier, number: int) -> bool:
        start.wait()
        with new_unit_of_work() as uow:
            first = uow.refusals.count("10.0.0.1", MINUTE, reasons[number % 2])
            uow.commit()
        return first

    assert sorted(at_once(refusals, refuse)) == [False] * (refusals - 1) + [True]
    with new_unit_of_work() as uow:
        counts = uow.refusals.counts(MINUTE, 10)
    assert {c.reason: c.count for c in counts} == dict.fromkeys(reasons, refusals // 2)
