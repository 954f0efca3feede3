"""The scope of a unit's figures (`core.definition.scope`): down a line of single units to the
first that holds several, or a station, or nothing known below it (issue 13)."""

from __future__ import annotations

from collections.abc import Sequence

from sandogh.core.definition.scope import scope_line

#: a nation holding one province, which holds two counties; a county holding one station
TREE: dict[str, Sequence[tuple[str, str]]] = {
    "IR": [("IR-08", "province")],
    "IR-08": [("IR-08-01", "county"), ("IR-08-02", "county")],
    "IR-08-01": [("ST-1", "station")],
    "IR-08-02": [],
}


def test_a_unit_that_holds_one_unit_is_named_for_it() -> None:
    assert scope_line("IR", TREE.get) == ("IR", "IR-08")
    assert scope_line("IR-08", TREE.get) == ("IR-08",)


def test_a_station_or_a_unit_nothing_is_known_of_is_never_the_scope() -> None:
    assert scope_line("IR-08-01", TREE.get) == ("IR-08-01",)
    assert scope_line("IR", {"IR": [("IR-08", "province")]}.get) == ("IR",)
    assert scope_line("nowhere", TREE.get) == ("nowhere",)
