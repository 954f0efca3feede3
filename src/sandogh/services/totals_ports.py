"""The port running totals are kept through (issue 14, `services.totals`).

A store adds a delta into a total in the database itself (`x = x + :n`), so that two units of
work changing the same county's totals at once both count: neither reads a total to write it back.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Protocol

from sandogh.core.counting.running import Place, Running, Scope
from sandogh.core.supervision.running_tree import KeptNode


class TotalsRepository(Protocol):
    def filled(self, election_id: str) -> str | None:
        """The definition hash the election's totals were counted under; None if they never
        were (stored before they were kept)."""

    def claim(self, election_id: str, definition_hash: str) -> bool:
        """Name the election's totals as counted under `definition_hash`; True when this unit
        of work is to count them (they were not, or under another definition), False when they
        already are (another unit of work, waited for, counted them first)."""

    def clear(self, election_id: str) -> None:
        """Drop every total of the election."""

    def add(self, election_id: str, deltas: Mapping[Place, Running]) -> None:
        """Add each delta into its place's total (a place without one starts from nothing)."""

    def read(
        self,
        election_id: str,
        scope: Scope,
        codes: Collection[str],
        contests: Collection[str] | None = None,
    ) -> dict[Place, Running]:
        """The totals of `codes` in `scope`, of `contests` (every contest when None); a place
        without one is left out."""

    def all(self, election_id: str) -> dict[Place, Running]:
        """Every total of the election."""


class TreeRepository(Protocol):
    """The running totals trees' rows (`core.supervision.running_tree`). Not believed: what is
    read is held to the root the log last recorded (`services.running_trees`)."""

    def rows(self, election_id: str, contest: str, codes: Collection[str]) -> dict[str, KeptNode]:
        """The kept rows of `codes` (none for a code without one: a null node)."""

    def keep(self, election_id: str, contest: str, rows: Mapping[str, KeptNode | None]) -> None:
        """Keep `rows` by code, each replacing the one kept before; None drops it (null)."""
