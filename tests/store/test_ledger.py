"""The voted-ledger's contract (LedgerRepository), on the in-memory fake, SQLite and PostgreSQL.

Exactly once per voter per election day (DESIGN.md §3), decided by the store under concurrency.
"""

from __future__ import annotations

import dataclasses
import datetime
import threading

import pytest

from sandogh.core.voters.ledger_time import check_in_hour
from sandogh.services.ports import LedgerEntry

from .contract import ELECTION, REFUSED, NewUnitOfWork, at_once, store_election
from .elections_for_tests import station_code

TEHRAN = datetime.timezone(datetime.timedelta(hours=3, minutes=30))
OPENING = datetime.datetime(2024, 7, 5, 8, 0, tzinfo=TEHRAN)
VOTER = "5f" * 32  # a voter key is a hex HMAC-SHA-256 (core.voters.ledger_key)


def check_in(
    station: int, voter: str = VOTER, *, minutes: int = 0, provisional: bool = False
) -> LedgerEntry:
    return LedgerEntry(
        ELECTION,
        voter,
        station_code(station),
        OPENING + datetime.timedelta(minutes=minutes, microseconds=station),
        {"president": "IR", "council": "IR-08-0801"},
        provisional,
    )


def kept(entry: LedgerEntry) -> LedgerEntry:
    """What the ledger keeps of a check-in: its hour of Tehran's clock, never the moment."""
    return dataclasses.replace(entry, at=check_in_hour(entry.at))


def test_a_check_in_comes_back_as_added(new_unit_of_work: NewUnitOfWork) -> None:
    store_election(new_unit_of_work)
    first, second = check_in(1), check_in(2, "a0" * 32, minutes=7, provisional=True)
    with new_unit_of_work() as uow:
        assert uow.ledger.add(first)
        assert uow.ledger.add(second)
        assert uow.ledger.find(ELECTION, VOTER) == kept(first)  # its own write, before the commit
        uow.commit()

    with new_unit_of_work() as uow:
        assert uow.ledger.find(ELECTION, VOTER) == kept(first)
        assert uow.ledger.find(ELECTION, "a0" * 32) == kept(
            second
        )  # the same instant, the same key
        assert uow.ledger.find(ELECTION, "00" * 32) is None
        assert uow.ledger.find("tehran-1403", VOTER) is None


