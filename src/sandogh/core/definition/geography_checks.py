"""The checks of a definition's units: the tree, each unit's own facts and the voters they sum to.

Sources: the station facts of `reference/seed-facts.md` and `reference/iran-election-rules.md` (a
polling station, شعبه اخذ رای, is fixed or mobile, urban or rural, some in hard-to-reach areas);
`docs/formats.md` (only stations carry station details, a place in decimal degrees); the tree
itself is checked by `core.definition.tree`. Decision where the sources are silent: children's
eligible voters may add up to less than their parent's figure (a definition may leave out part of
the geography, and official figures include voters no listed station serves) but never to more:
more voters below a unit than in it is a contradiction. A unit without a figure counts as the sum
of its children when every child has one (`ReportingUnit`).
"""

from __future__ import annotations

from collections.abc import Sequence

from sandogh.core.definition.identifiers import CODE, NO_NAME, bad_code, named
from sandogh.core.definition.model import ReportingUnit, UnitKind
from sandogh.core.definition.problems import Problem
from sandogh.core.definition.tree import UnitTree


def geography_problems(units: Sequence[ReportingUnit], tree: UnitTree) -> list[Problem]:
    """Every problem of `units` (indexed as `tree`); those of one unit in the order of its fields:
    a duplicate code, then the code itself, the unit's facts, its parent and its voters."""
    found = list(tree.duplicates)
    for i, unit in enumerate(units):
        if not CODE.fullmatch(unit.code):
            found.append(bad_code(unit.code, f"units[{i}].code"))
        found += _unit_problems(unit, i)
    return found + list(tree.breaks) + _eligible_problems(units, tree)


def _unit_problems(unit: ReportingUnit, i: int) -> list[Problem]:
    found = [] if named(unit.name) else [Problem(f"units[{i}].name.fa", NO_NAME)]
    if unit.eligible_voters is not None and unit.eligible_voters < 0:
        found.append(
            Problem(f"units[{i}].eligible_voters", f"must be 0 or more, not {unit.eligible_voters}")
        )
    station = unit.station
    if station is None:
        if unit.kind is UnitKind.STATION:
            found.append(Problem(f"units[{i}].station", "required for a station"))
        return found
    if unit.kind is not UnitKind.STATION:
        found.append(
            Problem(f"units[{i}].station", f"only stations have station details, not a {unit.kind}")
        )
    if station.location is not None:
        for axis, value, limit in (
            ("lat", station.location.lat, 90),
            ("lon", station.location.lon, 180),
        ):
            if not value.is_finite() or not -limit <= value <= limit:
                found.append(
                    Problem(
                        f"units[{i}].station.location.{axis}",
                        f"{value} is not between -{limit} and {limit}",
                    )
                )
    return found


def _eligible_problems(units: Sequence[ReportingUnit], tree: UnitTree) -> list[Problem]:
    """Children come after parents, so one backward pass knows every child's figure in time."""
    found = []
    derived: list[int | None] = [unit.eligible_voters for unit in units]
    for i in range(len(units) - 1, -1, -1):
        kids = tree.children.get(i)
        if not kids:
            continue
        below = [derived[k] for k in kids]
        if None in below:
            continue
        total = sum(n for n in below if n is not None)
        given = units[i].eligible_voters
        if given is None:
            derived[i] = total
        elif total > given:
            found.append(
                Problem(
                    f"units[{i}].eligible_voters",
                    f"the units below {units[i].code} have {total} eligible voters, more than "
                    f"its {given}",
                )
            )
    return found
