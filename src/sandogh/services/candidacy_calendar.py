"""The election calendar stored (issue 12, section 1; `core.candidacy.calendar`): the first
step of candidacy, a national decision.

Only a national HQ grant at the root of the election's units stores or changes it. The root is
read from the election's stored definition, loaded before the calendar as before every step of
candidacy (`services.candidacy_places`): with no definition no grant's place can be checked, and
the calendar is refused (`NoDefinitionError`) rather than stored under a place nobody checked.
"""

from __future__ import annotations

import datetime

from sandogh.core.access import Action, Role
from sandogh.core.candidacy.calendar import Calendar
from sandogh.core.candidacy.calendar_change import CalendarChangeError, require_change
from sandogh.core.canonical_json import JSONValue
from sandogh.core.log import Disposition, EventType
from sandogh.core.readiness.stations import IRAN_TIME
from sandogh.locale.candidacy import CATALOGUE
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
        if stored is not None:
            local = now.astimezone(IRAN_TIME)
            names = {c.id: c.name for c in tree.election.contests}
            require_change(stored.calendar, calendar, local.date(), local.time(), names)
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
