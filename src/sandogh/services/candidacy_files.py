"""Candidacy's files as recorded: the calendar and steps of an election read from the store, each
step believed only with the event-log entry that recorded it, and a step recorded with its entry
(`services.candidacy`'s use cases share these; issue 12, section 1).

A step is one event of the hash-chained log and one stored row naming that entry; reading checks
the row against the entry (`core.supervision.recorded.entry_unrecorded`: its type, actor, time and
details), so a step written into the database by hand, or changed there, is refused rather than
believed, as voids and certifications are (issue 9, section 3); and every step the log records must
be a row the store holds, so a withdrawal or a board's decision deleted there by hand is refused
too, not read as a standing the boards never gave (the outsider's N1 of session 25).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sandogh.core.access import ALLOWED, ELECTORAL, Action, Role
from sandogh.core.candidacy.calendar import Calendar, Schedule, Stage
from sandogh.core.candidacy.draw import CodeDraw
from sandogh.core.candidacy.draw_commitment import DrawCommitment
from sandogh.core.candidacy.process import Candidacy, fold
from sandogh.core.candidacy.records import (
    Published,
    Record,
    kind_of,
    log_details,
    record_json,
    record_of,
)
from sandogh.core.errors import SandoghError
from sandogh.core.log import Checkpoint, Disposition, EventType
from sandogh.core.readiness.stations import IRAN_TIME
from sandogh.core.supervision.recorded import entry_unrecorded
from sandogh.locale.candidacy import CATALOGUE
from sandogh.locale.messages import text_in
from sandogh.services.acting import AccessDeniedError, Actor, acted
from sandogh.services.candidacy_ports import StoredStep
from sandogh.services.ports import UnitOfWork

#: The event that records each kind of step (`core.candidacy.records.KINDS`).
LOGGED_AS: dict[str, EventType] = {
    "registration": EventType.CANDIDATE_REGISTERED,
    "inquiry": EventType.INQUIRY_SENT,
    "answer": EventType.INQUIRY_ANSWERED,
    "decision": EventType.CANDIDACY_DECIDED,
    "objection": EventType.OBJECTION_LODGED,
    "withdrawal": EventType.CANDIDATE_WITHDRAWN,
    "published": EventType.CANDIDATES_PUBLISHED,
    "draw": EventType.CANDIDATE_CODES_DRAWN,
    "draw-commitment": EventType.CODE_DRAW_COMMITTED,
}


class UnrecordedStepError(SandoghError):
    """A stored step that the event-log entry it names does not record, or (`number` None) a step
    that log entry `entry` records and the store lacks: refused, never believed."""

    def __init__(self, election: str, number: int | None, why: str, *, entry: int = 0) -> None:
        self.election = election
        self.number = number
        self.entry = entry
        self.why = why
        # the line a screen shows, in each language (the publisher's and the console's too)
        self.fa, self.en = (
            text_in(CATALOGUE, "unstored", lang, entry=entry)
            if number is None
            else text_in(CATALOGUE, "unrecorded", lang, number=number)
            for lang in ("fa", "en")
        )
        if number is None:
            said = f"the candidacy step of log entry {entry} of {election} is not in the store"
        else:
            said = f"candidacy step {number} of {election} is not in the event log"
        super().__init__(f"{said}: {why}")


class NoCalendarError(SandoghError):
    def __init__(self, election: str) -> None:
        self.election = election
        super().__init__(
            f"no calendar of {election} is stored: store one with `sandogh candidates calendar`"
        )


class NoApplicantError(SandoghError):
    def __init__(self, election: str, applicant: int) -> None:
        self.election = election
        self.applicant = applicant
        super().__init__(f"{election} has no applicant {applicant}")


class NotAnOperatorError(SandoghError):
    """`names`, given as a board's members or as those who drew the codes or a lot, are no
    operator accounts of the store (review S20 F7: "President Putin" drew the codes)."""

    def __init__(self, names: Sequence[str]) -> None:
        self.names = tuple(names)
        self.fa, self.en = (
            text_in(CATALOGUE, "not_operators", lang, names=", ".join(self.names))
            for lang in ("fa", "en")
        )
        super().__init__(f"{self.en} — {self.fa}")


def require_operators(work: UnitOfWork, names: Iterable[str]) -> None:
    """Raise `NotAnOperatorError` naming each of `names` that is no operator account."""
    unknown = [n for n in names if work.operators.get(n) is None]
    if unknown:
        raise NotAnOperatorError(unknown)


@dataclass(frozen=True)
class Files:
    """The calendar, every applicant's file, the lists published and the draws, as recorded."""

    calendar: Calendar
    files: dict[int, Candidacy]
    published: tuple[Published, ...]
    draws: tuple[CodeDraw, ...]
    commitments: tuple[DrawCommitment, ...] = ()  # to the code draws' secrets


