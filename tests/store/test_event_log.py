"""The event log's contract (EventLog), on the in-memory fake, SQLite and PostgreSQL: entries
chained by core.log, read back as written, never forked by concurrent writers."""

from __future__ import annotations

import contextlib
import datetime
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event as sql_event

from sandogh.core.log import Disposition, Entry, Event, EventType, JSONValue, entry_record, verify
from sandogh.store.engine import make_engine
from sandogh.store.schema import init_database
from sandogh.store.unit_of_work import SqlUnitOfWork

from .contract import NewUnitOfWork, at_once

TEHRAN = datetime.timezone(datetime.timedelta(hours=3, minutes=30))
OPENING = datetime.datetime(2024, 7, 5, 8, 0, tzinfo=TEHRAN)


def event(number: int) -> Event:
    return Event(
        OPENING + datetime.timedelta(seconds=number, microseconds=number),
        f"head-0801-{number:04d}",
        "station-head",
        f"ST-0801-{number:05d}",
        EventType.STATION_OPENED,
        Disposition.DONE,
        {"zero_report": "ab", "number": number, "staff": ["زهرا", "علی"], "sealed": True},
    )


def records(entries: list[Entry]) -> list[object]:
    # Compared as their JSON records: a read-back entry holds its details' lists as lists.
    return [entry_record(entry) for entry in entries]


def test_entries_come_back_chained_as_recorded(new_unit_of_work: NewUnitOfWork) -> None:
    with new_unit_of_work() as uow:
        first = uow.events.record(event(1))
        second = uow.events.record(event(2))
        assert records(list(uow.events.entries())) == records([first, second])
        uow.commit()
    with new_unit_of_work() as uow:
        third = uow.events.record(event(3))
        uow.commit()

    assert [entry.sequence for entry in (first, second, third)] == [1, 2, 3]
    assert second.previous_hash == first.hash
    assert third.previous_hash == second.hash
    with new_unit_of_work() as uow:
        stored = list(uow.events.entries())
    assert records(stored) == records([first, second, third])
    assert verify(stored).ok
    assert verify(stored).checked == 3


def test_a_follower_reads_only_the_entries_after_the_last_it_saw(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    with new_unit_of_work() as uow:
        written = [uow.events.record(event(n)) for n in (1, 2, 3)]
        uow.commit()
    with new_unit_of_work() as uow:
        assert records(list(uow.events.entries(after=1))) == records(written[1:])
        assert list(uow.events.entries(after=3)) == []
        # a follower that has read the entries can still write in the same unit of work
        uow.events.record(event(4))
        uow.commit()


def test_an_empty_log_has_no_entries(new_unit_of_work: NewUnitOfWork) -> None:
    with new_unit_of_work() as uow:
        assert list(uow.events.entries()) == []


def _record_then_fail(new_unit_of_work: NewUnitOfWork) -> None:
    with new_unit_of_work() as uow:
        uow.events.record(event(2))
        raise RuntimeError("power cut")


def test_entries_rolled_back_are_not_kept(new_unit_of_work: NewUnitOfWork) -> None:
    with new_unit_of_work() as uow:
        kept = uow.events.record(event(1))
        uow.commit()
    with pytest.raises(RuntimeError, match="power cut"):
        _record_then_fail(new_unit_of_work)
    with new_unit_of_work() as uow:
        uow.events.record(event(3))  # left without commit
    with new_unit_of_work() as uow:
        after = uow.events.record(event(4))
        uow.commit()

    assert (after.sequence, after.previous_hash) == (2, kept.hash)
    with new_unit_of_work() as uow:
        assert records(list(uow.events.entries())) == records([kept, after])


def test_fifty_writers_at_once_make_one_chain(new_unit_of_work: NewUnitOfWork) -> None:
    writers = 50

    def write(start: threading.Barrier, number: int) -> Entry:
        with new_unit_of_work() as uow:
            start.wait()
            entry = uow.events.record(event(number))
            uow.commit()
        return entry

    written = at_once(writers, write)
    with new_unit_of_work() as uow:
        stored = list(uow.events.entries())
    result = verify(stored)
    assert result.ok, result.broken
    assert result.checked == writers
    assert sorted(records(written), key=lambda r: r["sequence"]) == records(stored)  # type: ignore[index]


# PostgreSQL text cannot hold U+0000, nor can UTF-8 hold a lone surrogate (Event refuses those).
_text = st.text(
    st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), max_size=12
)
_json: st.SearchStrategy[JSONValue] = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53) + 1, 2**53 - 1) | _text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_text, inner, max_size=4),
    max_leaves=12,
)
_events = st.builds(
    Event,
    time=st.datetimes(
        min_value=datetime.datetime(2000, 1, 1),  # noqa: DTZ001 -- hypothesis adds the zones
        max_value=datetime.datetime(2100, 1, 1),  # noqa: DTZ001 -- hypothesis adds the zones
        timezones=st.sampled_from([datetime.UTC, TEHRAN]),
    ),
    actor=_text,
    role=_text,
    place=_text,
    type=st.sampled_from(EventType),
    disposition=st.sampled_from(Disposition),
    details=st.dictionaries(_text, _json, max_size=5),
)


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(events=st.lists(_events, min_size=1, max_size=4))
def test_any_events_read_back_and_verify(
    new_unit_of_work: NewUnitOfWork, events: list[Event]
) -> None:
    # Every example records into a unit of work it never commits, so they share the store.
    with new_unit_of_work() as uow:
        written = [uow.events.record(each) for each in events]
        stored = list(uow.events.entries())
    assert records(stored) == records(written)
    assert verify(stored).ok


