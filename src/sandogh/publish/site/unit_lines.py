"""The units above each unit of an election, from its units.json: where a unit's page finds
the constituencies around it (`pages.ElectionPages.line`) without reading each unit's result."""

from __future__ import annotations

from sandogh.publish.site.snapshot import UnitEntry


class Lines:
    """The units above each unit, the root first, from units.json's parents; each line found
    once."""

    def __init__(self, units: list[UnitEntry]) -> None:
        self._parents = {unit["code"]: unit["parent"] for unit in units}
        self._up: dict[str, tuple[str, ...]] = {}

    def up(self, code: str) -> tuple[str, ...]:
        """The units above `code`, the root first (KeyError for a unit units.json lacks)."""
        found = self._up.get(code)
        if found is None:
            parent = self._parents[code]
            found = self._up[code] = () if parent is None else (*self.up(parent), parent)
        return found
