"""Use cases over election definitions: load one, find one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sandogh.core.definition.model import Election
from sandogh.core.definition.validate import require_valid
from sandogh.services.errors import (
    ElectionChoiceError,
    ElectionIdTakenError,
    ElectionNotFoundError,
)
from sandogh.services.ports import StoredElection, UnitOfWork

UnitOfWorkFactory = Callable[[], UnitOfWork]


@dataclass(frozen=True)
class Loaded:
    election_id: str
    definition_hash: str
    created: bool  # False: the same definition was already stored, nothing changed


def load_election(
    uow: UnitOfWorkFactory, election: Election, *, definition_hash: str, canonical: bytes
) -> Loaded:
    """Store a validated definition once. Loading the same definition again changes nothing;
    another definition under a stored id is refused, since results already point at the old one."""
    require_valid(election)
    with uow() as work:
        stored = work.elections.hash_of(election.id)
        if stored == definition_hash:
            return Loaded(election.id, definition_hash, created=False)
        if stored is not None:
            raise ElectionIdTakenError(election.id, stored, definition_hash)
        work.elections.add(election, definition_hash, canonical)
        work.commit()
    return Loaded(election.id, definition_hash, created=True)


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
