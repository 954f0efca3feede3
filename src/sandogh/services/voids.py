"""The supervisory boards' voids: a box, a candidate's votes in given boxes, or a constituency.

Issue 4, item 4: a void is checked against the definition first (every problem, with its path),
so that rights are asked of real places; it needs VOID at every place it touches, is refused
while a certification it touches is in force, and is stored naming the log entry that recorded
it: results believe it only with that entry (`services.recorded_decisions`; issue 9, section 3).
A void touching a constituency whose full hand count is certified as its result is refused
(`CorrectedError`): the hand count counted every paper, and its figures would silently stand
over the void (issue 11).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace

from sandogh.core.access import Action
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import Election
from sandogh.core.definition.problems import Problem
from sandogh.core.errors import SandoghError
from sandogh.core.log import Checkpoint
from sandogh.core.supervision import (
    Effect,
    HandCountCorrection,
    Void,
    VoidError,
    apply_voids,
    kind_of,
    touches,
    void_case_problems,
    void_json,
    void_places,
    void_problems,
    void_stations,
)
from sandogh.core.supervision.recorded import VOIDED
from sandogh.locale.certification_words import refusal_words
from sandogh.services.acting import Actor, acted, common_place, election_day, guarded, require
from sandogh.services.certifications import CertifiedError
from sandogh.services.competence import contests_at, require_body
from sandogh.services.days import Day
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.services.ports import UnitOfWork, VoidRecord
from sandogh.services.recorded_decisions import recorded_corrections
from sandogh.services.running_trees import hold_trees, remake_trees, stations_of
from sandogh.services.totals import count_void, ensure_trees


class CorrectedError(SandoghError):
    """What was asked touches a constituency whose certified hand count is its result."""

    def __init__(self, correction: HandCountCorrection, what: str, election: Election) -> None:
        self.correction = correction
        c = correction
        self.fa, self.en = refusal_words("corrected", election, c.contest, c.constituency)
        super().__init__(
            f"{what} touches {c.key}, whose full hand count {c.by} certified as its result at "
            f"{c.at.isoformat()}"
        )


@dataclass(frozen=True)
class Voided:
    """A void as stored, and what it took from the results stored when it was decided."""

    record: VoidRecord
    effect: Effect


def void(
    uow: UnitOfWorkFactory,
    actor: Actor,
    election_id: str | None,
    decided: Void,
    *,
    now: datetime.datetime,
) -> Voided:
    """Record a supervisory board's void (needs VOID at every place it touches); results and
    outcomes apply it from then on. Refused while a certification it touches is in force."""

    def use_case(work: UnitOfWork) -> Voided:
        day, places = _decidable(work, actor, election_id, decided)
        geography, election = day.geography, day.election.id
        # the stations' paths held to the last logged roots before the totals change
        roots, _ = ensure_trees(work, day, changing=True)
        stored = work.tallies.of_stations(election, void_stations(geography, decided))
        change = hold_trees(work, day, stations_of(stored), roots)
        effect = count_void(work, day, decided)  # over the voids decided before it
        roots = remake_trees(work, day, change)
        record = work.voids.add(VoidRecord(election, decided, actor.username, now))
        entry = work.events.record(
            acted(
                actor,
                now,
                VOIDED[kind_of(decided)],
                common_place(geography, places),
                {
                    "election": election,
                    "void": record.id,
                    **void_json(decided),
                    "boxes": effect.boxes,
                    "ballots": effect.ballots,
                    "votes": dict(effect.votes),
                    "totals_roots": roots,
                },
            )
        )
        logged = Checkpoint(entry.sequence, entry.hash)
        work.voids.name_entry(record.id, logged)
        work.commit()
        return Voided(replace(record, logged=logged), effect)

    return guarded(uow, actor, now, use_case)


def preview_void(
    uow: UnitOfWorkFactory,
    actor: Actor,
    election_id: str | None,
    decided: Void,
    *,
    now: datetime.datetime,
) -> Effect:
    """What `decided` would take from the results stored now, over the voids already decided,
    without recording it: the console shows it for the board to confirm (issue 13). Asks all
    that `void` asks (the definition, VOID at every place, no certification or certified hand
    count in its way), so a preview never shows what the board could not decide."""

    def use_case(work: UnitOfWork) -> Effect:
        day, _ = _decidable(work, actor, election_id, decided)
        geography, election = day.geography, day.election.id
        decided_before = [r.void for r in work.voids.all(election)]
        touched = work.tallies.of_stations(election, void_stations(geography, decided))
        _, effects = apply_voids(geography, touched, [*decided_before, decided])
        return effects[-1]

    return guarded(uow, actor, now, use_case)


def _decidable(
    work: UnitOfWork, actor: Actor, election_id: str | None, decided: Void
) -> tuple[Day, tuple[str, ...]]:
    """The election's day and the places of `decided`, once it is known that the board
    may decide it now: it fits the definition, `actor` may void at every place it touches, and
    no certification in force nor certified hand count is in its way."""
    day = election_day(work, election_id)
    geography, election = day.geography, day.election.id
    problems = list(void_problems(geography, decided))
    if not problems and decided.decision.case is not None:
        problems.extend(_case_problems(work, geography, election, decided))
    if problems:
        raise VoidError(problems)
    places = void_places(geography, decided)
    require(geography, actor, Action.VOID, places, election)
    contests = contests_at(geography, decided.contest, places)
    require_body(actor, Action.VOID, day.election, contests, places)
    for certification in work.certifications.in_force(election):
        if touches(geography, decided, certification.contest, certification.constituency):
            raise CertifiedError(certification, f"this {kind_of(decided)} void", day.election)
    for corrected in recorded_corrections(work, election):
        if touches(geography, decided, corrected.contest, corrected.constituency):
            raise CorrectedError(corrected, f"this {kind_of(decided)} void", day.election)
    return day, places


def _case_problems(
    work: UnitOfWork, geography: Geography, election: str, decided: Void
) -> tuple[Problem, ...]:
    number = decided.decision.case
    case = None if number is None else work.cases.get(number)
    if case is None or case.election != election:
        return (Problem("decision.case", f"election {election} has no case {number}"),)
    return void_case_problems(geography, case, decided)
