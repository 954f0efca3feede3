"""The places operators are scoped to: every unit of the election days the centre holds.

DESIGN.md §6: "every role is scoped to a place in the geography". An operator's account outlives
any one election day, so its place is a unit code of the geography the stored days share (the same
code names the same province, county or station on every day, docs/formats.md). `Places` is that
tree as parent links, enough for `roles.covers`, `roles.may` and `roles.outranks`; an election's
own `Geography` serves them as well (both are a `Tree`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Protocol


class Tree(Protocol):
    """What the access rules need of a geography: the units above a unit, nearest first."""

    def ancestors(self, code: str) -> tuple[str, ...]:
        """Parent, grandparent, …, the root; `KeyError` for an unknown code."""
        ...


@dataclass(frozen=True, eq=False)
class Places:
    """Unit codes and their parents, merged from every stored election day."""

    parents: Mapping[str, str | None]

    @classmethod
    def of(cls, links: Iterable[tuple[str, str | None]]) -> Places:
        """From (code, parent) pairs; when days disagree on a code's parent the first pair wins,
        so callers give the days in a fixed order."""
        parents: dict[str, str | None] = {}
        for code, parent in links:
            parents.setdefault(code, parent)
        return cls(MappingProxyType(parents))

    def __contains__(self, code: object) -> bool:
        return code in self.parents

    def ancestors(self, code: str) -> tuple[str, ...]:
        if code not in self.parents:
            raise KeyError(code)
        found: list[str] = []
        parent = self.parents[code]
        # Merged days could in principle make a loop; a walk longer than the tree stops there.
        while parent is not None and parent in self.parents and len(found) < len(self.parents):
            found.append(parent)
            parent = self.parents[parent]
        return tuple(found)
