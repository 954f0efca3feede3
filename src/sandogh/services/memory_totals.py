"""The in-memory fakes of the running totals' ports (`services.totals_ports`), for tests.

A unit of work keeps its deltas beside the committed totals and adds them in at commit, under the
store's lock, as the database adds a delta into the row it finds then.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from sandogh.core.counting.running import ZERO, Place, Running, Scope, plus
from sandogh.core.supervision.running_tree import KeptNode


@dataclass
class TotalsTables:
    totals: dict[str, dict[Place, Running]] = field(default_factory=dict)
    filled: dict[str, str] = field(default_factory=dict)  # election → definition hash
    #: the running trees' rows by (election, contest, code)
    tree_rows: dict[tuple[str, str, str], KeptNode] = field(default_factory=dict)


class MemoryTotals:
    def __init__(self, tables: TotalsTables, lock: threading.Lock) -> None:
        self._tables = tables
        self._lock = lock
        self._deltas: dict[str, dict[Place, Running]] = {}
        self._cleared: set[str] = set()
        self._filled: dict[str, str] = {}

    def filled(self, election_id: str) -> str | None:
        if election_id in self._filled:
            return self._filled[election_id]
        with self._lock:
            return self._tables.filled.get(election_id)

    def claim(self, election_id: str, definition_hash: str) -> bool:
        if self.filled(election_id) == definition_hash:
            return False
        self._filled[election_id] = definition_hash
        return True

    def clear(self, election_id: str) -> None:
        self._cleared.add(election_id)
        self._deltas.pop(election_id, None)

    def add(self, election_id: str, deltas: Mapping[Place, Running]) -> None:
        pending = self._deltas.setdefault(election_id, {})
        for place, delta in deltas.items():
            pending[place] = plus(pending.get(place, ZERO), delta)

    def read(
        self,
        election_id: str,
        scope: Scope,
        codes: Collection[str],
        contests: Collection[str] | None = None,
    ) -> dict[Place, Running]:
        wanted = set(codes)
        return {
            place: total
            for place, total in self.all(election_id).items()
            if place.scope is scope
            and place.code in wanted
            and (contests is None or place.contest in contests)
        }

    def all(self, election_id: str) -> dict[Place, Running]:
        with self._lock:
            kept = {} if election_id in self._cleared else self._tables.totals.get(election_id, {})
            merged = dict(kept)
        for place, delta in self._deltas.get(election_id, {}).items():
            merged[place] = plus(merged.get(place, ZERO), delta)
        return merged

    def commit(self) -> None:
        for election_id in self._cleared:
            self._tables.totals.pop(election_id, None)
        for election_id, deltas in self._deltas.items():
            kept = self._tables.totals.setdefault(election_id, {})
            for place, delta in deltas.items():
                kept[place] = plus(kept.get(place, ZERO), delta)
        self._tables.filled.update(self._filled)
        self.discard()

    def discard(self) -> None:
        self._deltas.clear()
        self._cleared.clear()
        self._filled.clear()


class MemoryTrees:
    """A unit of work's rows beside the committed ones, put in at commit."""

    def __init__(self, tables: TotalsTables, lock: threading.Lock) -> None:
        self._tables = tables
        self._lock = lock
        self._rows: dict[tuple[str, str, str], KeptNode | None] = {}

    def rows(self, election_id: str, contest: str, codes: Collection[str]) -> dict[str, KeptNode]:
        found: dict[str, KeptNode] = {}
        with self._lock:
            for code in codes:
                key = (election_id, contest, code)
                row = self._rows[key] if key in self._rows else self._tables.tree_rows.get(key)
                if row is not None:
                    found[code] = row
        return found

    def keep(self, election_id: str, contest: str, rows: Mapping[str, KeptNode | None]) -> None:
        self._rows.update(((election_id, contest, code), row) for code, row in rows.items())

    def commit(self) -> None:
        for key, row in self._rows.items():
            if row is None:
                self._tables.tree_rows.pop(key, None)
            else:
                self._tables.tree_rows[key] = row
        self.discard()

    def discard(self) -> None:
        self._rows.clear()
