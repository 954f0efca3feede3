"""The ports' contract (services/ports.py), on the in-memory fake, SQLite and PostgreSQL alike."""

from __future__ import annotations

import dataclasses
import threading
import time
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sandogh.core.counting.tally import Counts, InvalidKind, TallySheet, row_of, sheet_of
from sandogh.formats.definition_file import canonical_bytes, definition_hash
from sandogh.services.ports import StoredElection

from .contract import DUPLICATE, REFUSED, NewUnitOfWork, add_election, at_once, store_election
from .elections_for_tests import election, sheet, sheets, station_code


def test_an_election_comes_back_as_added(new_unit_of_work: NewUnitOfWork) -> None:
    day = election()
    with new_unit_of_work() as uow:
        uow.elections.add(day, definition_hash(day), canonical_bytes(day))
        add_election(uow, "kerman-1403-r1")
        uow.commit()

    with new_unit_of_work() as uow:
        assert uow.elections.get("kerman-1403-r2") == StoredElection(day, definition_hash(day))
        assert uow.elections.hash_of("kerman-1403-r2") == definition_hash(day)
        assert uow.elections.ids() == ["kerman-1403-r1", "kerman-1403-r2"]
        assert uow.elections.get("tehran-1403") is None
        assert uow.elections.hash_of("tehran-1403") is None


