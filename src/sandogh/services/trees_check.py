"""The running totals trees held whole by `sandogh results check-totals` (the session-29
outsider's A3): a unit's tree rows deleted or rewritten make its reads refuse, and the command
the refusal sends the operator to must name what changed. Each contest with no certification in
force (a certified one is held to its certification's tree) is made whole from the kept totals
and the stored sheets (`services.running_trees.whole_trees`); every row stored must be the one
made, and the root made must be the one the log last recorded (`logged_roots`)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from enum import Enum

from sandogh.core.counting.running import Place, Running
from sandogh.core.counting.tally import TallySheet
from sandogh.core.log import EventType
from sandogh.services.days import Day
from sandogh.services.ports import UnitOfWork
from sandogh.services.running_trees import ROOT_TYPES, Roots, whole_trees


class TreeFault(Enum):
    MISSING = "missing"  # a row made is not stored
    DIFFERS = "differs"  # a row stored is not the one made (or none is made there)
    ROOT = "root"  # the root made is not the one the log last recorded


@dataclass(frozen=True)
class TreeFinding:
    """What `check-totals` finds in a contest's tree: a unit's row (`code`) missing or not the
    one made, or the root made not the log's (`code` None; `entry`, the log entry recording it)."""

    contest: str
    fault: TreeFault
    code: str | None = None
    entry: int = 0


def check_trees(
    work: UnitOfWork,
    day: Day,
    roots: Roots,
    *,
    contests: Collection[str],
    kept: Mapping[Place, Running],
    sheets: Iterable[TallySheet],
) -> tuple[TreeFinding, ...]:
    """Every row of `contests`' trees stored that is not the one made whole from `kept` and
    `sheets` (the kept totals and the stored sheets as reported), in the order of the geography
    from its root down, and every contest whose root made is not `roots`' (the log's last)."""
    election, order = day.election.id, day.geography.top_down
    found: list[TreeFinding] = []
    made = whole_trees(day, contests, kept=kept, sheets=sheets)
    for contest, (root, rows) in made.items():
        stored = work.trees.rows(election, contest, order)
        for code in order:
            want, have = rows.get(code), stored.get(code)
            if want != have:
                fault = TreeFault.MISSING if have is None else TreeFault.DIFFERS
                found.append(TreeFinding(contest, fault, code))
        if root != roots.get(contest):
            entry = work.events.last_of_types(ROOT_TYPES, election) or work.events.last_of_types(
                (EventType.DEFINITION_LOADED,), election
            )
            sequence = 0 if entry is None else entry.sequence
            found.append(TreeFinding(contest, TreeFault.ROOT, None, sequence))
    return tuple(found)
