"""All the checks of a definition at once, on the Kerman 1403 presidential runoff: every problem,
with its path, in the order of the file."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sandogh.core.definition.model import (
    UnitKind,
)
from sandogh.core.definition.problems import DefinitionError
from sandogh.core.definition.validate import ValidElection, problems, require_valid, validated

from .kerman import (
    COUNCIL,
    KERMAN,
    PRESIDENT,
    UNITS,
    unit,
    with_units,
)


def test_the_kerman_runoff_is_valid() -> None:
    assert problems(KERMAN) == ()
    assert require_valid(KERMAN) is KERMAN


def test_require_valid_raises_with_every_problem() -> None:
    bad = with_units(*UNITS, UNITS[3], unit("X", UnitKind.VILLAGE, "NOWHERE"))
    with pytest.raises(DefinitionError) as raised:
        require_valid(bad)
    assert raised.value.problems == problems(bad)
    assert [p.path for p in raised.value.problems] == ["units[7].code", "units[8].parent"]
    assert str(raised.value).startswith("2 problems: units[7].code: duplicate code ST-0801-0001")


def test_only_validated_makes_a_valid_election() -> None:
    assert validated(KERMAN).election is KERMAN
    assert validated(KERMAN) == validated(KERMAN)
    bad = with_units(*UNITS, unit("X", UnitKind.VILLAGE, "NOWHERE"))
    with pytest.raises(DefinitionError):
        validated(bad)
    with pytest.raises(TypeError, match="validated"):
        ValidElection(bad)


def test_every_problem_is_reported_in_file_order() -> None:
    bad = replace(
        KERMAN,
        id="Kerman",
        version=0,
        units=(*UNITS, unit("X", UnitKind.VILLAGE, "NOWHERE")),
        contests=(replace(PRESIDENT, round=1), replace(COUNCIL, id="")),
    )
    assert [p.path for p in problems(bad)] == [
        "election.id",
        "election.version",
        "units[7].parent",
        "contests[0].previous_round",
        "contests[1].id",
    ]
