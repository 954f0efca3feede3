"""Acting under a grant: the access checks every supervision use case shares.

Issue 4, item 4, and DESIGN.md §6: an operator acts under a grant (a role at a place,
`core.access`); each use case is one transaction, checks `may` for every place it touches, and is
one event of the hash-chained log. A refusal for want of a right raises `AccessDeniedError` and is
recorded (ACCESS_DENIED) in a unit of work of its own, after the refused one has rolled back, as
report ingest records a refused report.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from sandogh.core.access import Action, Grant, may
from sandogh.core.definition.geography import Geography
from sandogh.core.errors import SandoghError
from sandogh.core.log import Disposition, Event, EventType, JSONValue
from sandogh.locale.access_refusals import denied_text
from sandogh.services.days import Day, day_of
from sandogh.services.elections import UnitOfWorkFactory, resolve_election_id
from sandogh.services.ports import UnitOfWork

T = TypeVar("T")


@dataclass(frozen=True)
class Actor:
    """Who acts, and under which grant: the event log's actor, role and rights."""

    username: str
    grant: Grant


class AccessDeniedError(SandoghError):
    """`actor` may not do `action` at `places` (those of the request its grant does not cover).

    `logged` is what the ACCESS_DENIED entry records besides the action and places."""

    logged: Mapping[str, JSONValue] = {}

    def __init__(
        self, actor: Actor, action: Action, election: str, places: Sequence[str], why: str = ""
    ) -> None:
        self.actor = actor
        self.action = action
        self.election = election
        self.places = tuple(places)
        grant = actor.grant
        said = {
            lang: denied_text(
                lang,
                user=actor.username,
                role=grant.role,
                place=grant.place,
                action=action.value,
                places=("، " if lang == "fa" else ", ").join(self.places[:3])
                + ("، …" if lang == "fa" else ", …") * (len(self.places) > 3),
            )
            for lang in ("fa", "en")
        }
        super().__init__(said["en"] + (f": {why}" if why else ""))
        # the command's language (`cli.acting`); a subclass words its own, before or after
        if not hasattr(self, "fa"):
            self.fa, self.en = said["fa"], str(self)


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
