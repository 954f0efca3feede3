"""The ports of the hash-chained event log (`core.log`) and of its signed checkpoints, kept for
publication."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Protocol

from sandogh.core.log.chain import Entry
from sandogh.core.log.checkpoints import SignedCheckpoint
from sandogh.core.log.events import Event, EventType


class EventLog(Protocol):
    def record(self, event: Event) -> Entry:
        """Chain `event` after the current head (core.log.chain) and store it, in this unit of
        work; concurrent units of work never fork the chain."""

    def take_head(self) -> None:
        """Hold the log's head to the end of this unit of work, as `record` does: a change that
        reads the roots the log last recorded and records new ones (`services.running_trees`)
        then serializes with every other writer of the log."""

    def entries(self, after: int = 0) -> Iterator[Entry]:
        """Every entry whose sequence is above `after` (every entry by default), in sequence."""

    def head(self) -> Entry | None:
        """The last entry (None while the log is empty)."""

    def at(self, sequences: Collection[int]) -> dict[int, Entry]:
        """The entries of those sequences that the log holds, by sequence."""

    def of_type(self, kind: EventType, election: str) -> list[Entry]:
        """Every entry of type `kind` whose details name `election`, by sequence."""

    def last_of_types(self, kinds: Collection[EventType], election: str) -> Entry | None:
        """The newest entry of one of the types `kinds` whose details name `election`, found
        from the log's end (by type and sequence: one row a type when the election is the
        store's only one); None when there is none."""

    def of_types(
        self,
        kinds: Collection[EventType],
        election: str,
        places: Collection[str] | None = None,
        *,
        holding: tuple[str, Collection[str]] | None = None,
    ) -> list[Entry]:
        """Every entry of one of the types `kinds` whose details name `election` (recorded at
        one of `places` when given, and, with `holding` (key, values), whose details hold one
        of `values` under `key`), by sequence. The store leaves out what `holding` excludes
        before it decodes an entry: a reader that wants a few entries of a place where many
        are recorded pays for those few."""


class CheckpointRepository(Protocol):
    """The signed checkpoints of the event log (`core.log.checkpoints`), kept for publication."""

    def add(self, checkpoint: SignedCheckpoint) -> None: ...

    def last(self) -> SignedCheckpoint | None:
        """The latest checkpoint taken."""

    def all(self) -> list[SignedCheckpoint]:
        """Every checkpoint, in the order taken."""
