"""The ballots in the ballot box's file: the papers each contest received and spoiled, the ballot
cards issued at check-in, and the cast-vote records, each sealed to the count key (see
`station.local_store` for why they keep no order); and the part of a
`station.local_store.Transaction` that reads and writes them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from sandogh.station.local_schema import stored_json


@dataclass(frozen=True)
class Card:
    token: str
    contests: tuple[str, ...]
    consumed: bool
    cancelled: bool = False  # by two of the staff, for a new card of the same check-in


class BallotRows:
    """The ballots' part of a `station.local_store.Transaction`."""

    _db: sqlite3.Connection
    _new_id: Callable[[], bytes]

    # ---- ballot papers ------------------------------------------------------------------------

    def set_received(self, received: Mapping[str, int]) -> None:
        self._db.executemany(
            "INSERT INTO ballot_papers (contest, received) VALUES (?, ?)", received.items()
        )

    def set_spoiled(self, spoiled: Mapping[str, int]) -> None:
        self._db.executemany(
            "UPDATE ballot_papers SET spoiled = ? WHERE contest = ?",
            [(n, contest) for contest, n in spoiled.items()],
        )

    def received(self) -> dict[str, int]:
        rows = self._db.execute("SELECT contest, received FROM ballot_papers")
        return dict(rows)

    # ---- ballot cards -------------------------------------------------------------------------

    def add_card(self, token: str, contests: Sequence[str], holder: bytes | None = None) -> bool:
        """Keep a card, with the keyed tag of its voter (`box_check_in`) while it is unused;
        False (nothing written) if a card of this token is already held."""
        cursor = self._db.execute(
            "INSERT OR IGNORE INTO ballot_cards (token, contests, holder) VALUES (?, ?, ?)",
            (token, stored_json(list(contests)), holder),
        )
        return cursor.rowcount == 1

    def card(self, token: str) -> Card | None:
        row = self._db.execute(
            "SELECT contests, consumed, cancelled FROM ballot_cards WHERE token = ?", (token,)
        ).fetchone()
        if row is None:
            return None
        return Card(token, tuple(json.loads(row[0])), bool(row[1]), bool(row[2]))

    def unused_card_of(self, holder: bytes) -> Card | None:
        """The card charged here for the voter of this tag, if it is neither used nor
        cancelled."""
        row = self._db.execute(
            "SELECT token FROM ballot_cards WHERE holder = ? AND consumed = 0 AND cancelled = 0",
            (holder,),
        ).fetchone()
        return None if row is None else self.card(row[0])

    def consume(self, token: str) -> None:
        """The card is used: the tag of its voter goes with the same commit."""
        cursor = self._db.execute(
            "UPDATE ballot_cards SET consumed = 1, holder = NULL"
            " WHERE token = ? AND consumed = 0 AND cancelled = 0",
            (token,),
        )
        if cursor.rowcount != 1:
            raise AssertionError(f"card {token} was not there to consume")

    def cancel_card(self, token: str) -> None:
        cursor = self._db.execute(
            "UPDATE ballot_cards SET cancelled = 1, holder = NULL"
            " WHERE token = ? AND consumed = 0 AND cancelled = 0",
            (token,),
        )
        if cursor.rowcount != 1:
            raise AssertionError(f"card {token} was not there to cancel")

    def forget_card_holders(self) -> None:
        """No card is cancelled after the close: no card names its voter any more."""
        self._db.execute("UPDATE ballot_cards SET holder = NULL WHERE holder IS NOT NULL")

    def papers_used(self) -> dict[str, int]:
        """Per contest, the cards that carried it: each check-in takes one ballot paper (a
        cancelled card's check-in has another card)."""
        used: dict[str, int] = {}
        for (contests,) in self._db.execute(
            "SELECT contests FROM ballot_cards WHERE cancelled = 0"
        ):
            for contest in json.loads(contests):
                used[contest] = used.get(contest, 0) + 1
        return used

    def card_counts(self) -> tuple[int, int]:
        """(cards issued, cancelled ones included; cards used)."""
        issued, used = self._db.execute(
            "SELECT count(*), coalesce(sum(consumed), 0) FROM ballot_cards"
        ).fetchone()
        return int(issued), int(used)

    def cards_cancelled(self) -> int:
        (n,) = self._db.execute("SELECT count(*) FROM ballot_cards WHERE cancelled = 1").fetchone()
        return int(n)

    def unused_cards(self) -> list[str]:
        """The tokens of the cards charged and neither used nor cancelled, in token order
        (random: no order of check-in)."""
        rows = self._db.execute(
            "SELECT token FROM ballot_cards WHERE consumed = 0 AND cancelled = 0 ORDER BY token"
        )
        return [token for (token,) in rows]

    # ---- cast-vote records --------------------------------------------------------------------

    def add_record(self, sealed: bytes) -> None:
        """Keep a ballot, sealed to the count key (see the module docstring)."""
        self._db.execute(
            "INSERT INTO cast_vote_records (cvr_id, cvr) VALUES (?, ?)", (self._new_id(), sealed)
        )

    def records(self) -> Iterator[bytes]:
        """Every sealed ballot, in the order of their random ids."""
        for (record,) in self._db.execute("SELECT cvr FROM cast_vote_records"):
            yield bytes(record)

    def record_count(self) -> int:
        (n,) = self._db.execute("SELECT count(*) FROM cast_vote_records").fetchone()
        return int(n)
