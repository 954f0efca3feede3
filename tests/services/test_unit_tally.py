"""A unit's read a page of the units just below it at a time (issue 14: a city of 3,508
stations): each page is the slice of the whole read, every page together the whole; a page past
the last is refused naming it. On SQLite (the paging is above the store)."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import Engine, text

from sandogh.services.results import ResultsView, show_results
from sandogh.services.running_trees import TotalsNotLoggedError
from sandogh.services.totals import check_totals
from sandogh.services.unit_tally import PageNotFoundError, TotalsDisagreeError
from sandogh.store.unit_of_work import SqlUnitOfWork
from tests.conftest import TEST_NOW

from .build import ROUND_2, ROUND_2_DAY, ST_1, ST_2, ST_3, load
from .test_supervision import NewUnitOfWork
from .test_totals import _import

pytestmark = pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)


@pytest.fixture
def reported(engine: Engine) -> NewUnitOfWork:
    def uow() -> SqlUnitOfWork:
        return SqlUnitOfWork(engine, now=TEST_NOW)

    load(uow, ROUND_2_DAY)
    _import(uow, ST_1, ST_2, ST_3)
    return uow


def _without_parts(view: ResultsView) -> list[object]:
    return [dataclasses.replace(r, parts=()) for r in view.results]


@pytest.mark.parametrize("unit", ["IR-08-0801", "IR-08"])  # stations below; counties below
def test_every_page_is_its_slice_of_the_whole_read(reported: NewUnitOfWork, unit: str) -> None:
    whole = show_results(reported, ROUND_2, unit=unit)
    assert (whole.page.number, whole.page.pages, whole.page.below) == (1, 1, 2)
    together: dict[str, list[object]] = {r.contest.id: [] for r in whole.results}
    for number in (1, 2):
        paged = show_results(reported, ROUND_2, unit=unit, page=number, page_size=1)
        assert (paged.page.number, paged.page.pages, paged.page.below) == (number, 2, 2)
        assert _without_parts(paged) == _without_parts(whole)  # the unit's own figures
        for shown, of_whole in zip(paged.results, whole.results, strict=True):
            assert shown.parts == of_whole.parts[number - 1 : number]
            together[shown.contest.id].extend(shown.parts)
    assert together == {r.contest.id: list(r.parts) for r in whole.results}


def test_a_page_past_the_last_is_refused_naming_the_last(reported: NewUnitOfWork) -> None:
    for number in (3, 0):
        with pytest.raises(PageNotFoundError) as refused:
            show_results(reported, ROUND_2, unit="IR-08-0801", page=number, page_size=1)
        assert refused.value.pages == 2
        assert "صفحهٔ آخر آن ۲ است" in refused.value.fa
        assert refused.value.en.endswith("their last page is 2.")
    with pytest.raises(PageNotFoundError):
        show_results(reported, ROUND_2, unit=ST_1, page=2)  # a station: one page, empty


def test_a_unit_s_row_changed_alone_is_refused_by_a_whole_read_and_a_paged_one(
    reported: NewUnitOfWork, engine: Engine
) -> None:
    """Uncertified, the kept total of a unit is held to the sum of every unit below it where
    all of them are read (one page), and a paged read's rows to the root the log last recorded
    (`services.running_trees`); `results check-totals` (every sheet added again) names the
    figure."""
    with engine.begin() as attack:
        attack.execute(
            text(
                "UPDATE results_total_votes SET votes = votes + 5 WHERE scope = 'unit' "
                "AND code = 'IR-08-0801' AND contest = 'president' AND candidate = '21'"
            )
        )
    with pytest.raises(TotalsDisagreeError):
        show_results(reported, ROUND_2, unit="IR-08-0801", contest="president")
    # a paged read: its page's rows lead to the root the log last recorded no more
    with pytest.raises(TotalsNotLoggedError):
        show_results(reported, ROUND_2, unit="IR-08-0801", contest="president", page=2, page_size=1)
    assert len(check_totals(reported, ROUND_2).differences) == 1
