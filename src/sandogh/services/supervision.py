"""Use cases of the supervisory boards: void, certify, undo a certification; and the access checks
every supervision use case shares.

Issue 4, item 4, and DESIGN.md §6: an operator acts under a grant (a role at a place,
`core.access`); each use case is one transaction, checks `may` for every place it touches, and is
one event of the hash-chained log. A refusal for want of a right raises `AccessDeniedError` and is
recorded (ACCESS_DENIED) in a unit of work of its own, after the refused one has rolled back, as
report ingest records a refused report. A void or a certification is checked against the
definition first (every problem, with its path), so that rights are asked of real places. A
void or certification is stored naming the log entry that recorded it, and results believe it only
with that entry (`services.recorded_decisions`; issue 9, section 3).

Certifying freezes its inputs (`core.supervision.certification`): while it is in force, no report,
import or void touching its contest and constituency is taken (`frozen_sheets`, `CertifiedError`),
and only a grant that outranks the certifier's (`core.access.outranks`), and may certify there,
undoes it. A certification needs complete results: every station of its scope has reported.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from sandogh.core.access import Action, may, outranks
from sandogh.core.counting.tally import TallySheet
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.problems import DefinitionError, Problem
from sandogh.core.errors import SandoghError
from sandogh.core.log import Checkpoint, Disposition, Event, EventType, JSONValue
from sandogh.core.supervision import (
    CandidateVoid,
    Certification,
    ConstituencyVoid,
    Effect,
    StationVoid,
    Void,
    VoidError,
    apply_voids,
    certified_over,
    freezes_sheet,
    in_scope,
    input_digest,
    kind_of,
    scope_problems,
    scope_units,
    touches,
    void_case_problems,
    void_json,
    void_problems,
)
from sandogh.core.supervision.recorded import VOIDED

# re-exported: every use case and adapter imports them from here
from sandogh.services.acting import AccessDeniedError as AccessDeniedError  # noqa: PLC0414
from sandogh.services.acting import Actor as Actor  # noqa: PLC0414
from sandogh.services.competence import contests_at, require_body
from sandogh.services.days import Day, day_of
from sandogh.services.elections import UnitOfWorkFactory, resolve_election_id
from sandogh.services.ports import UnitOfWork, VoidRecord

T = TypeVar("T")


class CertifiedError(SandoghError):
    """What was asked touches a certified result; the certification must be undone first."""

    def __init__(self, certification: Certification, what: str) -> None:
        self.certification = certification
        c = certification
        super().__init__(
            f"{what} touches {describe_scope(c.contest, c.constituency)}, certified by {c.by} "
            f"({c.grant.role} at {c.grant.place}) at {c.at.isoformat()}: a grant above theirs "
            "must undo the certification first"
        )


class ScopeError(DefinitionError):
    """A contest or constituency that the election does not have."""


class AlreadyCertifiedError(SandoghError):
    def __init__(self, certification: Certification) -> None:
        c = certification
        super().__init__(
            f"{describe_scope(c.contest, c.constituency)} is already certified by {c.by} at "
            f"{c.at.isoformat()} ({c.digest})"
        )


class NotCertifiedError(SandoghError):
    def __init__(self, contest: str, constituency: str | None) -> None:
        super().__init__(f"no certification of {describe_scope(contest, constituency)} is in force")


class IncompleteResultsError(SandoghError):
    def __init__(self, contest: str, constituency: str | None, reported: int, total: int) -> None:
        super().__init__(
            f"{describe_scope(contest, constituency)}: only {reported} of {total} stations have "
            "reported; a result is certified once complete"
        )


def describe_scope(contest: str, constituency: str | None) -> str:
    where = "every constituency" if constituency is None else f"constituency {constituency}"
    return f"contest {contest} ({where})"


# ---- acting under a grant ------------------------------------------------------------------


def guarded(
    uow: UnitOfWorkFactory,
    actor: Actor,
    now: datetime.datetime,
    use_case: Callable[[UnitOfWork], T],
) -> T:
    """Run `use_case` in one unit of work; a refusal of access it raises is recorded in a unit of
    work of its own (the first has rolled back) and raised again."""
    try:
        with uow() as work:
            return use_case(work)
    except AccessDeniedError as denied:
        with uow() as work:
            work.events.record(
                acted(
                    actor,
                    now,
                    EventType.ACCESS_DENIED,
                    denied.places[0] if denied.places else actor.grant.place,
                    {
                        "election": denied.election,
                        "action": denied.action.value,
                        "denied": list(denied.places[:5]),
                        **denied.logged,
                    },
                    disposition=Disposition.DENIED,
                )
            )
            work.commit()
        raise


def require(
    geography: Geography, actor: Actor, action: Action, places: Iterable[str], election: str
) -> None:
    """Raise `AccessDeniedError` unless `actor`'s grant allows `action` at every place."""
    denied = [p for p in dict.fromkeys(places) if not may(geography, actor.grant, action, p)]
    if denied:
        raise AccessDeniedError(actor, action, election, denied)