def test_the_head_and_entries_by_sequence(new_unit_of_work: NewUnitOfWork) -> None:
    with new_unit_of_work() as uow:
        assert uow.events.head() is None
        assert uow.events.at([1]) == {}
        written = [uow.events.record(event(n)) for n in (1, 2, 3)]
        uow.commit()
    with new_unit_of_work() as uow:
        head = uow.events.head()
        found = uow.events.at([3, 1, 9])
    assert head is not None
    assert records([head]) == records(written[-1:])
    assert sorted(found) == [1, 3]
    assert records([found[1], found[3]]) == records([written[0], written[2]])


def test_the_entries_of_a_type_are_read_for_an_election_and_at_places(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    # a station's enrolment reads the approvals recorded where its constituencies lie, not the
    # election's every approval (a national election has ~13,500)
    def of_election(number: int, election: str) -> Event:
        made = event(number)
        return Event(
            made.time,
            made.actor,
            made.role,
            made.place,
            made.type,
            made.disposition,
            {**made.details, "election": election},
        )

    with new_unit_of_work() as uow:
        kept = [uow.events.record(of_election(n, "e-1")) for n in (1, 2, 3)]
        uow.events.record(of_election(4, "e-2"))
        opened = [EventType.STATION_OPENED]
        assert records(uow.events.of_types(opened, "e-1")) == records(kept)
        at = {"ST-0801-00002", "ST-0801-00004"}
        assert records(uow.events.of_types(opened, "e-1", at)) == records(kept[1:2])
        assert uow.events.of_types([EventType.STATION_CLOSED], "e-1", at) == []
        # at several places, in the log's order still
        both = {"ST-0801-00003", "ST-0801-00001"}
        assert records(uow.events.of_types(opened, "e-1", both)) == records(kept[::2])
        # the entries whose details hold one of the values under a key, asked of the store
        # (the approvals of a station's constituencies among those recorded at the country)
        held = uow.events.of_types(opened, "e-1", holding=("zero_report", {"ab", "cd"}))
        assert records(held) == records(kept)
        assert uow.events.of_types(opened, "e-1", holding=("zero_report", {"a", "abc"})) == []
        assert uow.events.of_types(opened, "e-1", at, holding=("zero_report", set())) == []
        # a value that is not text is not one of the texts asked
        assert uow.events.of_types(opened, "e-1", holding=("number", {"1", "2"})) == []


def test_the_entries_at_places_are_read_by_type_and_place_on_sqlite(tmp_path: Path) -> None:
    # ordered by sequence in SQL, SQLite read a type's every entry by (type, sequence) for a
    # station's one: a final report's intake nationally 21 ms of its 43 (`refuse_unstored`)
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    init_database(url)
    engine = make_engine(url)
    asked: list[tuple[str, Any]] = []

    def keep(*cursor_execute: Any) -> None:  # the connection, the cursor, the statement, …
        statement, parameters = cursor_execute[2:4]
        if "FROM events" in statement and "place IN" in statement:
            asked.append((statement, parameters))

    sql_event.listen(engine, "before_cursor_execute", keep)
    try:
        with SqlUnitOfWork(engine, now=OPENING) as uow:
            uow.events.record(event(1))
            uow.events.of_types([EventType.STATION_OPENED], "e-1", ["ST-0801-00001"])
            uow.commit()
    finally:
        engine.dispose()
    (statement, parameters), *_ = asked
    with contextlib.closing(sqlite3.connect(tmp_path / "store.sqlite")) as plain:
        plan = plain.execute("EXPLAIN QUERY PLAN " + statement, parameters).fetchall()
    assert "ix_events_type_place" in " ".join(str(row) for row in plan)


def test_the_newest_entry_of_some_types_is_found_from_the_log_s_end(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    """`last_of_types` (the roots the log last recorded, `services.running_trees`): the newest
    entry of the types naming the election, past the later entries of another election (more
    than a look-up reads at a time) and of other types."""

    def of(number: int, kind: EventType, election: str) -> Event:
        made = event(number)
        details = {**made.details, "election": election}
        return Event(made.time, made.actor, made.role, made.place, kind, made.disposition, details)

    closed, opened = EventType.STATION_CLOSED, EventType.STATION_OPENED
    with new_unit_of_work() as uow:
        assert uow.events.last_of_types([closed, opened], "e-1") is None
        uow.events.record(of(1, opened, "e-1"))
        newest = uow.events.record(of(2, closed, "e-1"))
        for n in range(3, 43):  # another election's, then another type's
            uow.events.record(of(n, closed, "e-2"))
        uow.events.record(of(43, EventType.STATION_COUNTED, "e-1"))
        uow.events.take_head()  # held already: taken again, nothing changes
        found = uow.events.last_of_types([closed, opened], "e-1")
        assert found is not None
        assert entry_record(found) == entry_record(newest)
        assert uow.events.last_of_types([opened], "e-2") is None
        uow.commit()
