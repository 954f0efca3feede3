"""The running totals' store: deltas that race each other all count, and a total changed by raw
SQL is found by the check (issue 14); on the in-memory fake, SQLite and PostgreSQL."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import text

from sandogh.core.counting.running import Difference, Place, Running, Scope, difference, spread
from sandogh.core.counting.tally import Counts, InvalidKind
from sandogh.services.days import day_of
from sandogh.services.totals import check_totals, count_sheets
from sandogh.store.engine import make_engine
from sandogh.store.unit_of_work import SqlUnitOfWork
from tests.conftest import TEST_NOW

from .contract import ELECTION, NewUnitOfWork, add_election, at_once, store_election
from .elections_for_tests import sheets

COUNTY = Place("president", Scope.UNIT, "IR-08-0801")
RACERS = 8


def _one_more(number: int) -> Running:
    return Running(
        Counts(cast=number, valid=number, invalid={InvalidKind.BLANK: 0}, votes={"21": number}), 1
    )


def test_deltas_added_at_once_into_one_county_all_count(new_unit_of_work: NewUnitOfWork) -> None:
    store_election(new_unit_of_work)

    def add(start: threading.Barrier, i: int) -> None:
        start.wait()
        with new_unit_of_work() as work:
            work.totals.add(ELECTION, {COUNTY: _one_more(i + 1)})
            work.commit()

    at_once(RACERS, add)
    with new_unit_of_work() as work:
        (kept,) = work.totals.read(ELECTION, Scope.UNIT, [COUNTY.code]).values()
    every = sum(range(1, RACERS + 1))
    assert kept.reported == RACERS
    assert (kept.counts.cast, kept.counts.votes) == (every, {"21": every})
    assert kept.counts.invalid == {InvalidKind.BLANK: 0}  # named, at 0; the others unnamed


def test_a_delta_below_zero_takes_away(new_unit_of_work: NewUnitOfWork) -> None:
    store_election(new_unit_of_work)
    made = sheets(1)[0]
    with new_unit_of_work() as work:
        day = day_of(work, ELECTION)
        work.totals.add(ELECTION, spread(day.geography, [(made, difference(None, made.counts))]))
        work.totals.add(ELECTION, spread(day.geography, [(made, difference(made.counts, None))]))
        (kept,) = work.totals.read(ELECTION, Scope.UNIT, [COUNTY.code]).values()
    assert kept.reported == 0
    assert kept.counts.cast == 0
    assert set(kept.counts.votes.values()) == {0}


@pytest.mark.parametrize(
    "store_url", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)
def test_a_total_changed_by_raw_sql_is_found_by_the_check(store_url: str) -> None:
    engine = make_engine(store_url)
    try:

        def uow() -> SqlUnitOfWork:
            return SqlUnitOfWork(engine, now=TEST_NOW)

        with uow() as work:
            add_election(work)
            day = day_of(work, ELECTION)
            made = sheets(3)
            count_sheets(work, day, made)
            work.tallies.add_many(ELECTION, made)
            work.commit()
        assert check_totals(uow, ELECTION).differences == ()
        with engine.begin() as connection:  # the attack: one candidate's votes in the county
            connection.execute(
                text(
                    "UPDATE results_total_votes SET votes = votes + 7 WHERE code = :code "
                    "AND contest = 'president' AND candidate = '21' AND scope = 'unit'"
                ),
                {"code": COUNTY.code},
            )
            connection.execute(text("DELETE FROM results_totals WHERE scope = 'constituency'"))
        found = check_totals(uow, ELECTION).differences
    finally:
        engine.dispose()
    votes = sum(s.counts.votes["21"] for s in made if s.contest == "president")
    assert Difference(COUNTY, "votes.21", votes, votes + 7) in found
    assert {d.place.scope for d in found} == {Scope.UNIT, Scope.CONSTITUENCY}
    assert {d.place for d in found if d.place.scope is Scope.UNIT} == {COUNTY}
