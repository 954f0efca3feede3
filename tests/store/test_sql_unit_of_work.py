"""What the SQL store does beyond the ports' contract: the rows it writes, its own checks."""

from __future__ import annotations

import datetime

import pytest
from .elections_for_tests import election
from sqlalchemy import select

from sandogh.formats.definition_file import canonical_bytes, definition_hash
from sandogh.store.schema import open_database
from sandogh.store.tables import ElectionRow, UnitRow
from sandogh.store.unit_of_work import SqlUnitOfWork

TEST_NOW = datetime.datetime(2024, 7, 5, 20, 0, tzinfo=datetime.UTC)


def test_an_election_is_stored_with_its_units_and_the_time_given(store_url: str) -> None:
    day = election(stations=2)
    engine = open_database(store_url)
    try:
        tehran = datetime.timezone(datetime.timedelta(hours=3, minutes=30))
        with SqlUnitOfWork(engine, now=TEST_NOW.astimezone(tehran)) as uow:
            uow.elections.add(day, definition_hash(day), canonical_bytes(day))
            uow.commit()
        with engine.connect() as connection:
            stored = connection.execute(select(ElectionRow)).one()
            units = connection.execute(
                select(UnitRow.code, UnitRow.kind, UnitRow.parent).order_by(UnitRow.code)
            ).all()
    finally:
        engine.dispose()
    assert (stored.id, stored.version, stored.date) == (day.id, 1, datetime.date(2024, 7, 5))
    assert (stored.name_fa, stored.name_en) == (day.name.fa, day.name.en)
    assert stored.definition == canonical_bytes(day)
    assert stored.definition_hash == definition_hash(day)
    # SQLite keeps no offset: the store writes UTC, and SQLite gives it back without one.
    loaded_at = stored.loaded_at
    assert loaded_at.replace(tzinfo=loaded_at.tzinfo or datetime.UTC) == TEST_NOW
    assert [tuple(unit) for unit in units] == [
        ("IR", "nation", None),
        ("IR-08", "province", "IR"),
        ("IR-08-0801", "county", "IR-08"),
        ("ST-0801-00001", "station", "IR-08-0801"),
        ("ST-0801-00002", "station", "IR-08-0801"),
    ]


def test_the_time_must_carry_its_offset(store_url: str) -> None:
    engine = open_database(store_url)
    try:
        with pytest.raises(ValueError, match="timezone-aware"):
            SqlUnitOfWork(engine, now=datetime.datetime(2024, 7, 5, 20, 0))  # noqa: DTZ001 -- the naive time is the point
    finally:
        engine.dispose()


def test_commit_needs_an_open_unit_of_work(store_url: str) -> None:
    engine = open_database(store_url)
    try:
        uow = SqlUnitOfWork(engine, now=TEST_NOW)
        with pytest.raises(RuntimeError, match="outside"):
            uow.commit()
    finally:
        engine.dispose()
