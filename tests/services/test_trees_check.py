"""`check-totals` holds the running totals trees whole (the session-29 outsider's A3): a unit's
tree rows deleted or rewritten by SQL make its reads refuse, and the check names the unit."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, delete, update

from sandogh.services.results import show_results
from sandogh.services.running_trees import TotalsNotLoggedError
from sandogh.services.totals import check_totals
from sandogh.services.trees_check import TreeFault, TreeFinding
from sandogh.store.tables import CertifiedNodeRow

from .build import ROUND_2, ROUND_2_DAY, ST_1, ST_2, load
from .test_running_trees import _move_a_vote, _store
from .test_totals import _import

_COUNTY = "IR-08-0801"  # ST_1's
_ROWS = (CertifiedNodeRow.contest == "president") & (CertifiedNodeRow.code == _COUNTY)


def _imported(engine: Engine) -> None:
    uow = _store(engine)
    load(uow, ROUND_2_DAY)
    _import(uow, ST_1, ST_2)
    checked = check_totals(uow, ROUND_2)
    assert (checked.differences, checked.tree_findings) == ((), ())
    assert checked.trees == len(ROUND_2_DAY.contests)


def test_a_county_s_deleted_tree_row_is_named_by_check_totals(engine: Engine) -> None:
    _imported(engine)
    with engine.begin() as attack:
        attack.execute(delete(CertifiedNodeRow).where(_ROWS))
    uow = _store(engine)
    with pytest.raises(TotalsNotLoggedError):
        show_results(uow, ROUND_2, unit="IR-08")  # the county beside its siblings
    checked = check_totals(uow, ROUND_2)
    assert checked.differences == ()  # the totals are whole: the tree's row alone is gone
    assert checked.tree_findings == (TreeFinding("president", TreeFault.MISSING, _COUNTY),)


def test_a_tree_row_s_pages_rewritten_are_named_by_check_totals(engine: Engine) -> None:
    _imported(engine)
    with engine.begin() as attack:
        attack.execute(update(CertifiedNodeRow).where(_ROWS).values(pages="sha256:forged"))
    checked = check_totals(_store(engine), ROUND_2)
    assert checked.tree_findings == (TreeFinding("president", TreeFault.DIFFERS, _COUNTY),)


def test_totals_rewritten_above_a_county_name_the_rows_and_the_logged_root(
    engine: Engine,
) -> None:
    """r2tot: the kept totals of a county, its province and the nation moved alike; the trees
    made from them differ from the rows stored there, and lead to another root than the log's."""
    _imported(engine)
    with engine.begin() as attack:
        _move_a_vote(attack, "21", "25")
    uow = _store(engine)
    checked = check_totals(uow, ROUND_2)
    assert checked.differences != ()
    with uow() as work:
        entry = work.events.head()
    assert entry is not None
    assert checked.tree_findings == (
        TreeFinding("president", TreeFault.DIFFERS, "IR"),
        TreeFinding("president", TreeFault.DIFFERS, "IR-08"),
        TreeFinding("president", TreeFault.DIFFERS, _COUNTY),
        TreeFinding("president", TreeFault.ROOT, None, entry.sequence),
    )
