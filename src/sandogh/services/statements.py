"""Use case: hold the figures a report printed against the stored results and each other."""

from __future__ import annotations

from dataclasses import dataclass

from sandogh.core.counting.statement import Statement, StatementCheck, check_statement
from sandogh.core.counting.turnout import Turnout
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.services.errors import UnknownUnitError
from sandogh.services.ports import UnitOfWork
from sandogh.services.results import tally
from sandogh.services.tallied import Tallied


@dataclass(frozen=True)
class StatementReport:
    tallied: Tallied
    statement: Statement
    source: str
    checks: tuple[StatementCheck, ...]


def check_published(
    uow: UnitOfWorkFactory,
    election_id: str,
    statement: Statement,
    *,
    source: str,
    previous_election: str | None = None,
) -> StatementReport:
    """Check every printed figure; the previous round is the named election, else the one the
    contest's definition links to, when it is stored."""
    with uow() as work:
        tallied = tally(work, election_id)
        contest = tallied.contest(statement.contest)
        unit = tallied.unit(statement.unit)
        total = tallied.total(contest.id, unit.code)
        if total is None:
            raise UnknownUnitError(election_id, f"{unit.code} (no station of {contest.id})")
        constituency = tallied.geography.constituency_of(contest.id, unit.code)
        seats = max(
            (k.seats for k in contest.constituencies if constituency in (None, k.id)), default=1
        )
        link = previous_election or (
            None if contest.previous_round is None else contest.previous_round.election
        )
        previous_contest = (
            contest.id if contest.previous_round is None else contest.previous_round.contest
        )
        previous = _previous_turnout(work, link, previous_contest, unit.code)
        checks = check_statement(
            statement,
            total.counts,
            eligible=tallied.eligible[unit.code],
            seats=seats,
            previous=previous,
        )
    return StatementReport(tallied, statement, source, checks)


def _previous_turnout(
    work: UnitOfWork, election_id: str | None, contest: str, code: str
) -> Turnout | None:
    if election_id is None or work.elections.hash_of(election_id) is None:
        return None
    before = tally(work, election_id)
    if code not in before.geography:
        return None
    return before.turnout(contest, code)
