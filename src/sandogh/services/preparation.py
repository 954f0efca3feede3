"""Use cases of a station's preparation (issue 12): its staff by name and role, the training
sessions and briefings they attend, a hard-to-reach station's plan, and the catalogue of its
problems in earlier elections (`core.readiness.roster`, `core.readiness.remote`).

Like the readiness registers (`services.readiness`), each is one transaction under a grant:
MANAGE_READINESS at every station it changes (for a session, every attendee's station), READ at
the unit it shows. Each change is one READINESS_UPDATED event naming what it changed
(`register`: roster, session, plan, past-problem); bad input raises `RegisterError` naming every
problem by its path, and changes nothing.

Review S20 F8: a station has one head and one secretary — the roster asks the rule a registered
key asks (`core.report.staff.staff_conflict`), so `staff assign` refuses a second one naming who
holds the role — and no one is named or moved after the station's polling day
(`services.polling_calendar.last_polling_day`: the calendar's, else the definition's date).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from sandogh.core.access import Action
from sandogh.core.canonical_json import JSONValue
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import UnitKind
from sandogh.core.definition.problems import Problem
from sandogh.core.log import EventType
from sandogh.core.readiness import (
    PastProblem,
    RegisterError,
    RemotePlan,
    Session,
    Worker,
    past_problems,
    plan_problems,
    session_problems,
    worker_problems,
)
from sandogh.core.readiness.stations import IRAN_TIME
from sandogh.core.report.staff import Conflict, staff_conflict
from sandogh.locale.access_refusals import access_text
from sandogh.locale.dates import format_jalali
from sandogh.locale.messages import text_in
from sandogh.locale.readiness_terms import term
from sandogh.locale.staff_refusals import CATALOGUE as STAFF_REFUSALS
from sandogh.services.acting import (
    Actor,
    acted,
    common_place,
    election_day,
    guarded,
    require,
)
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.services.polling_calendar import last_polling_day
from sandogh.services.ports import UnitOfWork


@dataclass(frozen=True)
class Roster:
    """The staff at and below a unit, and the sessions any of them attended."""

    workers: tuple[Worker, ...]
    sessions: tuple[Session, ...]


def assign_worker(
    uow: UnitOfWorkFactory,
    actor: Actor,
    election_id: str | None,
    worker: Worker,
    *,
    now: datetime.datetime,
) -> Worker | None:
    """Name `worker` at their station in their role (a person already named is moved: both
    stations must allow MANAGE_READINESS); returns the row it replaced."""

    def use_case(work: UnitOfWork) -> Worker | None:
        day = election_day(work, election_id)
        geography, election = day.geography, day.election.id
        _refuse(worker_problems(geography, worker))
        known = {w.person: w for w in work.preparation.workers(election)}
        was = known.get(worker.person)
        places = [worker.station] + ([] if was is None else [was.station])
        require(geography, actor, Action.MANAGE_READINESS, places, election)
        last = last_polling_day(work, day, worker.station)
        if now.astimezone(IRAN_TIME).date() > last:
            raise StaffAfterPollingError(worker.station, last)
        others = [w for w in known.values() if w.station == worker.station and w is not was]
        found = staff_conflict(others, worker)  # the rule `staff add` and an amendment ask
        if found is not None:
            raise RoleFilledError(worker, found[1])
        work.preparation.put_worker(election, worker)
        details: dict[str, JSONValue] = {
            "person": worker.person,
            "name": worker.name,
            "role": worker.role.value,
            "was": None if was is None else f"{was.station} {was.role.value}",
        }
        _log(work, actor, now, at=(election, "roster", worker.station), details=details)
        return was

    return guarded(uow, actor, now, use_case)


class StaffAfterPollingError(RegisterError):
    """A station's staff named or moved after its polling day (review S20 F8), worded in both
    languages (`fa`, `en`)."""

    def __init__(self, station: str, last: datetime.date) -> None:
        self.station, self.polling_day = station, last
        super().__init__([Problem("station", f"{station} polled on {last.isoformat()}")])
        self.fa, self.en = (
            access_text("staff_after_polling", lang, station=station, day=format_jalali(last, lang))
            for lang in ("fa", "en")
        )


class RoleFilledError(RegisterError):
    """A second head or secretary named at a station (review S20 F8: `core.report.staff`'s one
    rule), naming who holds the role, in both languages."""

    def __init__(self, worker: Worker, held: Worker) -> None:
        self.held = held
        problem = Problem("role", f"{worker.station} has its {worker.role} already: {held.name}")
        super().__init__([problem])
        self.fa, self.en = (
            text_in(
                STAFF_REFUSALS,
                f"staff_{Conflict.ROLE_FILLED}",
                lang,
                station=worker.station,
                person=held.name,
                held=term(f"staff_role_{held.role.value}", lang),
            )
            for lang in ("fa", "en")
        )


def record_session(
    uow: UnitOfWorkFactory,
    actor: Actor,
    election_id: str | None,
    session: Session,
    *,
    now: datetime.datetime,
) -> Session:
    """Record a training session or briefing with who attended; its number is the next one of
    the election (the `number` given is ignored)."""

    def use_case(work: UnitOfWork) -> Session:
        day = election_day(work, election_id)
        geography, election = day.geography, day.election.id
        roster = {w.person: w.station for w in work.preparation.workers(election)}
        stored = work.preparation.sessions(election)
        numbered = Session(
            max((s.number for s in stored), default=0) + 1,
            session.kind,
            session.held,
            session.place,
            session.topic,
            tuple(session.attendees),
        )
        problems = session_problems(numbered, roster)
        if numbered.held > day.election.date:
            problems.append(Problem("held", f"{numbered.held} is after the day"))
        _refuse(problems)
        stations = sorted({roster[p] for p in numbered.attendees})
        require(geography, actor, Action.MANAGE_READINESS, stations, election)
        work.preparation.add_session(election, numbered)
        details: dict[str, JSONValue] = {
            "number": numbered.number,
            "kind": numbered.kind.value,
            "held": numbered.held.isoformat(),
            "place": numbered.place,
            "topic": numbered.topic,
            "attendees": len(numbered.attendees),
        }
        place = common_place(geography, stations)
        _log(work, actor, now, at=(election, "session", place), details=details)
        return numbered

    return guarded(uow, actor, now, use_case)


def set_plan(
    uow: UnitOfWorkFactory,
    actor: Actor,
    election_id: str | None,
    plan: RemotePlan,
    *,
    now: datetime.datetime,
) -> RemotePlan | None:
    """Store a hard-to-reach station's plan in place of its last; returns that one."""

    def use_case(work: UnitOfWork) -> RemotePlan | None:
        day = election_day(work, election_id)
        geography, election = day.geography, day.election.id
        _refuse(plan_problems(geography, plan, day.election.date))
        require(geography, actor, Action.MANAGE_READINESS, [plan.station], election)
        was = work.preparation.put_plan(election, plan)
        details: dict[str, JSONValue] = {
            "transport": plan.transport,
            "helicopter": plan.helicopter,
            "report_grace_minutes": plan.report_grace // datetime.timedelta(minutes=1),
            "link_tested": None if plan.link_tested is None else plan.link_tested.isoformat(),
            "link_ok": plan.link_ok,
        }
        _log(work, actor, now, at=(election, "plan", plan.station), details=details)
        return was

    return guarded(uow, actor, now, use_case)


