"""The sealed record each report's intake reads, held to the seal's log entry: a record rewritten
in the store with its fingerprint column is refused, not trusted (on the in-memory fake, SQLite
and PostgreSQL; the fingerprint check of session 27)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import text

from sandogh.core.anchor import Coverage
from sandogh.services.anchor import AnchorError, AnchorRefusal, record_of, stored_record
from sandogh.services.ingest import ingest_report
from sandogh.services.ports import UnitOfWork
from sandogh.services.record_coverage import coverage_of
from sandogh.store.engine import make_engine
from sandogh.store.unit_of_work import SqlUnitOfWork

from .build import (
    DEVICE,
    DEVICE_3,
    NOW,
    ROUND_2,
    ROUND_2_DAY,
    ST_1,
    replace_box,
    runoff_with_box,
    signed,
    zero,
)
from .build import seal_record as sealed_by_officials

NewUnitOfWork = Callable[[], UnitOfWork]


@pytest.fixture
def uow(new_unit_of_work: NewUnitOfWork) -> NewUnitOfWork:
    runoff_with_box(new_unit_of_work)
    sealed_by_officials(new_unit_of_work, ROUND_2)
    return new_unit_of_work


def test_the_sealed_record_as_stored_is_read(uow: NewUnitOfWork) -> None:
    with uow() as work:
        assert isinstance(coverage_of(work, ROUND_2), Coverage)


def test_a_record_rewritten_with_its_fingerprint_after_the_seal_is_refused(
    uow: NewUnitOfWork,
) -> None:
    """The attack: the stored record's bytes and its fingerprint column rewritten together (as
    SQL can), still marked sealed. The seal's log entry names the fingerprint sealed."""
    stored, _ = record_of(uow, election_id=ROUND_2)
    rewritten = stored.data.replace(ST_1.encode(), b"ST-0801-9999", 1)
    assert rewritten != stored.data
    with uow() as work:
        work.records.draft(ROUND_2, rewritten, NOW)
        work.records.seal(ROUND_2, NOW)
        work.commit()
    with uow() as work, pytest.raises(AnchorError) as refused:
        coverage_of(work, ROUND_2)
    assert refused.value.reason is AnchorRefusal.REWRITTEN
    assert "not the record sealed" in str(refused.value)
    with pytest.raises(AnchorError):  # nor does a report's intake trust it
        ingest_report(uow, signed=signed(zero(ROUND_2_DAY, ST_1, DEVICE), DEVICE), now=NOW)
    with uow() as work, pytest.raises(AnchorError):  # nor any reader of the sealed record
        stored_record(work, ROUND_2)


def test_an_amendment_deleted_by_sql_puts_no_replaced_box_back(store_url: str) -> None:
    """The attack: ST_1's box replaced (lost, or stolen) by a signed amendment, then that
    amendment deleted by SQL. The chain left still verifies, so without the log's entries the old
    key was on record again and its reports taken; a process that read the record before the
    amendment had kept what it covered under the key the deletion brings back."""
    engine = make_engine(store_url)
    try:
        uow = lambda: SqlUnitOfWork(engine, now=NOW)  # noqa: E731 - the factory the services take
        runoff_with_box(uow)
        sealed_by_officials(uow, ROUND_2)
        with uow() as work:
            coverage_of(work, ROUND_2)  # kept under the record without amendments
        replace_box(uow, ROUND_2, ST_1, DEVICE, DEVICE_3)
        with engine.begin() as connection:
            connection.execute(text("DELETE FROM record_amendments"))

        with uow() as work, pytest.raises(AnchorError) as refused:
            coverage_of(work, ROUND_2)
        assert refused.value.reason is AnchorRefusal.AMENDMENTS_REWRITTEN
        assert refused.value.problems[0].path == "amendments[0]"
        with pytest.raises(AnchorError):  # the replaced box's report is not taken
            ingest_report(uow, signed=signed(zero(ROUND_2_DAY, ST_1, DEVICE), DEVICE), now=NOW)
        with pytest.raises(AnchorError):  # nor shown as the record's by `anchor show`
            record_of(uow, election_id=ROUND_2)
    finally:
        engine.dispose()
