"""The events of loading a definition, on the in-memory fake, SQLite and PostgreSQL."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from sandogh.formats.definition_file import canonical_bytes, definition_hash
from sandogh.services.elections import load_election
from sandogh.services.ports import UnitOfWork

from .build import LATER, NOW, ROUND_1_DAY

NewUnitOfWork = Callable[[], UnitOfWork]


def test_loading_a_definition_is_recorded_once(new_unit_of_work: NewUnitOfWork) -> None:
    def load(now: datetime.datetime = NOW) -> bool:
        return load_election(
            new_unit_of_work,
            ROUND_1_DAY,
            definition_hash=definition_hash(ROUND_1_DAY),
            canonical=canonical_bytes(ROUND_1_DAY),
            now=now,
            actor="admin-1",
        ).created

    assert load()
    assert not load(LATER)  # the same definition again changes nothing, and records nothing

    with new_unit_of_work() as work:
        (entry,) = list(work.events.entries())
    event = entry.event
    assert (event.type, event.disposition, event.time) == ("definition-loaded", "done", NOW)
    assert (event.actor, event.role, event.place) == ("admin-1", "system", "IR")
    assert event.details == {
        "election": ROUND_1_DAY.id,
        "definition_hash": definition_hash(ROUND_1_DAY),
    }
