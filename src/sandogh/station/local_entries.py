"""The tally sheets entered by hand at a paper station (blind double entry, `station.double_entry`)
in the box's SQLite file (`station.local_store`): each operator's entry of a contest's sheet and
the figures resolved between them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping

from sandogh.station.local_schema import stored_json


class EntryRows:
    """The double entry's part of a `station.local_store.Transaction`."""

    _db: sqlite3.Connection

    def add_entry(self, contest: str, operator: int, figures: Mapping[str, int]) -> bool:
        """Keep an operator's entry of a contest's sheet; False if they entered it already."""
        cursor = self._db.execute(
            "INSERT OR IGNORE INTO sheet_entries (contest, operator, figures) VALUES (?, ?, ?)",
            (contest, operator, stored_json(dict(figures))),
        )
        return cursor.rowcount == 1

    def entries(self, contest: str) -> dict[int, dict[str, int]]:
        rows = self._db.execute(
            "SELECT operator, figures FROM sheet_entries WHERE contest = ?", (contest,)
        )
        return {operator: json.loads(figures) for operator, figures in rows}

    def resolve(self, contest: str, field: str, value: int) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO sheet_resolutions (contest, field, value) VALUES (?, ?, ?)",
            (contest, field, value),
        )

    def resolutions(self, contest: str) -> dict[str, int]:
        rows = self._db.execute(
            "SELECT field, value FROM sheet_resolutions WHERE contest = ?", (contest,)
        )
        return dict(rows)
