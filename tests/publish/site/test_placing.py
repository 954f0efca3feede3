"""Where a contest's constituencies lie, kept from one rendering to the next while only their
figures change (a night's passes), and found again once one lies elsewhere."""

from __future__ import annotations

import json
from pathlib import Path

from sandogh.publish.site import KeptReads
from sandogh.publish.site.pages import ElectionPages
from sandogh.publish.site.snapshot import SnapshotFiles
from tests.publish.site.build import PARTIAL, R2, write_snapshot

CONTEST = "president"


def _rewrite(path: Path, change: str) -> None:
    """The outcome written again by its publisher (a new file renamed into place), its
    candidates in another order (their votes changed) or, with `units`, drawn elsewhere."""
    outcome = json.loads(path.read_bytes())
    outcome["candidates"].reverse()
    if change == "units":
        outcome["constituency"]["units"] = outcome["constituency"]["units"][:-1]
    fresh = path.with_name(f".{path.name}.tmp")
    fresh.write_text(json.dumps(outcome), "utf-8")
    fresh.replace(path)


def test_where_the_constituencies_lie_is_kept_while_only_their_figures_change(
    tmp_path: Path,
) -> None:
    write_snapshot(tmp_path, PARTIAL)
    kept = KeptReads()

    def where() -> object:  # a rendering of its own
        pages = ElectionPages(SnapshotFiles(tmp_path, kept), R2)
        contest = next(c for c in pages.snapshot["contests"] if c["id"] == CONTEST)
        return pages.placing.where_in(contest)

    first = where()
    outcome = next((tmp_path / "data" / R2 / "outcomes" / CONTEST).glob("*.json"))
    _rewrite(outcome, "figures")
    assert where() is first
    _rewrite(outcome, "units")
    assert where() is not first