def iran_day(now: datetime.datetime) -> datetime.date:
    return now.astimezone(IRAN_TIME).date()


def today_stage(schedule: Schedule, now: datetime.datetime) -> Stage | None:
    """Today's stage: the first whose window holds the day and the hour in Iran (stages that
    close at an hour may share a day)."""
    hour = now.astimezone(IRAN_TIME).time()
    held = (w.stage for w in schedule.windows if w.holds(iran_day(now), hour))
    return next(held, None)


class NotElectoralError(AccessDeniedError):
    """An administrator's grant asked a step of candidacy: the electoral bodies' work, never the
    system's administrator's (`core.access.ELECTORAL`, review S20 F1, F7, F9)."""

    def __init__(self, actor: Actor, action: Action, election: str) -> None:
        self.fa, self.en = (
            text_in(CATALOGUE, "not_electoral", lang, user=actor.username) for lang in ("fa", "en")
        )
        self.logged = {"refused": "not-electoral"}
        super().__init__(actor, action, election, [actor.grant.place], f"{self.en} — {self.fa}")


def allowed(actor: Actor, action: Action, election: str) -> None:
    """Raise unless `actor`'s role holds `action` (its place is `candidacy_places`' check)."""
    if actor.grant.role is Role.ADMIN and action in ELECTORAL:
        raise NotElectoralError(actor, action, election)
    if action not in ALLOWED[actor.grant.role]:
        raise AccessDeniedError(actor, action, election, [actor.grant.place])


def calendar_of(work: UnitOfWork, election: str) -> Calendar:
    stored = work.candidacy.calendar(election)
    if stored is None:
        raise NoCalendarError(election)
    return stored.calendar


def schedule_of(work: UnitOfWork, election: str, contest: str) -> Schedule:
    return calendar_of(work, election).of(contest)


def files_of(work: UnitOfWork, election: str) -> Files:
    calendar = calendar_of(work, election)
    records = recorded_steps(work, election)
    steps = [r for r in records if not isinstance(r, (Published, CodeDraw, DrawCommitment))]
    return Files(
        calendar,
        fold(steps),
        tuple(r for r in records if isinstance(r, Published)),
        tuple(r for r in records if isinstance(r, CodeDraw)),
        tuple(r for r in records if isinstance(r, DrawCommitment)),
    )


def recorded_steps(work: UnitOfWork, election: str) -> list[Record]:
    """The steps stored, each believed only with the log entry that recorded it (a row written
    into the database by hand, or changed there, is refused: `UnrecordedStepError`)."""
    stored = work.candidacy.steps(election)
    entries = work.events.at([s.logged.sequence for s in stored])
    records: list[Record] = []
    for step in stored:
        record = record_of(step.kind, step.data)
        why = entry_unrecorded(
            step.logged,
            entries.get(step.logged.sequence),
            LOGGED_AS[step.kind],
            actor=step.by,
            at=step.at,
            details={"election": election, "step": step.kind, **log_details(record)},
        )
        if why is None and record_json(record) != step.data:
            why = "its data is not that of a step"
        if why is not None:
            raise UnrecordedStepError(election, step.number, why)
        records.append(record)
    _every_step_stored(work, election, stored)
    return records


def _every_step_stored(work: UnitOfWork, election: str, stored: list[StoredStep]) -> None:
    """Refuse a store without a step that an entry of the log records (done, of the election,
    a step: a withdrawal after the vote is logged with the same type as a `decision`)."""
    named = {s.logged.sequence for s in stored}
    for entry in work.events.of_types(LOGGED_AS.values(), election):
        step = entry.event.details.get("step")
        if entry.event.disposition is not Disposition.DONE or step is None:
            continue
        if entry.sequence not in named:
            why = f"the store holds no {step} that entry {entry.sequence} records"
            raise UnrecordedStepError(election, None, why, entry=entry.sequence)


def file_of(work: UnitOfWork, election: str, applicant: int) -> Candidacy:
    file = files_of(work, election).files.get(applicant)
    if file is None:
        raise NoApplicantError(election, applicant)
    return file


def record_step(
    work: UnitOfWork,
    actor: Actor,
    election: str,
    record: Record,
    *,
    now: datetime.datetime,
    answer_id: str | None = None,
    extra: dict[str, str] | None = None,
) -> None:
    details = {
        "election": election,
        "step": kind_of(record),
        **log_details(record),
        **(extra or {}),
    }
    type_ = LOGGED_AS[kind_of(record)]
    entry = work.events.record(acted(actor, now, type_, actor.grant.place, details))
    number = len(work.candidacy.steps(election)) + 1
    work.candidacy.add(
        StoredStep(
            election,
            number,
            kind_of(record),
            record_json(record),
            now,
            actor.username,
            Checkpoint(entry.sequence, entry.hash),
            answer_id,
        )
    )
    work.commit()
