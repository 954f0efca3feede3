"""The staff's wrong PINs in the box's SQLite file (`station.local_store`, version 5): when each
was given, by the staff card's holder, so that a lock-out (`web.sessions`) outlives a restart of
the kiosk. Nothing of the PIN is kept.
"""

from __future__ import annotations

import datetime
import sqlite3

from sandogh.core.report import PublicKey
from sandogh.station.local_schema import stored_time


class PinRows:
    """The wrong PINs' part of a `station.local_store.Transaction`."""

    _db: sqlite3.Connection

    def wrong_pins(self, holder: PublicKey) -> list[datetime.datetime]:
        """When `holder` gave each wrong PIN since their last right one, oldest first."""
        rows = self._db.execute(
            "SELECT tried_at FROM wrong_pins WHERE holder = ? ORDER BY tried_at",
            (holder.text,),
        ).fetchall()
        return [datetime.datetime.fromisoformat(at) for (at,) in rows]

    def add_wrong_pin(self, holder: PublicKey, at: datetime.datetime) -> None:
        self._db.execute(
            "INSERT INTO wrong_pins (holder, tried_at) VALUES (?, ?)",
            (holder.text, stored_time(at)),
        )

    def clear_wrong_pins(self, holder: PublicKey) -> None:
        self._db.execute("DELETE FROM wrong_pins WHERE holder = ?", (holder.text,))
