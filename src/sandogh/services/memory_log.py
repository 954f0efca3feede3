"""The in-memory event log and checkpoints of `services.memory`: the log is held by one recording
unit of work at a time, so its chain never forks."""

from __future__ import annotations

import threading
from collections.abc import Collection, Iterator

from sandogh.core.log.chain import Entry, chain
from sandogh.core.log.checkpoints import SignedCheckpoint
from sandogh.core.log.events import Event, EventType
from sandogh.services.memory_store import MemoryStore

#: How long a unit of work waits for another to release the event log, as SQLite's busy timeout.
LOG_WAIT_SECONDS = 30.0


class MemoryEvents:
    def __init__(self, store: MemoryStore) -> None:
        self._store = store
        self.pending: list[Entry] = []
        self._holding = False

    def record(self, event: Event) -> Entry:
        if not self._holding:
            self._hold()
        head = self.pending[-1] if self.pending else self._head()
        entry = chain(head, event)
        self.pending.append(entry)
        return entry

    def take_head(self) -> None:
        if not self._holding:
            self._hold()

    def _head(self) -> Entry | None:
        with self._store.lock:
            return self._store.events[-1] if self._store.events else None

    def _hold(self) -> None:
        if self._store.log_thread == threading.get_ident():
            raise RuntimeError(
                "another unit of work of this thread is recording events: it would wait for itself"
            )
        if not self._store.log.acquire(timeout=LOG_WAIT_SECONDS):
            raise RuntimeError("the event log stayed held by another unit of work")
        self._store.log_thread = threading.get_ident()
        self._holding = True

    def entries(self, after: int = 0) -> Iterator[Entry]:
        with self._store.lock:
            return iter([e for e in (*self._store.events, *self.pending) if e.sequence > after])

    def head(self) -> Entry | None:
        return self.pending[-1] if self.pending else self._head()

    def at(self, sequences: Collection[int]) -> dict[int, Entry]:
        wanted = set(sequences)
        return {e.sequence: e for e in self.entries() if e.sequence in wanted}

    def of_type(self, kind: EventType, election: str) -> list[Entry]:
        return self.of_types((kind,), election)

    def last_of_types(self, kinds: Collection[EventType], election: str) -> Entry | None:
        found = self.of_types(kinds, election)
        return found[-1] if found else None

    def of_types(
        self,
        kinds: Collection[EventType],
        election: str,
        places: Collection[str] | None = None,
        *,
        holding: tuple[str, Collection[str]] | None = None,
    ) -> list[Entry]:
        return [
            e
            for e in self.entries()
            if e.event.type in kinds
            and e.event.details.get("election") == election
            and (places is None or e.event.place in places)
            and (holding is None or e.event.details.get(holding[0]) in holding[1])
        ]

    def commit(self) -> None:
        self._store.events.extend(self.pending)
        self.discard()

    def discard(self) -> None:
        self.pending.clear()
        if self._holding:
            self._holding = False
            self._store.log_thread = None
            self._store.log.release()


class MemoryCheckpoints:
    def __init__(self, store: MemoryStore) -> None:
        self._store = store
        self.pending: list[SignedCheckpoint] = []

    def add(self, checkpoint: SignedCheckpoint) -> None:
        self.pending.append(checkpoint)

    def last(self) -> SignedCheckpoint | None:
        taken = self.all()
        return taken[-1] if taken else None

    def all(self) -> list[SignedCheckpoint]:
        with self._store.lock:
            return [*self._store.checkpoints, *self.pending]

    def commit(self) -> None:
        self._store.checkpoints.extend(self.pending)
        self.pending.clear()

    def discard(self) -> None:
        self.pending.clear()
