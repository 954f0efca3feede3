"""What the SQL store does beyond the ports' contract: the rows it writes, its own checks."""

from __future__ import annotations

import datetime

import pytest
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import OperationalError, StatementError

from sandogh.core.log import Disposition, Event, EventType, Fault, verify
from sandogh.formats.definition_file import canonical_bytes, definition_hash
from sandogh.services.ports import LedgerEntry
from sandogh.store.schema import open_database
from sandogh.store.tables import ElectionRow, UnitRow
from sandogh.store.unit_of_work import SqlUnitOfWork

from .elections_for_tests import election

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


def test_the_ledger_keeps_no_id_and_no_order_but_its_hour(store_url: str) -> None:
    # DESIGN.md §3: nothing in the ledger numbers or orders the check-ins but `at`, an hour
    # (core.voters.ledger_time); an offline check-in's tag is keyed, so it orders nothing.
    engine = open_database(store_url)
    try:
        with engine.connect() as connection:
            schema = inspect(connection)
            columns = {c["name"]: c for c in schema.get_columns("voted_ledger")}
            key = schema.get_pk_constraint("voted_ledger")["constrained_columns"]
            indexes = [i["column_names"] for i in schema.get_indexes("voted_ledger")]
            if engine.dialect.name == "sqlite":
                with pytest.raises(OperationalError, match="no such column: rowid"):
                    connection.execute(text("SELECT rowid FROM voted_ledger"))
    finally:
        engine.dispose()
    assert set(columns) == {
        "election_id",
        "voter_key",
        "station",
        "at",
        "constituencies",
        "provisional",
        "offline_tag",
    }
    assert key == ["election_id", "voter_key"]
    assert not any(column.get("autoincrement") is True for column in columns.values())
    assert indexes == [["election_id", "station"]]


def test_instants_are_written_and_read_in_utc(store_url: str) -> None:
    engine = open_database(store_url)
    tehran = datetime.timezone(datetime.timedelta(hours=3, minutes=30))
    try:
        with SqlUnitOfWork(engine, now=TEST_NOW) as uow:
            day = election()
            uow.elections.add(day, definition_hash(day), canonical_bytes(day))
            at = datetime.datetime(2024, 7, 5, 8, 0, 0, 1, tzinfo=tehran)
            uow.ledger.add(LedgerEntry(day.id, "5f" * 32, "ST-0801-00001", at, {}))
            uow.commit()
            found = uow.ledger.find(day.id, "5f" * 32)
        with engine.connect() as connection:
            stored = connection.execute(text("SELECT CAST(at AS TEXT) FROM voted_ledger")).scalar()
    finally:
        engine.dispose()
    assert found is not None
    # the ledger keeps the whole hour of Tehran's clock (core.voters.ledger_time), in UTC
    assert (found.at, found.at.tzinfo) == (at.replace(microsecond=0), datetime.UTC)
    assert stored is not None
    assert stored.startswith("2024-07-05 04:30:00")


def test_a_time_without_its_zone_is_refused(store_url: str) -> None:
    engine = open_database(store_url)
    naive = datetime.datetime(2024, 7, 5, 8, 0)  # noqa: DTZ001 -- the naive time is the point
    try:
        with SqlUnitOfWork(engine, now=TEST_NOW) as uow:
            day = election()
            uow.elections.add(day, definition_hash(day), canonical_bytes(day))
            # refused by the ledger's hour (ValueError) before the column's own check
            with pytest.raises((StatementError, ValueError), match="has no time zone"):
                uow.ledger.add(LedgerEntry(day.id, "5f" * 32, "ST-0801-00001", naive, {}))
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    ("change", "broken"),
    [
        (
            'UPDATE events SET details = \'{"zero_report": "ac"}\' WHERE sequence = 2',
            (2, Fault.HASH_MISMATCH),
        ),
        ("UPDATE events SET actor = 'intruder' WHERE sequence = 2", (2, Fault.HASH_MISMATCH)),
        ("DELETE FROM events WHERE sequence = 2", (3, Fault.SEQUENCE_GAP)),
    ],
    ids=["details", "actor", "deleted"],
)
def test_a_stored_entry_changed_in_the_database_is_found(
    store_url: str, change: str, broken: tuple[int, Fault]
) -> None:
    engine = open_database(store_url)
    try:
        with SqlUnitOfWork(engine, now=TEST_NOW) as uow:
            for minute in range(3):
                uow.events.record(
                    Event(
                        TEST_NOW + datetime.timedelta(minutes=minute),
                        "head-0801-0001",
                        "station-head",
                        "ST-0801-00001",
                        EventType.STATION_OPENED,
                        Disposition.DONE,
                        {"zero_report": "ab"},
                    )
                )
            uow.commit()
        with engine.begin() as connection:
            connection.execute(text(change))
        with SqlUnitOfWork(engine, now=TEST_NOW) as uow:
            result = verify(uow.events.entries())
    finally:
        engine.dispose()
    assert result.broken is not None
    assert (result.broken.sequence, result.broken.fault) == broken


def test_a_reading_unit_of_work_holds_up_no_writer(store_url: str) -> None:
    """Issue 14: the publisher reads while the centre takes reports. On SQLite a unit of work
    takes the write lock at its first statement; one that only reads takes none, so a writer
    of the same process commits while it is open (it waited for the reader before)."""
    day = election(stations=2)
    engine = open_database(store_url)
    try:
        with SqlUnitOfWork(engine, now=TEST_NOW, reading=True) as reader:
            assert reader.elections.ids() == []
            with SqlUnitOfWork(engine, now=TEST_NOW) as writer:
                writer.elections.add(day, definition_hash(day), canonical_bytes(day))
                writer.commit()
        with SqlUnitOfWork(engine, now=TEST_NOW, reading=True) as reader:
            assert reader.elections.ids() == [day.id]
    finally:
        engine.dispose()
