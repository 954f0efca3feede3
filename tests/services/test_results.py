"""The event of importing results, on the in-memory fake, SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sandogh.formats.definition_file import definition_hash
from sandogh.services.errors import ResultsAlreadyImportedError
from sandogh.services.ports import UnitOfWork
from sandogh.services.results import import_results

from .build import DEVICE, LATER, ROUND_2, ROUND_2_DAY, RUNOFF_VOTES, ST_1, event_types, final, load

NewUnitOfWork = Callable[[], UnitOfWork]


def test_an_import_is_recorded_and_a_refused_one_is_not(new_unit_of_work: NewUnitOfWork) -> None:
    load(new_unit_of_work, ROUND_2_DAY, approved=False)  # results imported need no approval
    sheets = final(ROUND_2_DAY, ST_1, DEVICE, RUNOFF_VOTES).sheets

    import_results(new_unit_of_work, ROUND_2, sheets, now=LATER, actor="op-2")
    with pytest.raises(ResultsAlreadyImportedError):
        import_results(new_unit_of_work, ROUND_2, sheets, now=LATER)

    assert event_types(new_unit_of_work) == ["definition-loaded", "results-imported"]
    with new_unit_of_work() as work:
        event = list(work.events.entries())[-1].event
    assert (event.actor, event.place, event.time) == ("op-2", "IR", LATER)
    assert event.details == {
        "election": ROUND_2,
        "definition_hash": definition_hash(ROUND_2_DAY),
        "sheets": 2,
    }
