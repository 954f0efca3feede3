"""The units of a definition as a tree, and one contest's constituencies laid over it.

The tree is the one of `reference/seed-facts.md` (nation → province → county → district →
city/village → polling station, شعبه), written as `docs/formats.md` says: each unit names its
parent, parents come before their children, and exactly one unit, the root, has no parent. A
station belongs to a contest's constituency (حوزه انتخابیه) when the constituency lists it or a
unit above it, so it must be in at most one constituency of each contest.

Both readers of a definition build on these two walks: `validate` reports their problems with
every other one, and `Geography` indexes only a definition where they found none. Units are
referred to by index in the definition, so that a duplicate code still has a place.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sandogh.core.definition.model import UNIT_DEPTH, Contest, ReportingUnit, UnitKind
from sandogh.core.definition.problems import Problem


@dataclass(frozen=True)
class UnitTree:
    """The units indexed once: the first index of each code, each unit's valid parent (-1: none),
    its children in file order, and whether it hangs from the root through valid parents (so that
    a problem elsewhere does not also make the stations below it uncovered).

    `duplicates` are the codes used twice; `breaks` the parents and roots that stop the units
    forming one tree. Either kind makes the tree one that `Geography` refuses to index.
    """

    first: Mapping[str, int]
    parent: Sequence[int]
    children: Mapping[int, Sequence[int]]
    root: int  # -1 when no unit is without a parent
    rooted: Sequence[bool]
    duplicates: tuple[Problem, ...]
    breaks: tuple[Problem, ...]

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self.duplicates + self.breaks

    @staticmethod
    def of(units: Sequence[ReportingUnit]) -> UnitTree:
        duplicates: list[Problem] = []
        first: dict[str, int] = {}
        for i, unit in enumerate(units):
            if unit.code in first:
                duplicates.append(
                    Problem(
                        f"units[{i}].code",
                        f"duplicate code {unit.code}, also used by units[{first[unit.code]}]",
                    )
                )
            else:
                first[unit.code] = i
        breaks: list[Problem] = []
        parent: list[int] = []
        children: dict[int, list[int]] = {}
        roots: list[int] = []
        for i, unit in enumerate(units):
            if unit.parent is None:
                roots.append(i)
                parent.append(-1)
                continue
            p = first.get(unit.parent, -1)
            message = _parent_problem(unit, i, p, units)
            if message is None:
                children.setdefault(p, []).append(i)
            else:
                breaks.append(Problem(f"units[{i}].parent", message))
            parent.append(-1 if message else p)
        if not units:
            breaks.append(Problem("units", "a definition needs at least its root unit"))
        elif not roots:
            breaks.append(Problem("units", "no root: exactly one unit must have no parent"))
        breaks += [
            Problem(
                f"units[{i}].parent",
                f"missing; only the root unit has no parent, and that is "
                f"{units[roots[0]].code} (units[{roots[0]}])",
            )
            for i in roots[1:]
        ]
        root = roots[0] if roots else -1
        rooted = [False] * len(units)
        for i, p in enumerate(parent):
            rooted[i] = rooted[p] if p >= 0 else i == root
        return UnitTree(first, parent, children, root, rooted, tuple(duplicates), tuple(breaks))


def _parent_problem(
    unit: ReportingUnit, i: int, p: int, units: Sequence[ReportingUnit]
) -> str | None:
    if unit.parent == unit.code:
        return "a unit cannot be its own parent"
    if p < 0:
        return f"unknown unit {unit.parent}"
    if p > i:
        return f"{unit.parent} comes later (units[{p}]); parents come before their children"
    above = units[p].kind
    if above is UnitKind.STATION:
        return f"{unit.parent} is a station; stations have no children"
    if UNIT_DEPTH[above] >= UNIT_DEPTH[unit.kind]:
        return f"{unit.parent} is a {above}; a {unit.kind} cannot be below a {above}"
    return None


@dataclass(frozen=True)
class Coverage:
    """One contest's constituencies over the tree, and why the units they cover may be unclear.

    `listed` maps each listed unit to the index of its constituency in the contest (its first
    listing); `tops` gives, per constituency, its largest units in the order listed: the listed
    units with no listed unit above them. `problems` are the listings that are unknown, repeated
    or overlapping.
    """

    listed: Mapping[int, int]
    tops: tuple[tuple[int, ...], ...]
    problems: tuple[Problem, ...]

    def uncovered(self, units: Sequence[ReportingUnit], tree: UnitTree) -> list[str]:
        """The codes of the stations below the root that no constituency covers (a broken parent
        is its own problem, and does not also leave the stations under it uncovered)."""
        covered = [False] * len(units)
        for i, p in enumerate(tree.parent):  # parents first: a unit's parent is settled before it
            covered[i] = i in self.listed or (p >= 0 and covered[p])
        return [
            unit.code
            for i, unit in enumerate(units)
            if not covered[i] and unit.kind is UnitKind.STATION and tree.rooted[i]
        ]


def cover(contest: Contest, at: str, units: Sequence[ReportingUnit], tree: UnitTree) -> Coverage:
    """The constituencies of `contest` (at path `at`) over `tree`.

    A unit listed by two constituencies, or listed while a unit above it is listed by another,
    would put its stations in two constituencies of the contest. Only the listed units and the
    units above them are visited, so a contest costs little more than its listings.
    """
    listed, found = _listings(contest, at, tree)
    tops: list[list[int]] = [[] for _ in contest.constituencies]
    overlaps: list[tuple[int, Problem]] = []
    for u, (k, j) in listed.items():
        outer = tree.parent[u]
        while outer >= 0 and outer not in listed:
            outer = tree.parent[outer]
        if outer < 0:
            tops[k].append(u)
        elif listed[outer][0] != k:
            overlaps.append(
                (
                    u,
                    Problem(
                        _listing(at, k, j),
                        f"{units[u].code} is already in constituency "
                        f"{contest.constituencies[listed[outer][0]].id} through "
                        f"{units[outer].code}",
                    ),
                )
            )
    # In the order of the units in the file, as a walk down from the root would find them.
    found += [problem for _, problem in sorted(overlaps, key=lambda overlap: overlap[0])]
    return Coverage({u: k for u, (k, _) in listed.items()}, tuple(map(tuple, tops)), tuple(found))


def _listings(
    contest: Contest, at: str, tree: UnitTree
) -> tuple[dict[int, tuple[int, int]], list[Problem]]:
    """Each listed unit's index → its constituency and place in that constituency's list, and the
    listings that name no unit or one already listed."""
    found = []
    listed: dict[int, tuple[int, int]] = {}
    for k, constituency in enumerate(contest.constituencies):
        mine: set[str] = set()
        for j, code in enumerate(constituency.units):
            u = tree.first.get(code)
            if u is None:
                found.append(Problem(_listing(at, k, j), f"unknown unit {code}"))
            elif code in mine:
                found.append(Problem(_listing(at, k, j), f"{code} is listed twice"))
            elif u in listed:
                kk, jj = listed[u]
                found.append(
                    Problem(
                        _listing(at, k, j),
                        f"{code} is already in constituency {contest.constituencies[kk].id} "
                        f"({_listing(at, kk, jj)})",
                    )
                )
            else:
                listed[u] = (k, j)
            mine.add(code)
    return listed, found


def _listing(at: str, k: int, j: int) -> str:
    return f"{at}.constituencies[{k}].units[{j}]"
