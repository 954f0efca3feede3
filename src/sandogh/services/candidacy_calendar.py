"""The election calendar stored (issue 12, section 1; `core.candidacy.calendar`): the first
step of candidacy, a national decision.

Only a national HQ grant at the root of the election's units stores or changes it. The root is
read from the election's stored definition, loaded before the calendar as before every step of
candidacy (`services.candidacy_places`): with no definition no grant's place can be checked, and
the calendar is refused (`NoDefinitionError`) rather than stored under a place nobody checked.
The calendar must agree with that definition (review S20 F12): each schedule's polling stage is
the definition's day, and its schedules name every contest of the definition and no other
(`CalendarDefinitionError`, every disagreement with its path). A calendar that named a contest
the definition lacks left that contest's candidacy refused, and froze so once registration began.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from sandogh.core.access import Action, Role
from sandogh.core.candidacy.calendar import Calendar, Stage
from sandogh.core.candidacy.calendar_change import CalendarChangeError, require_change
from sandogh.core.canonical_json import JSONValue
from sandogh.core.definition.model import Election
from sandogh.core.definition.problems import Problem
from sandogh.core.errors import SandoghError
from sandogh.core.log import Disposition, EventType
from sandogh.core.readiness.stations import IRAN_TIME
from sandogh.locale.candidacy import CATALOGUE
from sandogh.locale.dates import format_jalali
from sandogh.locale.language import Lang
from sandogh.locale.messages import text_in
from sandogh.services.acting import AccessDeniedError, Actor, acted, guarded
from sandogh.services.candidacy_files import allowed
from sandogh.services.candidacy_places import geography_of
from sandogh.services.candidacy_ports import StoredCalendar
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.services.ports import UnitOfWork


class NotNationalError(AccessDeniedError):
    """The calendar is the whole country's: only a national HQ grant stores or changes it."""

    def __init__(self, actor: Actor, election: str) -> None:
        super().__init__(
            actor,
            Action.MANAGE_CANDIDACY,
            election,
            [actor.grant.place],
            "the calendar is a national decision, stored by the national HQ only",
        )


class NotAtRootError(NotNationalError):
    """A national HQ grant at a place other than `root`, the top of the election's units."""

    def __init__(self, actor: Actor, election: str, root: str) -> None:
        self.root = root
        named = {"election": election, "root": root, "user": actor.username}
        self.fa, self.en = (
            text_in(CATALOGUE, "calendar_not_root", lang, place=actor.grant.place, **named)
            for lang in ("fa", "en")
        )
        super().__init__(actor, election)


@dataclass(frozen=True)
class Disagreement:
    """One place where the calendar file (`path`) says other than the definition: `key` and
    `values` word it (`locale.candidacy`)."""

    path: str
    key: str
    values: Mapping[str, str | datetime.date]

    def text(self, lang: Lang) -> str:
        shown = {
            name: format_jalali(v, lang) if isinstance(v, datetime.date) else v
            for name, v in self.values.items()
        }
        return text_in(CATALOGUE, self.key, lang, **shown)


class CalendarDefinitionError(SandoghError):
    """The calendar disagrees with the election's loaded draft definition (review S20 F12): its
    polling stage is not the definition's day, or it names a contest the definition lacks, or
    misses one it has. `problems` lists every one with its path, in English; `fa` and `en` say
    them all."""

    def __init__(self, election: str, found: Sequence[Disagreement]) -> None:
        self.election = election
        self.found = tuple(found)

        def said(lang: Lang) -> str:
            each = ("؛ " if lang == "fa" else "; ").join(f"{d.path}: {d.text(lang)}" for d in found)
            return text_in(CATALOGUE, "calendar_definition", lang, election=election, each=each)

        self.problems = tuple(Problem(d.path, d.text("en")) for d in found)
        self.fa, self.en = said("fa"), said("en")
        super().__init__(self.en)


def disagreements(calendar: Calendar, election: Election) -> Iterator[Disagreement]:
    """Where `calendar` disagrees with `election`, its draft definition, each with its path."""
    defined = {c.id for c in election.contests}
    named = {"election": election.id}
    for i, schedule in enumerate(calendar.schedules):
        for j, contest in enumerate(schedule.contests):
            if contest not in defined:
                at = f"schedules[{i}].contests[{j}]"
                yield Disagreement(at, "calendar_unknown_contest", {**named, "contest": contest})
        for k, window in enumerate(schedule.windows):
            if window.stage is Stage.POLLING and not window.first == window.last == election.date:
                days = {"first": window.first, "last": window.last, "day": election.date}
                yield Disagreement(f"schedules[{i}].stages[{k}]", "calendar_polling_day", days)
    scheduled = {c for s in calendar.schedules for c in s.contests}
    for defined_contest in election.contests:
        if defined_contest.id not in scheduled:
            values = {**named, "contest": defined_contest.id}
            yield Disagreement("schedules", "calendar_missing_contest", values)


def store_calendar(
    uow: UnitOfWorkFactory,
    actor: Actor,
    calendar: Calendar,
    *,
    canonical: bytes,
    calendar_hash: str,
    now: datetime.datetime,
) -> None:
    """Store an election's calendar (a new version replaces the one stored; both are logged).

    The calendar is a national decision: only a national HQ grant at the root of the election's
    stored definition stores it. A new version may change only the stages not yet begun by
    `now`, or append later polling hours on polling day (`core.candidacy.calendar_change`); a
    refused change is logged as a refusal naming the stage. No second, supervisory approval is
    asked: the Guardian Council's concurrence is given outside the system, and the stored
    version is in the hash-chained log."""

    def use_case(work: UnitOfWork) -> None:
        election = calendar.election
        allowed(actor, Action.MANAGE_CANDIDACY, election)
        if actor.grant.role is not Role.NATIONAL_HQ:
            raise NotNationalError(actor, election)
        tree = geography_of(work, actor, Action.MANAGE_CANDIDACY, election)
        root = tree.top_down[0]
        if actor.grant.place != root:
            raise NotAtRootError(actor, election, root)
        stored = work.candidacy.calendar(election)
        if stored is not None:  # a stage begun is refused as such, before any disagreement
            local = now.astimezone(IRAN_TIME)
            names = {c.id: c.name for c in tree.election.contests}
            require_change(stored.calendar, calendar, local.date(), local.time(), names)
        found = list(disagreements(calendar, tree.election))
        if found:
            raise CalendarDefinitionError(election, found)
        work.candidacy.put_calendar(
            election, StoredCalendar(calendar, canonical, calendar_hash, now)
        )
        details = {"election": election, "calendar_hash": calendar_hash}
        work.events.record(acted(actor, now, EventType.CALENDAR_STORED, actor.grant.place, details))
        work.commit()

    try:
        guarded(uow, actor, now, use_case)
    except CalendarChangeError as refused:
        with uow() as work:
            details: dict[str, JSONValue] = {
                "election": calendar.election,
                "calendar_hash": calendar_hash,
                "frozen": [f"{f.contest}:{f.stage}" for f in refused.frozen],
            }
            work.events.record(
                acted(
                    actor,
                    now,
                    EventType.CALENDAR_STORED,
                    actor.grant.place,
                    details,
                    disposition=Disposition.REFUSED,
                )
            )
            work.commit()
        raise
