"""Use cases of candidacy: register applicants, record the boards' decisions
and objections, publish the final list, record a listed candidate's withdrawal before the draw
(issue 12, section 1; the code draw and its commitment are `services.code_draw`; the
rules are `core.candidacy`; the calendar, `services.candidacy_calendar`; the inquiries to the four
authorities, `services.candidacy_inquiries`).

Each use case is one transaction: it reads the calendar and the steps recorded, checks the step
against them (`core.candidacy.process`, in its window by `core.candidacy.calendar.require`, on the
day in Iran when it is taken), records one event of the hash-chained log and stores the step naming
that entry. The operator acts under a grant (`services.acting.Actor`): the Interior Ministry's
side (the headquarters' roles) registers, asks, records the executive board's decisions and
objections, publishes and draws; the supervisory boards (supervisors) decide qualification; each
only on applicants within its grant's place (`services.candidacy_places`), which fails closed
while the election's definition is not loaded. A
board's decision also names its members' accounts, each an operator of the store. Refusals of
access are recorded as in supervision.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from sandogh.core.access import Action
from sandogh.core.candidacy.applicant_checks import tidied
from sandogh.core.candidacy.conditions import Applicant
from sandogh.core.candidacy.process import (
    Board,
    Decision,
    Objection,
    Outcome,
    Registration,
    Withdrew,
    check_decision,
    check_objection,
    check_registration,
    check_withdrawal,
    final_list,
)
from sandogh.core.candidacy.records import (
    Published,
)
from sandogh.core.errors import SandoghError
from sandogh.services.acting import Actor, guarded
from sandogh.services.candidacy_files import (
    Files,
    NoApplicantError,
    allowed,
    file_of,
    files_of,
    iran_day,
    record_step,
    schedule_of,
)
from sandogh.services.candidacy_places import require_contest, require_on, require_place
from sandogh.services.code_draw import ListPublishedError, NoDrawCommitmentError, commitment_for
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.services.ports import UnitOfWork


class NotAnOperatorError(SandoghError):
    def __init__(self, names: Sequence[str]) -> None:
        self.names = tuple(names)
        super().__init__("not operator accounts of this store: " + ", ".join(self.names))


def register(
    uow: UnitOfWorkFactory,
    actor: Actor,
    election: str,
    *,
    contest: str,
    constituency: str,
    person: Applicant,
    now: datetime.datetime,
) -> Registration:
    """Register an applicant in the registration window; refused if a condition is unmet."""

    def use_case(work: UnitOfWork) -> Registration:
        require_place(
            work, actor, Action.MANAGE_CANDIDACY, election, contest=contest, at=[constituency]
        )
        schedule, files = schedule_of(work, election, contest), files_of(work, election).files
        number, day = len(files) + 1, iran_day(now)
        registration = Registration(number, contest, constituency, tidied(person), day)
        check_registration(schedule, registration, files.values())
        record_step(work, actor, election, registration, now=now)
        return registration

    return guarded(uow, actor, now, use_case)


def decide(
    uow: UnitOfWorkFactory,
    actor: Actor,
    election: str,
    applicant: int,
    *,
    board: Board,
    outcome: Outcome,
    article: str,
    reason: str = "",
    members: Sequence[str] = (),
    on_objection: bool = False,
    now: datetime.datetime,
) -> Decision:
    """Record a board's decision, in its turn and window, citing its article."""
    action = Action.MANAGE_CANDIDACY if board is Board.EXECUTIVE else Action.VET_CANDIDATES

    def use_case(work: UnitOfWork) -> Decision:
        allowed(actor, action, election)
        unknown = [m for m in members if work.operators.get(m) is None]
        if unknown:
            raise NotAnOperatorError(unknown)
        file = file_of(work, election, applicant)
        require_on(work, actor, action, election, file)
        schedule = schedule_of(work, election, file.registration.contest)
        decision = Decision(
            applicant,
            board,
            outcome,
            article,
            reason,
            actor.username,
            tuple(members),
            iran_day(now),
            on_objection,
        )
        check_decision(schedule, file, decision)
        record_step(work, actor, election, decision, now=now)
        return decision

    return guarded(uow, actor, now, use_case)


def object_to(
    uow: UnitOfWorkFactory,
    actor: Actor,
    election: str,
    applicant: int,
    grounds: str,
    *,
    now: datetime.datetime,
) -> Objection:
    """Record an applicant's objection, once, in the objection window."""

    def use_case(work: UnitOfWork) -> Objection:
        allowed(actor, Action.MANAGE_CANDIDACY, election)
        file = file_of(work, election, applicant)
        require_on(work, actor, Action.MANAGE_CANDIDACY, election, file)
        objection = Objection(applicant, grounds, iran_day(now))
        check_objection(schedule_of(work, election, file.registration.contest), file, objection)
        record_step(work, actor, election, objection, now=now)
        return objection

    return guarded(uow, actor, now, use_case)


def publish_list(
    uow: UnitOfWorkFactory, actor: Actor, election: str, contest: str, *, now: datetime.datetime
) -> Published:
    """Publish the final list of a contest, with its date, once every standing is decided: once,
    after the code draw's secret was committed to (`services.code_draw`), under a grant whose
    place holds every constituency of the contest."""

    def use_case(work: UnitOfWork) -> Published:
        require_contest(work, actor, Action.MANAGE_CANDIDACY, election, contest)
        schedule, recorded = schedule_of(work, election, contest), files_of(work, election)
        files = recorded.files
        earlier = [p for p in recorded.published if p.contest == contest]
        if earlier:
            raise ListPublishedError(earlier[0])
        if commitment_for(recorded.commitments, contest) is None:
            raise NoDrawCommitmentError(contest)  # else the draw could never be made
        listed = final_list(schedule, contest, files.values(), iran_day(now))
        published = Published(
            contest, tuple(f.number for f in listed), iran_day(now), actor.username
        )
        record_step(work, actor, election, published, now=now)
        return published

    return guarded(uow, actor, now, use_case)


def withdraw_listed(
    uow: UnitOfWorkFactory,
    actor: Actor,
    election: str,
    applicant: int,
    *,
    now: datetime.datetime,
) -> Withdrew:
    """Record that a candidate of the published final list withdrew before the codes were
    drawn: the draw leaves them out, so they are on no ballot."""

    def use_case(work: UnitOfWork) -> Withdrew:
        allowed(actor, Action.MANAGE_CANDIDACY, election)
        recorded = files_of(work, election)
        file = recorded.files.get(applicant)
        if file is None:
            raise NoApplicantError(election, applicant)
        require_on(work, actor, Action.MANAGE_CANDIDACY, election, file)
        contest = file.registration.contest
        lists = [p for p in recorded.published if p.contest == contest]
        withdrew = Withdrew(applicant, iran_day(now))
        check_withdrawal(
            schedule_of(work, election, contest),
            file,
            withdrew,
            listed=bool(lists) and applicant in lists[-1].applicants,
            drawn=any(d.contest == contest for d in recorded.draws),
        )
        record_step(work, actor, election, withdrew, now=now)
        return withdrew

    return guarded(uow, actor, now, use_case)


def candidacy_of(uow: UnitOfWorkFactory, election: str) -> Files:
    with uow() as work:
        return files_of(work, election)
