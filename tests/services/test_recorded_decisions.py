"""A void or certification that no event-log entry records is refused when results are read:
the attack of a row written straight into the database, on SQLite and PostgreSQL (and the
honest case on the in-memory fake too)."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from sqlalchemy import Engine, Executable, insert, update

from sandogh.core.access import Grant, Role
from sandogh.core.supervision import Decision, StationVoid
from sandogh.services.acting import Actor
from sandogh.services.certifications import certify
from sandogh.services.ports import UnitOfWork
from sandogh.services.recorded_decisions import UnrecordedDecisionError
from sandogh.services.results import show_results
from sandogh.services.voids import void
from sandogh.store.tables import CertificationRow, VoidRow
from sandogh.store.unit_of_work import SqlUnitOfWork

from .build import LATER, ROUND_2, ROUND_2_DAY, ST_1, ST_2, ST_3, load
from .test_supervision import SUPERVISOR, _import

NewUnitOfWork = Callable[[], UnitOfWork]
NO_SEAL = Decision("no seal", "هیات ۷")
NATIONAL = Actor("tehrani", Grant(Role.SUPERVISOR, "IR"))


def _results(uow: NewUnitOfWork) -> dict[str, int]:
    (county,) = show_results(uow, ROUND_2, unit="IR-08-0801", contest="president").results
    return dict(county.total.counts.votes)


def test_a_void_and_a_certification_made_by_their_use_cases_are_believed(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    load(new_unit_of_work, ROUND_2_DAY)
    _import(new_unit_of_work, ST_1, ST_2, ST_3)
    done = void(new_unit_of_work, SUPERVISOR, ROUND_2, StationVoid(ST_3, None, NO_SEAL), now=LATER)
    certify(new_unit_of_work, NATIONAL, ROUND_2, "president", now=LATER)
    with new_unit_of_work() as work:
        (stored,) = work.voids.all(ROUND_2)
        head = work.events.head()
    assert stored.logged == done.record.logged
    assert head is not None
    assert stored.logged is not None
    assert stored.logged.sequence == head.sequence - 1  # the certification's entry came next
    assert _results(new_unit_of_work) == {"21": 5, "25": 3}


@pytest.fixture
def sql_uow(engine: Engine) -> NewUnitOfWork:
    def uow() -> UnitOfWork:
        return SqlUnitOfWork(engine, now=LATER)

    load(uow, ROUND_2_DAY)
    _import(uow, ST_1, ST_2, ST_3)
    return uow


def _void_row(**logged: object) -> dict[str, object]:
    return {
        "election_id": ROUND_2,
        "kind": "station",
        "contest": None,
        "stations": [ST_1],
        "reason": "made up",
        "reference": "none",
        "decided_by": "hoseini",
        "decided_at": LATER,
        **logged,
    }


def _execute(engine: Engine, statement: Executable) -> None:
    """The attacker's write, straight into the database."""
    with engine.begin() as connection:
        connection.execute(statement)


def test_a_void_row_inserted_by_sql_with_no_log_entry_is_refused(
    sql_uow: NewUnitOfWork, engine: Engine
) -> None:
    _execute(engine, insert(VoidRow).values(_void_row()))
    with pytest.raises(
        UnrecordedDecisionError, match=r"void \d+ is not in the event log"
    ) as raised:
        _results(sql_uow)
    assert raised.value.what == "void"
    assert raised.value.why == "it names no log entry"


def test_a_void_row_naming_another_entry_or_none_there_is_refused(
    sql_uow: NewUnitOfWork, engine: Engine
) -> None:
    with sql_uow() as work:
        head = work.events.head()
    assert head is not None  # the results imported
    _execute(engine, insert(VoidRow).values(_void_row(log_sequence=head.sequence, log_hash="0")))
    with pytest.raises(UnrecordedDecisionError, match=f"entry {head.sequence} has hash"):
        _results(sql_uow)
    _execute(engine, update(VoidRow).values(log_hash=head.hash))
    with pytest.raises(UnrecordedDecisionError, match="records results-imported"):
        _results(sql_uow)
    _execute(engine, update(VoidRow).values(log_sequence=head.sequence + 5))
    with pytest.raises(UnrecordedDecisionError, match=f"holds no entry {head.sequence + 5}"):
        _results(sql_uow)


def test_a_logged_void_rewritten_by_sql_is_refused(sql_uow: NewUnitOfWork, engine: Engine) -> None:
    void(sql_uow, SUPERVISOR, ROUND_2, StationVoid(ST_3, None, NO_SEAL), now=LATER)
    assert _results(sql_uow) == {"21": 5, "25": 3}
    _execute(engine, update(VoidRow).values(stations=[ST_1]))
    with pytest.raises(UnrecordedDecisionError, match="records stations"):
        _results(sql_uow)


def test_a_certification_row_inserted_by_sql_with_no_log_entry_is_refused(
    sql_uow: NewUnitOfWork, engine: Engine
) -> None:
    row = {
        "election_id": ROUND_2,
        "contest": "president",
        "constituency": None,
        "certified_by": "tehrani",
        "role": Role.SUPERVISOR.value,
        "place": "IR",
        "certified_at": LATER + datetime.timedelta(hours=1),
        "digest": "sha256:" + "0" * 64,
    }
    _execute(engine, insert(CertificationRow).values(row))
    with pytest.raises(UnrecordedDecisionError, match=r"certification \d+ is not in the event"):
        _results(sql_uow)
