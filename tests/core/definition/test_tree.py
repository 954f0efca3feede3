"""The units as a tree and the constituencies over it, on a slice of Kerman 1403: duplicate codes,
parents, the root, and units listed by two constituencies."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sandogh.core.definition.model import ReportingUnit, UnitKind
from sandogh.core.definition.tree import UnitTree, cover
from sandogh.core.definition.validate import problems

from .kerman import (
    COUNCIL,
    UNITS,
    election_of,
    messages,
    trees,
    unit,
    with_contest,
    with_units,
)


def test_the_units_by_index_and_the_constituencies_over_them() -> None:
    tree = UnitTree.of(UNITS)
    assert (tree.root, tree.problems) == (0, ())
    assert list(tree.parent) == [-1, 0, 1, 2, 2, 1, 5]
    assert {p: list(kids) for p, kids in tree.children.items()} == {
        0: [1],
        1: [2, 5],
        2: [3, 4],
        5: [6],
    }
    # Kerman's constituency lists its county and, redundantly, a station in it: one part.
    kerman, bam = COUNCIL.constituencies
    council = replace(
        COUNCIL, constituencies=(replace(kerman, units=("IR-08-0801", "ST-0801-0001")), bam)
    )
    coverage = cover(council, "contests[0]", UNITS, tree)
    assert coverage.problems == ()
    assert coverage.listed == {2: 0, 3: 0, 5: 1}
    assert coverage.tops == ((2,), (5,))
    assert coverage.uncovered(UNITS, tree) == []
    only_kerman = replace(council, constituencies=council.constituencies[:1])
    assert cover(only_kerman, "contests[0]", UNITS, tree).uncovered(UNITS, tree) == ["ST-0802-0001"]


def test_below_a_broken_parent_nothing_hangs_from_the_root() -> None:
    units = (*UNITS, unit("V", UnitKind.VILLAGE, "NOWHERE"), unit("ST-V", UnitKind.STATION, "V"))
    tree = UnitTree.of(units)
    assert list(tree.rooted) == [True] * len(UNITS) + [False, False]
    assert [p.path for p in tree.problems] == ["units[7].parent"]


@pytest.mark.parametrize(
    ("units", "expected"),
    [
        (
            (*UNITS, unit("ST-0801-0001", UnitKind.STATION, "IR-08-0801")),
            "units[7].code: duplicate code ST-0801-0001, also used by units[3]",
        ),
        (
            (*UNITS, unit("ST-9", UnitKind.STATION, "IR-08-0803")),
            "units[7].parent: unknown unit IR-08-0803",
        ),
        (
            (UNITS[0], UNITS[3], *UNITS[1:3], *UNITS[4:]),
            "units[1].parent: IR-08-0801 comes later (units[3]); parents come before their "
            "children",
        ),
        (
            (*UNITS, unit("C", UnitKind.CITY, "C")),
            "units[7].parent: a unit cannot be its own parent",
        ),
        (
            (*UNITS, unit("IR-09", UnitKind.PROVINCE, "IR-08-0801")),
            "units[7].parent: IR-08-0801 is a county; a province cannot be below a county",
        ),
        (
            (*UNITS, unit("X", UnitKind.STATION, "ST-0801-0001")),
            "units[7].parent: ST-0801-0001 is a station; stations have no children",
        ),
        (
            (*UNITS, unit("IR2", UnitKind.NATION, None)),
            "units[7].parent: missing; only the root unit has no parent, and that is IR (units[0])",
        ),
    ],
)
def test_tree_problems(units: tuple[ReportingUnit, ...], expected: str) -> None:
    assert messages(with_units(*units)) == [expected]


def test_an_empty_geography_and_a_rootless_one() -> None:
    assert messages(replace(with_units(), contests=(COUNCIL,)))[0] == (
        "units: a definition needs at least its root unit"
    )
    rootless = (replace(UNITS[0], parent="IR-08"), *UNITS[1:])
    assert messages(with_units(*rootless)) == [
        "units: no root: exactly one unit must have no parent",
        "units[0].parent: IR-08 comes later (units[1]); parents come before their children",
    ]


def test_a_unit_listed_by_two_constituencies() -> None:
    kerman, bam = COUNCIL.constituencies
    contest = replace(COUNCIL, constituencies=(kerman, replace(bam, units=("IR-08-0801",))))
    assert messages(with_contest(contest))[0] == (
        "contests[0].constituencies[1].units[0]: IR-08-0801 is already in constituency kerman "
        "(contests[0].constituencies[0].units[0])"
    )


# ---- invariants ------------------------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(trees())
def test_a_valid_tree_has_no_problem(units: tuple[ReportingUnit, ...]) -> None:
    assert problems(election_of(units)) == ()


@settings(max_examples=100, deadline=None)
@given(trees(), st.data())
def test_a_child_moved_before_its_parent_is_found(
    units: tuple[ReportingUnit, ...], data: st.DataObject
) -> None:
    child = data.draw(st.integers(1, len(units) - 1))
    moved = (units[child], *units[:child], *units[child + 1 :])
    paths = [p.path for p in problems(election_of(moved))]
    assert "units[0].parent" in paths
