"""The running totals trees' rows in the store (`services.totals_ports.
TreeRepository`, revision 0027): kept and read back with their page hashes, a null node kept as
no row, a rolled-back unit of work keeping nothing; a certification's
nodes written over a running row leave its page hashes; on the in-memory fake, SQLite and
PostgreSQL."""

from __future__ import annotations

from sandogh.core.supervision.running_tree import KeptNode

from .contract import ELECTION, NewUnitOfWork, store_election

PAGE = "sha256:" + "1" * 64
UNIT = KeptNode("sha256:" + "2" * 64, "sha256:" + "3" * 64, (PAGE, "sha256:" + "4" * 64))
STATION = KeptNode("sha256:" + "5" * 64)


def test_rows_are_kept_and_read_back(new_unit_of_work: NewUnitOfWork) -> None:
    store_election(new_unit_of_work)
    with new_unit_of_work() as work:
        assert work.trees.rows(ELECTION, "president", ["IR", "ST-1"]) == {}
        work.trees.keep(ELECTION, "president", {"IR": UNIT, "ST-1": STATION, "ST-2": None})
        # rolled back: nothing kept
    with new_unit_of_work() as work:
        assert work.trees.rows(ELECTION, "president", ["IR"]) == {}
        work.trees.keep(ELECTION, "president", {"IR": UNIT, "ST-1": STATION, "ST-2": None})
        work.commit()
    with new_unit_of_work() as work:
        found = work.trees.rows(ELECTION, "president", ["IR", "ST-1", "ST-2", "ST-3"])
        assert found == {"IR": UNIT, "ST-1": STATION}
        assert work.trees.rows(ELECTION, "parliament", ["IR"]) == {}
        work.trees.keep(ELECTION, "president", {"ST-1": None})  # null again: no row
        work.commit()
    with new_unit_of_work() as work:
        assert work.trees.rows(ELECTION, "president", ["IR", "ST-1"]) == {"IR": UNIT}
