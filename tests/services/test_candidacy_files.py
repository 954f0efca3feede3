"""A candidacy step is believed only with the log entry that recorded it: the attack of a board's
decision changed in the database, or a decision written there by hand, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import Engine, delete, insert, update

from sandogh.core.candidacy.process import Board, Outcome
from sandogh.services.candidacy import candidacy_of, publish_list
from sandogh.services.candidacy_files import UnrecordedStepError
from sandogh.services.candidacy_ports import StoredStep
from sandogh.services.ports import UnitOfWork
from sandogh.store.tables import CandidacyStepRow
from sandogh.store.unit_of_work import SqlUnitOfWork

from . import candidacy_build as cb
from .build import LATER

NewUnitOfWork = Callable[[], UnitOfWork]


@pytest.fixture
def rejected(engine: Engine) -> NewUnitOfWork:
    """Applicant 1 qualified by the executive board, not established by the supervisory."""

    def uow() -> UnitOfWork:
        return SqlUnitOfWork(engine, now=LATER)

    cb.stored(uow)
    applicant = cb.registered(uow, 1)
    cb.answered(uow, applicant)
    cb.decided(uow, applicant, Board.EXECUTIVE, Outcome.QUALIFIED)
    cb.decided(uow, applicant, Board.SUPERVISORY, Outcome.NOT_ESTABLISHED)
    return uow


def _last(uow: NewUnitOfWork) -> StoredStep:
    with uow() as work:
        step = work.candidacy.steps(cb.ELECTION)[-1]
    assert step.kind == "decision"
    return step


def test_a_rejection_turned_into_a_qualification_in_the_database_is_refused(
    rejected: NewUnitOfWork, engine: Engine
) -> None:
    step = _last(rejected)
    forged = {**step.data, "outcome": "qualified"}
    with engine.begin() as connection:
        connection.execute(
            update(CandidacyStepRow)
            .where(
                CandidacyStepRow.election_id == cb.ELECTION, CandidacyStepRow.number == step.number
            )
            .values(data=forged)
        )
    with pytest.raises(UnrecordedStepError, match="records outcome 'not-established'"):
        candidacy_of(rejected, cb.ELECTION)
    with pytest.raises(UnrecordedStepError):
        publish_list(rejected, cb.MINISTRY, cb.ELECTION, "parliament", now=cb.FINAL_LIST)


def test_a_decision_written_by_hand_names_no_entry_that_records_it(
    rejected: NewUnitOfWork, engine: Engine
) -> None:
    step = _last(rejected)
    forged = {**step.data, "outcome": "qualified", "on_objection": True}
    with engine.begin() as connection:
        connection.execute(
            insert(CandidacyStepRow),
            {
                "election_id": cb.ELECTION,
                "number": step.number + 1,
                "kind": "decision",
                "data": forged,
                "at": step.at,
                "by": "board",
                "answer_id": None,
                "log_sequence": step.logged.sequence,
                "log_hash": step.logged.hash,
            },
        )
    with pytest.raises(UnrecordedStepError, match=f"step {step.number + 1}"):
        candidacy_of(rejected, cb.ELECTION)


def test_a_decision_deleted_from_the_database_is_refused_naming_its_entry(
    rejected: NewUnitOfWork, engine: Engine
) -> None:
    """The outsider's N1 of session 25: the supervisory board's decision deleted by hand read as
    the executive board's qualification, and a withdrawal's as no withdrawal."""
    step = _last(rejected)
    with engine.begin() as connection:
        connection.execute(
            delete(CandidacyStepRow).where(
                CandidacyStepRow.election_id == cb.ELECTION, CandidacyStepRow.number == step.number
            )
        )
    with pytest.raises(UnrecordedStepError) as refused:
        candidacy_of(rejected, cb.ELECTION)
    assert refused.value.number is None
    assert refused.value.entry == step.logged.sequence
    assert f"entry {step.logged.sequence} records" in refused.value.why
    assert "بیرون از سامانه پاک شده است" in refused.value.fa
    with pytest.raises(UnrecordedStepError):
        publish_list(rejected, cb.MINISTRY, cb.ELECTION, "parliament", now=cb.FINAL_LIST)