def test_an_election_s_next_version_replaces_the_stored_one(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    store_election(new_unit_of_work)
    day = election()
    (first, *others) = day.contests
    fewer = dataclasses.replace(first, candidates=first.candidates[:-1])
    next_version = dataclasses.replace(day, contests=(fewer, *others), version=day.version + 1)
    new_hash = definition_hash(next_version)
    with new_unit_of_work() as uow:
        uow.elections.rewrite(next_version, new_hash, canonical_bytes(next_version))
        uow.commit()
    with new_unit_of_work() as uow:
        assert uow.elections.get(day.id) == StoredElection(next_version, new_hash)
        assert uow.elections.hash_of(day.id) == new_hash
        other = dataclasses.replace(next_version, id="tehran-1403")
        with pytest.raises(REFUSED):
            uow.elections.rewrite(other, new_hash, canonical_bytes(other))


def test_an_election_id_is_stored_once(new_unit_of_work: NewUnitOfWork) -> None:
    store_election(new_unit_of_work)
    with new_unit_of_work() as uow, pytest.raises(DUPLICATE):
        add_election(uow)


def test_leaving_without_commit_stores_nothing(new_unit_of_work: NewUnitOfWork) -> None:
    with new_unit_of_work() as uow:
        add_election(uow)
        uow.tallies.add_many("kerman-1403-r2", sheets(3))
        # Its own writes are visible inside the unit of work.
        assert uow.elections.ids() == ["kerman-1403-r2"]
        assert len(uow.tallies.keys("kerman-1403-r2")) == 6

    with new_unit_of_work() as uow:
        assert uow.elections.ids() == []
        assert uow.tallies.keys("kerman-1403-r2") == set()


def test_uncommitted_writes_are_not_seen_by_another_unit_of_work(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    # The reader runs on a thread of its own: on SQLite it waits until the writer has ended.
    store_election(new_unit_of_work)

    def race(start: threading.Barrier, number: int) -> set[tuple[str, str]] | None:
        if number == 1:
            start.wait()
            with new_unit_of_work() as reader:
                return reader.tallies.keys("kerman-1403-r2")
        with new_unit_of_work() as writer:
            writer.tallies.add_many("kerman-1403-r2", [sheet(1, "president")])
            start.wait()
            time.sleep(0.05)  # the reader reads now, while the sheet is written, not committed
        return None

    assert at_once(2, race)[1] == set()
    with new_unit_of_work() as writer:
        writer.tallies.add_many("kerman-1403-r2", [sheet(1, "president")])
        writer.commit()
    with new_unit_of_work() as reader:
        assert reader.tallies.keys("kerman-1403-r2") == {(station_code(1), "president")}


def test_the_rows_are_the_sheets_as_rows(new_unit_of_work: NewUnitOfWork) -> None:
    """`rows` gives `all`'s sheets, in its order, each its sheet made a row."""
    store_election(new_unit_of_work)
    with new_unit_of_work() as uow:
        uow.tallies.add_many("kerman-1403-r2", sheets(3))
        uow.commit()
    with new_unit_of_work() as uow:
        every = list(uow.tallies.all("kerman-1403-r2"))
        rows = list(uow.tallies.rows("kerman-1403-r2"))
    assert len(every) == 6
    assert rows == [row_of(s) for s in every]
    assert [sheet_of(row) for row in rows] == every


def _write_then_fail(new_unit_of_work: NewUnitOfWork) -> None:
    with new_unit_of_work() as uow:
        uow.tallies.add_many("kerman-1403-r2", sheets(3))
        raise RuntimeError("operator cancelled")


def test_an_exception_inside_rolls_everything_back(new_unit_of_work: NewUnitOfWork) -> None:
    store_election(new_unit_of_work)
    with pytest.raises(RuntimeError, match="operator cancelled"):
        _write_then_fail(new_unit_of_work)

    with new_unit_of_work() as uow:
        assert list(uow.tallies.all("kerman-1403-r2")) == []


def test_writes_after_a_commit_need_their_own_commit(new_unit_of_work: NewUnitOfWork) -> None:
    store_election(new_unit_of_work)
    with new_unit_of_work() as uow:
        uow.tallies.add_many("kerman-1403-r2", [sheet(1, "council")])
        uow.commit()
        uow.tallies.add_many("kerman-1403-r2", [sheet(2, "council")])

    with new_unit_of_work() as uow:
        assert uow.tallies.keys("kerman-1403-r2") == {(station_code(1), "council")}


def test_sheets_come_back_exactly_by_station_then_contest(new_unit_of_work: NewUnitOfWork) -> None:
    store_election(new_unit_of_work)
    written = sheets(3)
    with new_unit_of_work() as uow:
        assert uow.tallies.add_many("kerman-1403-r2", reversed(written)) == 6
        uow.commit()

    with new_unit_of_work() as uow:
        assert list(uow.tallies.all("kerman-1403-r2")) == written
        assert uow.tallies.keys("kerman-1403-r2") == {(s.station, s.contest) for s in written}
        assert list(uow.tallies.all("tehran-1403")) == []


def test_the_sheets_of_some_stations_come_back_of_the_contests_asked(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    """`of_stations` gives what `all` gives of those stations (and contests): a unit's read."""
    store_election(new_unit_of_work)
    written = sheets(3)
    with new_unit_of_work() as uow:
        uow.tallies.add_many("kerman-1403-r2", written)
        uow.commit()

    wanted = {station_code(1), station_code(3)}
    with new_unit_of_work() as uow:
        read = uow.tallies.of_stations
        assert list(read("kerman-1403-r2", wanted)) == [s for s in written if s.station in wanted]
        assert list(read("kerman-1403-r2", wanted, ["council"])) == [
            s for s in written if s.station in wanted and s.contest == "council"
        ]
        assert list(read("kerman-1403-r2", wanted, [])) == []
        assert list(read("tehran-1403", wanted, ["council"])) == []


def test_a_sheet_is_stored_once_per_station_and_contest(new_unit_of_work: NewUnitOfWork) -> None:
    store_election(new_unit_of_work)
    with new_unit_of_work() as uow:
        uow.tallies.add_many("kerman-1403-r2", [sheet(1, "president")])
        uow.commit()
    with new_unit_of_work() as uow, pytest.raises(DUPLICATE):
        uow.tallies.add_many("kerman-1403-r2", [sheet(1, "president", seed=1)])
    with new_unit_of_work() as uow, pytest.raises(DUPLICATE):
        uow.tallies.add_many("kerman-1403-r2", [sheet(2, "council"), sheet(2, "council", seed=1)])


def test_a_sheet_must_name_a_station_of_a_stored_election(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    store_election(new_unit_of_work)
    with new_unit_of_work() as uow, pytest.raises(REFUSED):
        uow.tallies.add_many("kerman-1403-r2", [sheet(4, "president")])
    with new_unit_of_work() as uow, pytest.raises(REFUSED):
        uow.tallies.add_many("tehran-1403", [sheet(1, "president")])


@pytest.mark.parametrize(
    "change",
    [{"papers_spoiled": -1}, {"void": -2}, {"invalid": {InvalidKind.BLANK: -1}}],
    ids=["spoiled", "void", "blank"],
)
def test_a_negative_figure_is_refused(
    new_unit_of_work: NewUnitOfWork, change: dict[str, Any]
) -> None:
    store_election(new_unit_of_work)
    good = sheet(1, "president")
    bad = dataclasses.replace(good, counts=dataclasses.replace(good.counts, **change))
    with new_unit_of_work() as uow, pytest.raises(REFUSED):
        uow.tallies.add_many("kerman-1403-r2", [bad])


def test_fifty_thousand_sheets_round_trip(new_unit_of_work: NewUnitOfWork) -> None:
    store_election(new_unit_of_work, stations=25_000)
    written = sheets(25_000, seed=3)
    with new_unit_of_work() as uow:
        assert uow.tallies.add_many("kerman-1403-r2", iter(written)) == 50_000
        uow.commit()

    with new_unit_of_work() as uow:
        assert list(uow.tallies.all("kerman-1403-r2")) == written


_figure = st.integers(min_value=0, max_value=2**31 - 1)
_counts = st.builds(
    Counts,
    papers_received=_figure,
    papers_used=_figure,
    papers_unused=_figure,
    papers_spoiled=_figure,
    cast=_figure,
    valid=_figure,
    invalid=st.dictionaries(st.sampled_from(InvalidKind), _figure),
    void=_figure,
    votes=st.dictionaries(st.text(min_size=1, max_size=8), st.integers(0, 10**12), max_size=12),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(counts=st.lists(_counts, min_size=1, max_size=5))
def test_any_counts_round_trip(new_unit_of_work: NewUnitOfWork, counts: list[Counts]) -> None:
    # Every example writes into a unit of work it never commits, so they share the store.
    written = [TallySheet(station_code(n + 1), "president", c) for n, c in enumerate(counts)]
    with new_unit_of_work() as uow:
        add_election(uow, stations=5)
        uow.tallies.add_many("kerman-1403-r2", written)
        assert list(uow.tallies.all("kerman-1403-r2")) == written
