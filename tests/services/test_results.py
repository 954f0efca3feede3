"""The event of importing results, on the in-memory fake, SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Callable

import pytest

from sandogh.core.counting.tally import Counts, InvalidKind
from sandogh.formats.definition_file import definition_hash
from sandogh.formats.tally_csv import read_tally_csv, write_tally_csv
from sandogh.services.days import CodesNotDrawnError
from sandogh.services.errors import ResultsAlreadyImportedError, SheetsDoNotReconcileError
from sandogh.services.ports import UnitOfWork
from sandogh.services.results import import_results, tally

from .build import (
    DEVICE,
    LATER,
    ROUND_2,
    ROUND_2_DAY,
    RUNOFF_VOTES,
    ST_1,
    day,
    event_types,
    final,
    load,
    parliament,
)

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
    roots = event.details["totals_roots"]  # every contest's running tree's (services.running_trees)
    assert event.details == {
        "election": ROUND_2,
        "definition_hash": definition_hash(ROUND_2_DAY),
        "sheets": 2,
        "totals_roots": roots,
    }
    assert sorted(roots) == ["parliament", "president"]


def test_crossed_out_ballots_of_a_paper_sheet_are_imported_and_reconciled(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    # The seeds' Kerman paper stations: among the invalid ballots, crossed-out ones (مخدوش).
    load(new_unit_of_work, ROUND_2_DAY)
    made = final(ROUND_2_DAY, ST_1, DEVICE, RUNOFF_VOTES).sheets
    crossed = [dataclasses.replace(s, counts=_crossed_out(s.counts, 3)) for s in made]
    stream = io.StringIO()
    write_tally_csv(crossed, stream)
    sheets = read_tally_csv(io.StringIO(stream.getvalue()), source_name="paper.csv")
    wrong = [dataclasses.replace(s, counts=dataclasses.replace(s.counts, cast=1)) for s in sheets]

    with pytest.raises(SheetsDoNotReconcileError):  # 3 crossed out are in cast, or it is wrong
        import_results(new_unit_of_work, ROUND_2, wrong, now=LATER)
    import_results(new_unit_of_work, ROUND_2, sheets, now=LATER)

    with new_unit_of_work() as work:
        totals = tally(work, ROUND_2).totals.units["president"]["IR"].counts
    assert totals.invalid[InvalidKind.CROSSED_OUT] == 3
    assert totals.valid + totals.invalid_total == totals.cast


def _crossed_out(counts: Counts, n: int) -> Counts:
    return dataclasses.replace(
        counts,
        cast=counts.cast + n,
        papers_used=counts.papers_used + n,
        papers_received=counts.papers_received + n,
        invalid={**counts.invalid, InvalidKind.CROSSED_OUT: n},
    )


def test_the_attack_results_imported_against_a_draft_are_refused(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    """A paper-only day took results against the draft definition (no candidates until the
    code draw) that no box may be enrolled on: refused the same way, naming the contest."""
    drafted = day(
        "draft-1403", (dataclasses.replace(parliament(False), candidates=()),), LATER.date()
    )
    load(new_unit_of_work, drafted)
    sheets = final(drafted, ST_1, DEVICE, {"parliament": [(), ()]}).sheets
    with pytest.raises(CodesNotDrawnError) as refused:
        import_results(new_unit_of_work, "draft-1403", sheets, now=LATER)
    assert refused.value.contests == ("parliament",)
    assert "draft-1403 is a draft: no candidates in parliament" in refused.value.en
    assert "«draft-1403» پیش‌نویس است" in refused.value.fa
    assert "results-imported" not in event_types(new_unit_of_work)
