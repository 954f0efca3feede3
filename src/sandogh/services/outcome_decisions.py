"""Use cases of the decisions outcomes are computed from besides the counts: lots (قرعه) and
withdrawals (انصراف) (issue 12, sections 1 and 2).

A lot is drawn for the tie that a constituency's complete results leave (`core.rules.settled`),
once: a second lot for the same tie is refused. A withdrawal is recorded once per candidate, before
or after printing (`core.candidacy.withdrawal`); before printing it also takes the candidate off
the contest in the stored definition, a new version and hash (`services.definition_versions`,
refused once the definition is loaded into a box); none is recorded once polling of the contest has
begun (`services.withdrawal_deadline`). Each is logged in the hash-chained event log and
stored naming its entry; readers (`services.recorded_decisions`, and through
`services.results.tally` every outcome, certification and publication) refuse a stored decision
the log does not record, as for voids.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from sandogh.core.access import Action
from sandogh.core.candidacy.withdrawal import Printing, Withdrawal, withdrawal_json, without
from sandogh.core.errors import SandoghError
from sandogh.core.log import EventType
from sandogh.core.rules.lot_commitment import (
    LotCommitment,
    Revealed,
    commitment_of,
    covering,
    tie_seed,
)
from sandogh.core.rules.settled import SettledLot, settled_json
from sandogh.core.supervision import certified_over, scope_units
from sandogh.services.acting import Actor, common_place, guarded, require
from sandogh.services.candidacy_files import allowed, require_operators
from sandogh.services.competence import require_body
from sandogh.services.definition_versions import Canonical, rewrite
from sandogh.services.elections import UnitOfWorkFactory, resolve_election_id
from sandogh.services.lot_commitments import LotRefusalError, commitments, constituency_in
from sandogh.services.outcomes import decide_constituency, standing_by_constituency
from sandogh.services.ports import UnitOfWork
from sandogh.services.recorded_decisions import record_decision, recorded_lots
from sandogh.services.results import tally
from sandogh.services.tallied import Tallied
from sandogh.services.unrecorded import LOT, WITHDRAWAL
from sandogh.services.withdrawal_deadline import require_before_polling


class NoTieError(SandoghError):
    def __init__(self, contest: str, constituency: str) -> None:
        super().__init__(f"no tie waits for a lot in {contest}/{constituency}")


class LotAlreadyDrawnError(SandoghError):
    def __init__(self, drawn: SettledLot) -> None:
        self.drawn = drawn
        super().__init__(
            f"the tie of {', '.join(drawn.tied)} ({drawn.stake.value}) in "
            f"{drawn.contest}/{drawn.constituency} was settled by the lot {drawn.by} recorded at "
            f"{drawn.at.isoformat()} (seed {drawn.seed!r}); a tie is drawn once"
        )


class LotTooEarlyError(SandoghError):
    def __init__(self, contest: str, constituency: str, reported: int, total: int) -> None:
        super().__init__(
            f"{contest}/{constituency}: only {reported} of {total} stations have reported; "
            "a lot is drawn on the complete results"
        )


class NoCommitmentError(LotRefusalError):
    def __init__(self, contest: str) -> None:
        self.contest = contest
        super().__init__("no_commitment", contest=contest)


class DrawerMissingError(LotRefusalError):
    """A lot with nobody named as having drawn it (review S19, F14: stored and published so)."""

    def __init__(self) -> None:
        super().__init__("drawer_missing")


class SecretMismatchError(LotRefusalError):
    def __init__(self, contest: str, made: LotCommitment) -> None:
        self.contest, self.made = contest, made
        values = {"contest": contest, "commitment": made.commitment, "by": made.by}
        super().__init__("secret_mismatch", **values)


class FrozenByCertificationError(SandoghError):
    def __init__(self, contest: str, constituency: str, by: str) -> None:
        super().__init__(
            f"{contest}/{constituency} is certified (by {by}); undo the certification first"
        )


class NotStandingError(SandoghError):
    def __init__(self, contest: str, candidate: str) -> None:
        super().__init__(f"contest {contest!r} has no candidate {candidate!r}")


class AlreadyWithdrawnError(SandoghError):
    def __init__(self, made: Withdrawal) -> None:
        super().__init__(
            f"{made.candidate} of {made.contest} withdrew already ({made.printing.value}, "
            f"recorded by {made.by} at {made.at.isoformat()})"
        )


def draw_lot(
    uow: UnitOfWorkFactory,
    actor: Actor,
    election_id: str | None,
    contest: str,
    constituency: str,
    *,
    secret: str,
    drawn_by: Sequence[str],
    now: datetime.datetime,
) -> SettledLot:
    """Record the lot the boards drew for the tie that waits in (contest, constituency) by
    revealing the secret committed for it (`services.lot_commitments`): the seed is
    `tie_seed`(secret, tie), so nobody chose it knowing its effect (review S19 F1). Each of
    `drawn_by` names a person (`DrawerMissingError` for none, or a blank one), an operator
    account of the store (`NotAnOperatorError`, review S20 F7)."""
    drawers = tuple(name.strip() for name in drawn_by)
    if not drawers or not all(drawers):
        raise DrawerMissingError()

    def use_case(work: UnitOfWork) -> SettledLot:
        tallied = tally(work, election_id)
        geography, election = tallied.geography, tallied.stored.election.id
        defined = tallied.contest(contest)
        where = constituency_in(defined, constituency)
        units = _open_to(tallied, actor, Action.CERTIFY, contest, constituency)
        # a lot decides the outcome: only the body competent to certify it draws it (review F3)
        require_body(actor, Action.CERTIFY, tallied.stored.election, [contest], units)
        standing = standing_by_constituency(defined).get(constituency, ())
        decided = decide_constituency(tallied, defined, where, standing)
        for drawn in decided.outcome.lots:
            settled = next(
                s for s in tallied.lots if (s.contest, s.constituency) == (contest, constituency)
            )
            if settled.settles(drawn.stake, drawn.tied):
                raise LotAlreadyDrawnError(settled)
        if not decided.complete:
            total = decided.total
            raise LotTooEarlyError(
                contest, constituency, total.stations_reported, total.stations_total
            )
        if not decided.outcome.lots_required:
            raise NoTieError(contest, constituency)
        tie = decided.outcome.lots_required[0]
        committed = covering(commitments(work, election), contest, constituency)
        if committed is None:
            raise NoCommitmentError(contest)
        if commitment_of(secret) != committed.commitment:
            raise SecretMismatchError(contest, committed)
        require_operators(work, drawers)  # each drawer an account, as a board's members are
        tied = tuple(sorted(tie.tied))
        made = SettledLot(
            contest,
            constituency,
            tie.stake,
            tied,
            tie.places,
            tie_seed(secret, contest, constituency, tie.stake, tied),
            drawers,
            actor.username,
            now,
            Revealed(committed.commitment, secret, committed.by, committed.at),
        )
        record_decision(
            work,
            actor,
            election,
            common_place(geography, units),
            kind=LOT,
            key=made.tie_key,
            data=settled_json(made),
            type_=EventType.LOT_DRAWN,
            now=now,
        )
        return made

    return guarded(uow, actor, now, use_case)


def withdraw(
    uow: UnitOfWorkFactory,
    actor: Actor,
    election_id: str | None,
    contest: str,
    candidate: str,
    *,
    printing: Printing,
    canonical: Canonical | None = None,
    now: datetime.datetime,
) -> Withdrawal:
    """Record that `candidate` of `contest` withdrew, before or after the ballots were printed.
    Before printing the stored definition is rewritten without the candidate (written by
    `canonical`, which a withdrawal before printing needs)."""

    def use_case(work: UnitOfWork) -> Withdrawal:
        tallied = tally(work, election_id)
        geography, election = tallied.geography, tallied.stored.election.id
        allowed(actor, Action.MANAGE_CANDIDACY, election)  # an administrator's, said as such
        made = Withdrawal(contest, candidate, printing, actor.username, now)
        earlier = next((w for w in tallied.withdrawals if w.key == made.key), None)
        if earlier is not None:
            raise AlreadyWithdrawnError(earlier)
        defined = tallied.contest(contest)
        standing = next((c for c in defined.candidates if c.code == candidate), None)
        if standing is None:
            raise NotStandingError(contest, candidate)
        units = _open_to(tallied, actor, Action.MANAGE_CANDIDACY, contest, standing.constituency)
        require_before_polling(work, election, contest, candidate, now)
        if printing is Printing.BEFORE:
            if canonical is None:
                raise TypeError("a withdrawal before printing rewrites the definition: canonical")
            new = without(tallied.stored.election, made)
            rewrite(work, actor, tallied.stored, new, canonical, because=WITHDRAWAL, now=now)
        record_decision(
            work,
            actor,
            election,
            common_place(geography, units),
            kind=WITHDRAWAL,
            key=made.key,
            data=withdrawal_json(made),
            type_=EventType.CANDIDATE_WITHDRAWN,
            now=now,
        )
        return made

    return guarded(uow, actor, now, use_case)


def _open_to(
    tallied: Tallied, actor: Actor, action: Action, contest: str, constituency: str
) -> tuple[str, ...]:
    """The units of `constituency`, once `actor` may do `action` at every one of them and no
    certification in force froze its results (`FrozenByCertificationError`)."""
    geography = tallied.geography
    units = scope_units(geography, contest, constituency)
    require(geography, actor, action, units, tallied.stored.election.id)
    held = next(certified_over(tallied.certifications, contest, constituency), None)
    if held is not None:
        raise FrozenByCertificationError(contest, constituency, held.by)
    return units


def lots_of(uow: UnitOfWorkFactory, election_id: str | None) -> list[SettledLot]:
    """The lots recorded in the election (the only one stored, if none is named)."""
    with uow() as work:
        return recorded_lots(work, resolve_election_id(work, election_id))