def note_past_problem(
    uow: UnitOfWorkFactory,
    actor: Actor,
    election_id: str | None,
    station: str,
    *,
    happened_in: str,
    note: str,
    now: datetime.datetime,
) -> PastProblem:
    """Add a problem `station` had in the election `happened_in` to its catalogue, under a
    grant for that station in the election `election_id` (the one being prepared)."""

    def use_case(work: UnitOfWork) -> PastProblem:
        day = election_day(work, election_id)
        geography, election = day.geography, day.election.id
        problems = _station(geography, station)
        number = len(work.preparation.past([station])) + 1
        problem = PastProblem(station, happened_in, number, note)
        _refuse(problems + past_problems(problem))
        require(geography, actor, Action.MANAGE_READINESS, [station], election)
        work.preparation.add_past(problem)
        details: dict[str, JSONValue] = {"number": number, "happened_in": happened_in, "note": note}
        _log(work, actor, now, at=(election, "past-problem", station), details=details)
        return problem

    return guarded(uow, actor, now, use_case)


def roster(
    uow: UnitOfWorkFactory,
    actor: Actor,
    election_id: str | None,
    unit: str | None = None,
    *,
    now: datetime.datetime,
) -> Roster:
    """The staff at and below `unit` (the actor's place by default) and their sessions."""

    def use_case(work: UnitOfWork) -> Roster:
        day = election_day(work, election_id)
        geography, election = day.geography, day.election.id
        place = unit or actor.grant.place
        if place not in geography:
            _refuse([Problem("unit", f"{place} is not a unit of {election}")])
        require(geography, actor, Action.READ, [place], election)
        inside = set(geography.stations_under(place))
        workers = tuple(w for w in work.preparation.workers(election) if w.station in inside)
        people = {w.person for w in workers}
        sessions = tuple(
            s for s in work.preparation.sessions(election) if people.intersection(s.attendees)
        )
        return Roster(workers, sessions)

    return guarded(uow, actor, now, use_case)


def _station(geography: Geography, station: str) -> list[Problem]:
    if station in geography and geography.kind(station) is UnitKind.STATION:
        return []
    return [Problem("station", f"{station} is not a polling station")]


def _refuse(problems: Sequence[Problem]) -> None:
    if problems:
        raise RegisterError(problems)


def _log(
    work: UnitOfWork,
    actor: Actor,
    now: datetime.datetime,
    *,
    at: tuple[str, str, str],
    details: dict[str, JSONValue],
) -> None:
    election, register, place = at
    fields: dict[str, JSONValue] = {"election": election, "register": register, **details}
    work.events.record(acted(actor, now, EventType.READINESS_UPDATED, place, fields))
    work.commit()
