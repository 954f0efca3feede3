"""Use cases over election definitions: load one, find one."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from sandogh.core.definition.model import Election
from sandogh.core.definition.validate import ValidElection, validated
from sandogh.core.log import Disposition, Event, EventType
from sandogh.services.errors import (
    ElectionChoiceError,
    ElectionIdTakenError,
    ElectionNotFoundError,
)
from sandogh.services.ports import StoredElection, UnitOfWork

UnitOfWorkFactory = Callable[[], UnitOfWork]

#: Who acts, and in what role, when the caller names no one: the centre itself.
SYSTEM = "system"


@dataclass(frozen=True)
class Loaded:
    election_id: str
    definition_hash: str
    created: bool  # False: the same definition was already stored, nothing changed


def load_election(
    uow: UnitOfWorkFactory,
    day: Election | ValidElection,
    *,
    definition_hash: str,
    canonical: bytes,
    now: datetime.datetime,
    actor: str = SYSTEM,
) -> Loaded:
    """Store a validated definition once, with its `DEFINITION_LOADED` event. Loading the same
    definition again changes nothing; another definition under a stored id is refused, since
    results already point at the old one. A `ValidElection` is not checked again."""
    election = (day if isinstance(day, ValidElection) else validated(day)).election
    with uow() as work:
        stored = work.elections.hash_of(election.id)
        if stored == definition_hash:
            return Loaded(election.id, definition_hash, created=False)
        if stored is not None:
            raise ElectionIdTakenError(election.id, stored, definition_hash)
        work.elections.add(election, definition_hash, canonical)
        work.events.record(
            Event(
                time=now,
                actor=actor,
                role=SYSTEM,
                place=root_of(election),
                type=EventType.DEFINITION_LOADED,
                disposition=Disposition.DONE,
                details={"election": election.id, "definition_hash": definition_hash},
            )
        )
        work.commit()
    return Loaded(election.id, definition_hash, created=True)


def root_of(election: Election) -> str:
    """The code of the unit at the top of a valid definition's tree."""
    return next(unit.code for unit in election.units if unit.parent is None)


def resolve_election_id(work: UnitOfWork, election_id: str | None) -> str:
    """The named election, or the only one stored when none is named."""
    if election_id is not None:
        return election_id
    known = work.elections.ids()
    if len(known) != 1:
        raise ElectionChoiceError(known)
    return known[0]


def get_election(work: UnitOfWork, election_id: str) -> StoredElection:
    stored = work.elections.get(election_id)
    if stored is None:
        raise ElectionNotFoundError(election_id, work.elections.ids())
    return stored