def acted(
    actor: Actor,
    now: datetime.datetime,
    type_: EventType,
    place: str,
    details: Mapping[str, JSONValue],
    *,
    disposition: Disposition = Disposition.DONE,
) -> Event:
    """The event of `actor` doing `type_` at `place`; the place they act from is in `details`."""
    return Event(
        time=now,
        actor=actor.username,
        role=actor.grant.role.value,
        place=place,
        type=type_,
        disposition=disposition,
        details={**details, "acting_at": actor.grant.place},
    )


def common_place(geography: Geography, units: Sequence[str]) -> str:
    """The lowest unit at or above every one of `units` (the place an event concerns)."""
    first = units[0]
    for candidate in (first, *geography.ancestors(first)):
        if all(u == candidate or candidate in geography.ancestors(u) for u in units):
            return candidate
    return first  # unreachable in a tree: the root is above every unit


def election_day(work: UnitOfWork, election_id: str | None) -> Day:
    """The named election day, or the only one stored when none is named."""
    return day_of(work, resolve_election_id(work, election_id))


# ---- voids -----------------------------------------------------------------------------------


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
                raise CertifiedError(certification, f"this {kind_of(decided)} void")
        record = work.voids.add(VoidRecord(election, decided, actor.username, now))
        _, effects = apply_voids(
            geography, work.tallies.all(election), [r.void for r in work.voids.all(election)]
        )
        effect = effects[-1]
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
                },
            )
        )
        logged = Checkpoint(entry.sequence, entry.hash)
        work.voids.name_entry(record.id, logged)
        work.commit()
        return Voided(replace(record, logged=logged), effect)

    return guarded(uow, actor, now, use_case)


def void_places(geography: Geography, decided: Void) -> tuple[str, ...]:
    """The units a void touches, each of which the voiding grant must cover."""
    match decided:
        case StationVoid():
            return (decided.station,)
        case CandidateVoid():
            return decided.stations
        case ConstituencyVoid():
            return geography.constituency_parts(decided.contest, decided.constituency)


def _case_problems(
    work: UnitOfWork, geography: Geography, election: str, decided: Void
) -> tuple[Problem, ...]:
    number = decided.decision.case
    case = None if number is None else work.cases.get(number)
    if case is None or case.election != election:
        return (Problem("decision.case", f"election {election} has no case {number}"),)
    return void_case_problems(geography, case, decided)


# ---- certification ---------------------------------------------------------------------------


