"""Use cases of the inspectors: open a violation case, follow its course, list cases with their
effect on results.

`reference/seed-facts.md` (17 cases in Kerman 2024, mostly vote buying) and DESIGN.md §1 (judiciary
and inspectors record violation cases and their effect on results). A case is acted on under a
grant that may manage cases at the place it is filed (`services.acting.guarded`: one
transaction, one event, a refusal recorded); its effect on results is the voids that cite it,
which the supervisory boards decide (`services.voids.void`), and what they took away.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from sandogh.core.access import Action, may
from sandogh.core.definition.problems import Problem
from sandogh.core.errors import SandoghError
from sandogh.core.log import EventType
from sandogh.core.supervision import (
    CaseCandidate,
    CaseError,
    CaseKind,
    CaseStatus,
    Effect,
    ViolationCase,
    advance,
    apply_voids,
    case_problems,
)
from sandogh.services.acting import Actor, acted, election_day, guarded, require
from sandogh.services.days import day_of
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.services.ports import UnitOfWork, VoidRecord


class UnknownCaseError(SandoghError):
    def __init__(self, case_id: int) -> None:
        super().__init__(f"no violation case {case_id} is stored")
        self.said = ("case-unknown", {"number": case_id})


def open_case(
    uow: UnitOfWorkFactory,
    actor: Actor,
    election_id: str | None,
    *,
    kind: CaseKind,
    summary: str,
    place: str | None = None,
    stations: Iterable[str] = (),
    candidates: Iterable[CaseCandidate] = (),
    reference: str | None = None,
    now: datetime.datetime,
) -> ViolationCase:
    """Open a case filed at `place` (the actor's own place by default) about the stations and
    candidates it names; returns it with its number."""

    def use_case(work: UnitOfWork) -> ViolationCase:
        day = election_day(work, election_id)
        case = ViolationCase(
            election=day.election.id,
            kind=kind,
            summary=summary,
            place=actor.grant.place if place is None else place,
            opened_by=actor.username,
            opened_at=now,
            stations=tuple(stations),
            candidates=tuple(candidates),
            reference=reference,
        )
        problems = case_problems(day.geography, case)
        if problems:
            raise CaseError(problems)
        require(day.geography, actor, Action.MANAGE_CASES, [case.place], case.election)
        stored = work.cases.add(case)
        work.events.record(
            acted(
                actor,
                now,
                EventType.CASE_OPENED,
                case.place,
                {
                    "election": case.election,
                    "case": stored.id,
                    "kind": kind.value,
                    "summary": summary,
                    "stations": list(case.stations),
                    "candidates": [str(c) for c in case.candidates],
                    "reference": reference,
                },
            )
        )
        work.commit()
        return stored

    return guarded(uow, actor, now, use_case)


def update_case(
    uow: UnitOfWorkFactory,
    actor: Actor,
    case_id: int,
    *,
    status: CaseStatus | None = None,
    note: str | None = None,
    reference: str | None = None,
    now: datetime.datetime,
) -> ViolationCase:
    """Move a case on (`core.supervision.NEXT_STATUS`), note its course, or give its file's
    reference; returns the case as it now stands."""

    def use_case(work: UnitOfWork) -> ViolationCase:
        case = work.cases.get(case_id)
        if case is None:
            raise UnknownCaseError(case_id)
        geography = day_of(work, case.election).geography
        require(geography, actor, Action.MANAGE_CASES, [case.place], case.election)
        changed = advance(case, status, note=note, reference=reference)
        if changed == case:
            raise CaseError(
                [Problem("", "nothing to change: give a status, a note or a reference")]
            )
        work.cases.update(changed)
        work.events.record(
            acted(
                actor,
                now,
                EventType.CASE_CHANGED,
                case.place,
                {
                    "election": case.election,
                    "case": case.id,
                    "from": case.status.value,
                    "to": changed.status.value,
                    "note": note,
                    "reference": reference,
                },
            )
        )
        work.commit()
        return changed

    return guarded(uow, actor, now, use_case)


@dataclass(frozen=True)
class CaseView:
    """A case with its effect on results: the voids that cite it and what each took away."""

    case: ViolationCase
    voids: tuple[VoidRecord, ...]
    effects: tuple[Effect, ...]


def list_cases(
    uow: UnitOfWorkFactory,
    actor: Actor,
    election_id: str | None,
    *,
    status: CaseStatus | None = None,
) -> list[CaseView]:
    """The cases filed where `actor` may read (all of them for a grant at the root), by number."""
    with uow() as work:
        day = election_day(work, election_id)
        geography, election = day.geography, day.election.id
        cases = [
            case
            for case in work.cases.all(election)
            if may(geography, actor.grant, Action.READ, case.place)
            and status in (None, case.status)
        ]
        records = work.voids.all(election)
        cited = {r.void.decision.case for r in records} & {case.id for case in cases}
        effects: tuple[Effect, ...] = ()
        if cited:
            _, effects = apply_voids(
                geography, work.tallies.all(election), [r.void for r in records]
            )
    return [
        CaseView(
            case,
            tuple(r for r in records if r.void.decision.case == case.id),
            tuple(e for e in effects if e.void.decision.case == case.id),
        )
        for case in cases
    ]
