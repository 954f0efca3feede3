"""Use cases: who wins each constituency, and the runoff a first round calls for."""

from __future__ import annotations

import datetime
from collections.abc import Collection
from dataclasses import dataclass

from sandogh.core.counting.aggregate import Total
from sandogh.core.definition.model import Candidate, Constituency, Contest, Election, Name
from sandogh.core.errors import SandoghError
from sandogh.core.rules import Lot, Outcome, decide, runoff_election
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.services.results import Tallied, tally


class ResultsIncompleteError(SandoghError):
    def __init__(self, contest: str, reported: int, total: int) -> None:
        super().__init__(
            f"contest '{contest}': only {reported} of {total} stations have reported; "
            "a runoff is planned from complete results"
        )


@dataclass(frozen=True)
class Decided:
    constituency: Constituency
    standing: tuple[Candidate, ...]
    total: Total
    outcome: Outcome


@dataclass(frozen=True)
class ContestOutcomes:
    contest: Contest
    decided: tuple[Decided, ...]


@dataclass(frozen=True)
class OutcomesView:
    tallied: Tallied
    contests: tuple[ContestOutcomes, ...]


def decide_contests(
    uow: UnitOfWorkFactory,
    election_id: str | None,
    *,
    contest: str | None = None,
    lot: Lot | None = None,
    withdrawn: Collection[str] = frozenset(),
) -> OutcomesView:
    """The outcome of every constituency of one contest or all, from the results so far."""
    with uow() as work:
        tallied = tally(work, election_id)
    return OutcomesView(tallied, _decide(tallied, contest, lot, withdrawn))


def _decide(
    tallied: Tallied, contest_id: str | None, lot: Lot | None, withdrawn: Collection[str]
) -> tuple[ContestOutcomes, ...]:
    election = tallied.stored.election
    contests = election.contests if contest_id is None else (tallied.contest(contest_id),)
    found = []
    for contest in contests:
        decided = []
        standing_in: dict[str, list[Candidate]] = {}
        for candidate in contest.candidates:
            standing_in.setdefault(candidate.constituency, []).append(candidate)
        for constituency in contest.constituencies:
            total = tallied.totals.constituencies[contest.id][constituency.id]
            standing = standing_in.get(constituency.id, [])
            outcome = decide(
                contest.rule, constituency, standing, total.counts, withdrawn=withdrawn, lot=lot
            )
            decided.append(Decided(constituency, tuple(standing), total, outcome))
        found.append(ContestOutcomes(contest, tuple(decided)))
    return tuple(found)


def plan_runoff(
    uow: UnitOfWorkFactory,
    election_id: str | None,
    *,
    runoff_id: str,
    name: Name,
    date: datetime.date,
    lot: Lot | None = None,
    withdrawn: Collection[str] = frozenset(),
) -> Election:
    """The definition of the runoff the first round's complete results call for (not stored:
    it is written out, reviewed and loaded like any definition)."""
    with uow() as work:
        tallied = tally(work, election_id)
    decided = _decide(tallied, None, lot, withdrawn)
    for each in decided:
        reported = sum(d.total.stations_reported for d in each.decided)
        expected = sum(d.total.stations_total for d in each.decided)
        if reported < expected:
            raise ResultsIncompleteError(each.contest.id, reported, expected)
    outcomes = {each.contest.id: [d.outcome for d in each.decided] for each in decided}
    return runoff_election(
        tallied.stored.election, outcomes, election_id=runoff_id, name=name, date=date
    )