def certify(
    uow: UnitOfWorkFactory,
    actor: Actor,
    election_id: str | None,
    contest: str,
    constituency: str | None = None,
    *,
    now: datetime.datetime,
) -> Certification:
    """Certify a contest's complete result in one constituency or all, freezing its inputs."""

    def use_case(work: UnitOfWork) -> Certification:
        day = election_day(work, election_id)
        geography, election = day.geography, day.election.id
        units = _scope(geography, contest, constituency)
        require(geography, actor, Action.CERTIFY, units, election)
        require_body(actor, Action.CERTIFY, day.election, [contest], units)
        held = next(
            certified_over(work.certifications.in_force(election), contest, constituency), None
        )
        if held is not None:
            raise AlreadyCertifiedError(held)
        sheets = list(work.tallies.all(election))
        total = sum(geography.stations_in(contest, unit) for unit in units)
        reported = sum(
            1 for s in sheets if in_scope(geography, contest, constituency, s.station, s.contest)
        )
        if reported < total:
            raise IncompleteResultsError(contest, constituency, reported, total)
        digest = input_digest(
            geography,
            day.definition_hash,
            contest,
            constituency,
            sheets=sheets,
            voids=[r.void for r in work.voids.all(election)],
        )
        made = Certification(
            election, contest, constituency, actor.username, actor.grant, now, digest
        )
        entry = work.events.record(
            acted(
                actor,
                now,
                EventType.RESULT_CERTIFIED,
                common_place(geography, units),
                {
                    "election": election,
                    "contest": contest,
                    "constituency": constituency,
                    "stations": total,
                    "digest": digest,
                },
            )
        )
        work.certifications.add(made, Checkpoint(entry.sequence, entry.hash))
        work.commit()
        return made

    return guarded(uow, actor, now, use_case)


def uncertify(
    uow: UnitOfWorkFactory,
    actor: Actor,
    election_id: str | None,
    contest: str,
    constituency: str | None = None,
    *,
    now: datetime.datetime,
) -> Certification:
    """Undo the certification in force of exactly this scope; returns what was undone. Needs a
    grant that may certify there and outranks the certifier's."""

    def use_case(work: UnitOfWork) -> Certification:
        day = election_day(work, election_id)
        geography, election = day.geography, day.election.id
        units = _scope(geography, contest, constituency)
        # rights first: whether a certification is in force is not told to one who may not certify
        require(geography, actor, Action.CERTIFY, units, election)
        require_body(actor, Action.CERTIFY, day.election, [contest], units)
        held = next(
            (
                c
                for c in work.certifications.in_force(election)
                if (c.contest, c.constituency) == (contest, constituency)
            ),
            None,
        )
        if held is None:
            raise NotCertifiedError(contest, constituency)
        if not outranks(geography, actor.grant, held.grant):
            raise AccessDeniedError(
                actor,
                Action.CERTIFY,
                election,
                units,
                f"undoing needs a grant above {held.grant.role} at {held.grant.place}",
            )
        work.certifications.undo(held, by=actor.username, at=now)
        work.events.record(
            acted(
                actor,
                now,
                EventType.CERTIFICATION_UNDONE,
                common_place(geography, units),
                {
                    "election": election,
                    "contest": contest,
                    "constituency": constituency,
                    "digest": held.digest,
                    "certified_by": held.by,
                    "certified_as": f"{held.grant.role} at {held.grant.place}",
                },
            )
        )
        work.commit()
        return held

    return guarded(uow, actor, now, use_case)


def _scope(geography: Geography, contest: str, constituency: str | None) -> tuple[str, ...]:
    problems = scope_problems(geography, contest, constituency)
    if problems:
        raise ScopeError(problems)
    return scope_units(geography, contest, constituency)


def frozen_sheets(
    work: UnitOfWork, geography: Geography, election_id: str, sheets: Iterable[TallySheet]
) -> list[tuple[TallySheet, Certification]]:
    """Each sheet a certification in force freezes, with that certification (report ingest and
    import refuse them)."""
    certifications = work.certifications.in_force(election_id)
    if not certifications:
        return []
    return [
        (sheet, c)
        for sheet in sheets
        for c in certifications
        if freezes_sheet(geography, c, sheet.station, sheet.contest)
    ]