def test_a_voter_is_found_held_with_whether_the_election_is_stored(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    store_election(new_unit_of_work)
    with new_unit_of_work() as uow:
        assert uow.ledger.find_held(ELECTION, VOTER) == (True, None)  # stored, voter not in it
        assert uow.ledger.add(check_in(1))
        uow.commit()
    with new_unit_of_work() as uow:
        assert uow.ledger.find_held(ELECTION, VOTER) == (True, kept(check_in(1)))
        assert uow.ledger.find_held(ELECTION, "00" * 32) == (True, None)
        assert uow.ledger.find_held("majlis-1398", VOTER) == (False, None)  # not stored here


def test_a_voter_checks_in_once(new_unit_of_work: NewUnitOfWork) -> None:
    store_election(new_unit_of_work)
    with new_unit_of_work() as uow:
        assert uow.ledger.add(check_in(1))
        assert not uow.ledger.add(check_in(1))
        assert not uow.ledger.add(check_in(2, minutes=5))
        uow.commit()
    with new_unit_of_work() as uow:
        assert not uow.ledger.add(check_in(3, minutes=9, provisional=True))
        assert uow.ledger.find(ELECTION, VOTER) == kept(check_in(1))  # the first check-in stands
        assert uow.ledger.count(ELECTION) == 1


def test_many_check_ins_in_one_statement_name_those_let_in(new_unit_of_work: NewUnitOfWork) -> None:
    """A group of check-ins writes its rows at once (`services.check_in_batches`): the key lets
    in each voter not yet recorded, in this election only, and names them."""
    store_election(new_unit_of_work)
    store_election(new_unit_of_work, "kerman-1403-r1")
    other, third = "6e" * 32, "7d" * 32
    with new_unit_of_work() as uow:
        assert uow.ledger.add(check_in(1))
        uow.commit()
    round_one = LedgerEntry("kerman-1403-r1", VOTER, station_code(2), OPENING, {})
    with new_unit_of_work() as uow:
        assert uow.ledger.add_many([]) == set()
        written = uow.ledger.add_many([check_in(2), check_in(1, other), round_one])
        assert written == {(ELECTION, other), ("kerman-1403-r1", VOTER)}
        assert uow.ledger.add_many([check_in(3, other), check_in(3, third)]) == {(ELECTION, third)}
        uow.commit()
    with new_unit_of_work() as uow:
        assert uow.ledger.find(ELECTION, VOTER) == kept(check_in(1))  # the first stands
        assert uow.ledger.find(ELECTION, other) == kept(check_in(1, other))
        assert uow.ledger.counts_by_station(ELECTION) == {station_code(1): 2, station_code(3): 1}


def test_each_election_day_has_its_own_ledger(new_unit_of_work: NewUnitOfWork) -> None:
    store_election(new_unit_of_work)
    store_election(new_unit_of_work, "kerman-1403-r1")
    with new_unit_of_work() as uow:
        assert uow.ledger.add(check_in(1))
        round_one = LedgerEntry("kerman-1403-r1", VOTER, station_code(2), OPENING, {})
        assert uow.ledger.add(round_one)
        uow.commit()
    with new_unit_of_work() as uow:
        assert uow.ledger.find("kerman-1403-r1", VOTER) == kept(round_one)
        assert (uow.ledger.count(ELECTION), uow.ledger.count("kerman-1403-r1")) == (1, 1)


def test_check_ins_are_counted_by_station(new_unit_of_work: NewUnitOfWork) -> None:
    store_election(new_unit_of_work)
    with new_unit_of_work() as uow:
        for number in range(7):
            assert uow.ledger.add(check_in(1 + number % 2, f"{number:064x}"))
        uow.commit()
    with new_unit_of_work() as uow:
        assert uow.ledger.count(ELECTION) == 7
        assert uow.ledger.count(ELECTION, station_code(1)) == 4
        assert uow.ledger.count(ELECTION, station_code(2)) == 3
        assert uow.ledger.count(ELECTION, station_code(3)) == 0
        assert uow.ledger.count("tehran-1403") == 0


def test_a_check_in_must_name_a_station_of_a_stored_election(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    store_election(new_unit_of_work)
    with new_unit_of_work() as uow, pytest.raises(REFUSED):
        uow.ledger.add(check_in(4))
    stray = LedgerEntry("tehran-1403", VOTER, station_code(1), OPENING, {})
    with new_unit_of_work() as uow, pytest.raises(REFUSED):
        uow.ledger.add(stray)


def _check_in_then_fail(new_unit_of_work: NewUnitOfWork) -> None:
    with new_unit_of_work() as uow:
        assert uow.ledger.add(check_in(1))
        raise RuntimeError("card printer jammed")


def test_a_check_in_rolled_back_leaves_the_voter_free(new_unit_of_work: NewUnitOfWork) -> None:
    store_election(new_unit_of_work)
    with pytest.raises(RuntimeError, match="card printer jammed"):
        _check_in_then_fail(new_unit_of_work)
    with new_unit_of_work() as uow:
        assert uow.ledger.add(check_in(2))  # left without commit
    with new_unit_of_work() as uow:
        assert uow.ledger.find(ELECTION, VOTER) is None
        assert uow.ledger.add(check_in(3))
        uow.commit()
    with new_unit_of_work() as uow:
        assert uow.ledger.find(ELECTION, VOTER) == kept(check_in(3))


def test_two_hundred_stations_check_in_one_voter_at_once(new_unit_of_work: NewUnitOfWork) -> None:
    stations = 200
    store_election(new_unit_of_work, stations=stations)

    def attempt(start: threading.Barrier, number: int) -> bool:
        with new_unit_of_work() as uow:
            start.wait()
            added = uow.ledger.add(check_in(number + 1))
            uow.commit()
        return added

    results = at_once(stations, attempt)
    assert results.count(True) == 1
    winner = results.index(True) + 1
    with new_unit_of_work() as uow:
        assert uow.ledger.find(ELECTION, VOTER) == kept(check_in(winner))
        assert uow.ledger.count(ELECTION) == 1


def test_check_ins_are_kept_and_counted_by_whole_hours_of_tehran(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    """F13 of session 21: UTC hours straddle Tehran's (05:00 to 05:59 UTC is 08:30 to 09:29 in
    Tehran), so a check-in at 09:10 in Tehran was counted under 08:00. The store keeps Tehran's
    hour, so 08:40 lands in 08:00 and 09:10 in 09:00, and nothing finer is kept."""
    store_election(new_unit_of_work)
    # minutes after 08:00 in Tehran: 08:00, 08:29, 08:40, 09:10, 09:59
    entries = [(1, 0), (1, 29), (2, 40), (2, 70), (3, 119)]
    with new_unit_of_work() as uow:
        for i, (station, minutes) in enumerate(entries):
            assert uow.ledger.add(check_in(station, f"{i:064x}", minutes=minutes))
        uow.commit()
    utc = datetime.UTC
    eight, nine = OPENING, OPENING + datetime.timedelta(hours=1)
    with new_unit_of_work() as uow:
        kept_at = [uow.ledger.find(ELECTION, f"{i:064x}") for i in range(len(entries))]
        assert [entry and entry.at for entry in kept_at] == [eight, eight, eight, nine, nine]
        assert dict(uow.ledger.counts_by_station(ELECTION)) == {
            station_code(1): 2,
            station_code(2): 2,
            station_code(3): 1,
        }
        assert dict(uow.ledger.counts_by_station(ELECTION, [station_code(2)])) == {
            station_code(2): 2
        }
        # Tehran's whole hours, each keyed by its start in UTC (08:00 is 04:30 UTC)
        tehran = uow.ledger.counts_by_hour(ELECTION, offset=datetime.timedelta(hours=3.5))
        assert dict(tehran) == {eight: 3, nine: 2}
        by_hour = uow.ledger.counts_by_hour(
            ELECTION, {station_code(1), station_code(3)}, datetime.timedelta(hours=3.5)
        )
        assert dict(by_hour) == {eight: 2, nine: 1}
        # read by UTC's hours, each of Tehran's lands whole in the one that holds its start
        assert dict(uow.ledger.counts_by_hour(ELECTION)) == {
            datetime.datetime(2024, 7, 5, 4, tzinfo=utc): 3,
            datetime.datetime(2024, 7, 5, 5, tzinfo=utc): 2,
        }
        assert uow.ledger.counts_by_hour("tehran-1403") == {}
        assert uow.ledger.counts_by_station(ELECTION, []) == {}
