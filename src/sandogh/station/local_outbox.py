"""The ballot box's outbox and its incidents: what waits to be sent to the centre and what was
noted on the day, and the part of a `station.local_store.Transaction` that reads and writes them.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from sandogh.station.local_schema import stored_time


class OutboxKind(StrEnum):
    CHECK_IN = "check-in"  # subject: the national code; payload: the offline check-in
    REPORT = "report"  # subject: the report's kind; payload: the signed report's bytes
    BALLOT_CHAIN = "ballot-chain"  # subject: "final"; payload: the chain file (docs/e2e.md §7)


@dataclass(frozen=True)
class OutboxItem:
    item: int
    kind: OutboxKind
    subject: str
    payload: bytes
    attempts: int


@dataclass(frozen=True)
class Queued:
    """Where one outbox item stands: tried `attempts` times, next due at `next_attempt`, or
    `refused` by the centre with its reason."""

    attempts: int
    next_attempt: datetime.datetime
    refused: str | None


@dataclass(frozen=True)
class Receipt:
    """The centre took an item: `digest` (sha256:HEX) of the very bytes it took, at `at`."""

    digest: str
    at: datetime.datetime


@dataclass(frozen=True)
class OutboxSummary:
    pending: int
    refused: int
    next_attempt: datetime.datetime | None


@dataclass(frozen=True)
class LocalIncident:
    kind: str
    at: datetime.datetime
    details: Mapping[str, object]


class OutboxRows:
    """The outbox's and incidents' part of a `station.local_store.Transaction`."""

    _db: sqlite3.Connection

    def enqueue(
        self, kind: OutboxKind, subject: str, payload: bytes, now: datetime.datetime
    ) -> bool:
        """Queue an item, due at once; False (nothing written) if one of this kind and subject
        is queued already."""
        cursor = self._db.execute(
            "INSERT OR IGNORE INTO outbox (kind, subject, payload, next_attempt)"
            " VALUES (?, ?, ?, ?)",
            (kind.value, subject, payload, stored_time(now)),
        )
        return cursor.rowcount == 1

    def due(self, kind: OutboxKind, now: datetime.datetime, limit: int) -> list[OutboxItem]:
        """Up to `limit` items of `kind` not refused whose next attempt is due, oldest first."""
        rows = self._db.execute(
            "SELECT item, subject, payload, attempts FROM outbox WHERE kind = ?"
            " AND refused IS NULL AND next_attempt <= ? ORDER BY item LIMIT ?",
            (kind.value, stored_time(now), limit),
        )
        return [OutboxItem(item, kind, subject, bytes(p), n) for item, subject, p, n in rows]

    def delivered(self, items: Sequence[OutboxItem]) -> None:
        """Drop delivered items: an offline check-in's national code leaves the box with it."""
        self._db.executemany("DELETE FROM outbox WHERE item = ?", [(i.item,) for i in items])

    def add_receipt(self, item: OutboxItem, at: datetime.datetime) -> None:
        """Keep the centre's receipt of a delivered report or chain (never of a check-in: a
        national code leaves the box with it)."""
        digest = "sha256:" + hashlib.sha256(item.payload).hexdigest()
        self._db.execute(
            "INSERT OR REPLACE INTO receipts (kind, subject, digest, received_at)"
            " VALUES (?, ?, ?, ?)",
            (item.kind.value, item.subject, digest, stored_time(at)),
        )

    def receipt(self, kind: OutboxKind, subject: str) -> Receipt | None:
        row = self._db.execute(
            "SELECT digest, received_at FROM receipts WHERE kind = ? AND subject = ?",
            (kind.value, subject),
        ).fetchone()
        return None if row is None else Receipt(row[0], datetime.datetime.fromisoformat(row[1]))

    def postpone(self, item: OutboxItem, error: str, until: datetime.datetime) -> None:
        self._db.execute(
            "UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt = ?"
            " WHERE item = ?",
            (error, stored_time(until), item.item),
        )

    def refuse(self, items: Sequence[OutboxItem], reason: str) -> None:
        """Keep refused items, not to be retried: a supervisor must look at them."""
        self._db.executemany(
            "UPDATE outbox SET attempts = attempts + 1, refused = ? WHERE item = ?",
            [(reason, i.item) for i in items],
        )

    def queued(self, kind: OutboxKind, subject: str) -> Queued | None:
        """The item of `kind` and `subject` while it is in the outbox; None once delivered."""
        row = self._db.execute(
            "SELECT attempts, next_attempt, refused FROM outbox WHERE kind = ? AND subject = ?",
            (kind.value, subject),
        ).fetchone()
        if row is None:
            return None
        return Queued(int(row[0]), datetime.datetime.fromisoformat(row[1]), row[2])

    def outbox_summary(self) -> OutboxSummary:
        pending, refused, next_attempt = self._db.execute(
            "SELECT coalesce(sum(refused IS NULL), 0), coalesce(sum(refused IS NOT NULL), 0),"
            " min(CASE WHEN refused IS NULL THEN next_attempt END) FROM outbox"
        ).fetchone()
        when = None if next_attempt is None else datetime.datetime.fromisoformat(next_attempt)
        return OutboxSummary(int(pending), int(refused), when)

    # ---- incidents ----------------------------------------------------------------------------

    def add_incident(self, kind: str, at: datetime.datetime, details: Mapping[str, object]) -> None:
        self._db.execute(
            "INSERT INTO incidents (kind, noted_at, details) VALUES (?, ?, ?)",
            (
                kind,
                stored_time(at),
                json.dumps(details, ensure_ascii=False, sort_keys=True, default=str),
            ),
        )

    def incidents(self) -> list[LocalIncident]:
        rows = self._db.execute("SELECT kind, noted_at, details FROM incidents ORDER BY incident")
        return [
            LocalIncident(kind, datetime.datetime.fromisoformat(at), json.loads(details))
            for kind, at, details in rows
        ]
