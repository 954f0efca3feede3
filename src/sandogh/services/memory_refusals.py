"""The in-memory `RefusalRepository` of `services.memory`, kept to the SQL store's contract
(tests/store/test_refusals.py): counts add this unit of work's increments to what is committed,
as `count = count + 1` does, and the first refusal of a source's minute is told to one unit of
work only.
"""

from __future__ import annotations

import datetime
import threading
from collections import Counter
from dataclasses import dataclass, field

from sandogh.services.ports import RefusalCount


@dataclass
class RefusalTables:
    """What is committed; one per `MemoryStore`."""

    #: Refusals by (source, minute, reason).
    counts: dict[tuple[str, datetime.datetime, str], int] = field(default_factory=dict)
    #: The (source, minute)s refused, committed or claimed by a unit of work still open.
    sources: set[tuple[str, datetime.datetime]] = field(default_factory=set)


class MemoryRefusals:
    """Counts added on commit; the first of a source's minute is claimed at once, as a unique
    key would be, and given back if the unit of work is discarded."""

    def __init__(self, tables: RefusalTables, lock: threading.Lock) -> None:
        self._tables = tables
        self._lock = lock
        self._added: Counter[tuple[str, datetime.datetime, str]] = Counter()
        self._firsts: set[tuple[str, datetime.datetime]] = set()

    def count(self, source: str, minute: datetime.datetime, reason: str) -> bool:
        self._added[source, minute, reason] += 1
        with self._lock:
            if (source, minute) in self._tables.sources:
                return False
            self._tables.sources.add((source, minute))
        self._firsts.add((source, minute))
        return True

    def counts(self, since: datetime.datetime, limit: int) -> list[RefusalCount]:
        with self._lock:
            merged = Counter(self._tables.counts)
        merged.update(self._added)
        rows = [RefusalCount(*key, n) for key, n in merged.items() if key[1] >= since]
        rows.sort(key=lambda r: (-r.minute.timestamp(), -r.count, r.source, r.reason))
        return rows[:limit]

    def commit(self) -> None:
        self._tables.counts.update(
            {k: self._tables.counts.get(k, 0) + n for k, n in self._added.items()}
        )
        self._added.clear()
        self._firsts.clear()

    def discard(self) -> None:
        self._added.clear()
        self._tables.sources.difference_update(self._firsts)
        self._firsts.clear()
