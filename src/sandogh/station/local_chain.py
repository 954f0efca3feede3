"""The E2E ballot chain in the ballot box's file (docs/e2e.md §7): its entries and head, and the
part of a `station.local_store.Transaction` that reads and writes them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from sandogh.station.local_schema import stored_json


class ChainState(StrEnum):
    CAST = "cast"
    CHALLENGED = "challenged"


@dataclass(frozen=True)
class ChainEntry:
    """One ballot of the chain: its code, whether cast or challenged, the encrypted ballot's
    canonical JSON, and for a challenged one its nonce ξ_B and choices (contest: codes)."""

    code: bytes
    state: ChainState
    ballot: bytes
    opened: tuple[bytes, dict[str, list[str]]] | None = None


@dataclass(frozen=True)
class ChainHead:
    """The chain's start H_0, its last code (H_0 while empty), its counts, and its close once
    voting has closed."""

    start: bytes
    last: bytes
    cast: int
    challenged: int
    close: bytes | None


class ChainRows:
    """The chain's part of a `station.local_store.Transaction`."""

    _db: sqlite3.Connection

    def set_chain_start(self, start: bytes) -> None:
        self._db.execute("UPDATE station_state SET chain_start = ?", (start,))

    def chain_head(self) -> ChainHead | None:
        """Where the chain stands; None for a box without one (not E2E, or not open yet)."""
        (start, close) = self._db.execute(
            "SELECT chain_start, chain_close FROM station_state"
        ).fetchone()
        if start is None:
            return None
        last = self._db.execute(
            "SELECT code FROM ballot_chain ORDER BY position DESC LIMIT 1"
        ).fetchone()
        counts = dict(self._db.execute("SELECT state, count(*) FROM ballot_chain GROUP BY state"))
        return ChainHead(
            start=bytes(start),
            last=bytes(start if last is None else last[0]),
            cast=int(counts.get(ChainState.CAST.value, 0)),
            challenged=int(counts.get(ChainState.CHALLENGED.value, 0)),
            close=None if close is None else bytes(close),
        )

    def append_chain(self, entry: ChainEntry) -> None:
        """The next ballot of the chain; a cast one never with its nonce or choices."""
        opened = entry.opened
        self._db.execute(
            "INSERT INTO ballot_chain (code, state, ballot, nonce, choices) VALUES (?, ?, ?, ?, ?)",
            (
                entry.code,
                entry.state.value,
                entry.ballot,
                None if opened is None else opened[0],
                None if opened is None else stored_json(opened[1]),
            ),
        )

    def chain(self) -> Iterator[ChainEntry]:
        """The chain's ballots in chain order."""
        rows = self._db.execute(
            "SELECT code, state, ballot, nonce, choices FROM ballot_chain ORDER BY position"
        )
        for code, state, ballot, nonce, choices in rows:
            opened = None if nonce is None else (bytes(nonce), json.loads(choices))
            yield ChainEntry(bytes(code), ChainState(state), bytes(ballot), opened)

    def set_chain_close(self, close: bytes) -> None:
        self._db.execute("UPDATE station_state SET chain_close = ?", (close,))
