"""Use cases: who wins each constituency, and the runoff a first round calls for."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from sandogh.core.candidacy.withdrawal import Withdrawal, withdrawn_in
from sandogh.core.counting.aggregate import Total
from sandogh.core.definition.model import Candidate, Constituency, Contest, Election, Name
from sandogh.core.errors import SandoghError
from sandogh.core.rules import Outcome, decide, runoff_election
from sandogh.core.rules.settled import lots_in
from sandogh.core.supervision import (
    Certification,
    Effect,
    HandCountCorrection,
    certified_over,
    constituency_voided,
    effects_in_constituency,
    voided_outcome,
)
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.services.results import tally
from sandogh.services.tallied import Tallied


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
    voided: tuple[Effect, ...] = ()  # what voids took from the constituency's boxes
    certified: Certification | None = None  # the certification in force over it
    corrected: HandCountCorrection | None = None  # the certified hand count it is decided from
    withdrawn: tuple[Withdrawal, ...] = ()  # of the candidates standing in it

    @property
    def complete(self) -> bool:
        """Every station of the constituency has reported: the outcome is the result, not the
        standings so far (which are what `outcome` holds until then)."""
        return self.total.stations_reported == self.total.stations_total

    @property
    def leading(self) -> tuple[str, ...]:
        """Until complete, the candidates the rules would elect or send to the runoff if the count
        stopped now («پیشتاز», as the site says): no one is elected before every station has
        reported (a voided station counts as reported). Once complete, none."""
        if self.complete:
            return ()
        return (*self.outcome.elected, *self.outcome.advancing)


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
) -> OutcomesView:
    """The outcome of every constituency of one contest or all, from the results so far, each
    station's held to its signed report (`services.signed_sheets`)."""
    with uow() as work:
        tallied = tally(work, election_id, signed=True)
    return OutcomesView(tallied, _decide(tallied, contest))


def _decide(tallied: Tallied, contest_id: str | None) -> tuple[ContestOutcomes, ...]:
    election = tallied.stored.election
    contests = election.contests if contest_id is None else (tallied.contest(contest_id),)
    found = []
    for contest in contests:
        standing_in = standing_by_constituency(contest)
        decided = tuple(
            decide_constituency(
                tallied, contest, constituency, standing_in.get(constituency.id, ())
            )
            for constituency in contest.constituencies
        )
        found.append(ContestOutcomes(contest, decided))
    return tuple(found)


def standing_by_constituency(contest: Contest) -> dict[str, tuple[Candidate, ...]]:
    """The candidates of `contest` grouped by the constituency they stand in."""
    standing_in: dict[str, list[Candidate]] = {}
    for candidate in contest.candidates:
        standing_in.setdefault(candidate.constituency, []).append(candidate)
    return {constituency: tuple(each) for constituency, each in standing_in.items()}


def decide_constituency(
    tallied: Tallied,
    contest: Contest,
    constituency: Constituency,
    standing: tuple[Candidate, ...],
) -> Decided:
    """One constituency under its contest's rule, from the results so far: its outcome once every
    station has reported (`Decided.complete`), before that the standings if the count stopped
    now. `standing` are the candidates standing in it (`standing_by_constituency`). The stored
    lots and withdrawals (`Tallied.lots`, `Tallied.withdrawals`) are the only ones applied, so
    every reader — the command, the console, the publisher, `verify-results`, the audit — gets the
    same outcome."""
    total = tallied.totals.constituencies[contest.id][constituency.id]
    # A voided constituency elects nobody, whatever its (voided) counts would say.
    whole = constituency_voided(tallied.voided, contest.id, constituency.id)
    outcome = (
        decide(
            contest.rule,
            constituency,
            standing,
            total.counts,
            withdrawn=withdrawn_in(tallied.withdrawals, contest.id) & {c.code for c in standing},
            lot=lots_in(tallied.lots, contest.id, constituency.id),
        )
        if whole is None
        else voided_outcome(contest.rule, constituency, whole)
    )
    return Decided(
        constituency,
        standing,
        total,
        outcome,
        effects_in_constituency(tallied.geography, tallied.voided, contest.id, constituency.id),
        next(certified_over(tallied.certifications, contest.id, constituency.id), None),
        next(
            (
                c
                for c in tallied.corrections
                if (c.contest, c.constituency) == (contest.id, constituency.id)
            ),
            None,
        ),
        tuple(
            w
            for w in tallied.withdrawals
            if w.contest == contest.id and w.candidate in {c.code for c in standing}
        ),
    )


def plan_runoff(
    uow: UnitOfWorkFactory,
    election_id: str | None,
    *,
    runoff_id: str,
    name: Name,
    date: datetime.date,
) -> Election:
    """The definition of the runoff the first round's complete results call for (not stored:
    it is written out, reviewed and loaded like any definition), from sheets held to their
    signed reports (`services.signed_sheets`)."""
    with uow() as work:
        tallied = tally(work, election_id, signed=True)
    decided = _decide(tallied, None)
    for each in decided:
        reported = sum(d.total.stations_reported for d in each.decided)
        expected = sum(d.total.stations_total for d in each.decided)
        if reported < expected:
            raise ResultsIncompleteError(each.contest.id, reported, expected)
    outcomes = {each.contest.id: [d.outcome for d in each.decided] for each in decided}
    return runoff_election(
        tallied.stored.election, outcomes, election_id=runoff_id, name=name, date=date
    )
