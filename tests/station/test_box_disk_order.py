"""Finding F2 of session 21: a copy of the box's directory taken while voting gave, from the
write-ahead log's commits in order, each card's check-in, then its cast-vote record in the next
commit, and so the order of the ballots and each card's record. The attack is mounted here: voters
check in and cast, and after each cast the box's directory is read byte for byte as a copy would
be. No write-ahead log nor journal is left beside the file, and the file lays out its records and
its cards in the order of their random keys, never in the order they were written; and a box
killed right after a cast still has every ballot it confirmed."""

import sqlite3
from pathlib import Path

from sandogh.core.report import Choice
from sandogh.station.box_check_in import IssuedCard

from .build import national_code, voting_station

VOTERS = 12


def _laid_out(data: bytes, keyed: dict[bytes, bytes]) -> list[bytes]:
    """The keys of `keyed` (key → bytes of its row) in the order the file lays their rows out:
    by page, and inside a page from its end, where SQLite puts the first cell it writes."""
    size = int.from_bytes(data[16:18], "big")
    at = {}
    for key, row in keyed.items():
        offset = data.find(row)
        assert offset >= 0
        assert data.find(row, offset + 1) < 0, "each row once in the file"
        at[key] = (offset // size, -(offset % size))
    return sorted(at, key=at.__getitem__)


def _rows(database: Path) -> tuple[dict[bytes, bytes], dict[bytes, bytes]]:
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        records = {
            bytes(i): bytes(r) for i, r in db.execute("SELECT cvr_id, cvr FROM cast_vote_records")
        }
        cards = {t.encode(): t.encode() for (t,) in db.execute("SELECT token FROM ballot_cards")}
    return records, cards


def test_a_copy_taken_while_voting_orders_no_ballot_and_ties_no_card_to_one(tmp_path: Path) -> None:
    station = voting_station(tmp_path)
    database = station.directory.database
    cast_order: list[bytes] = []
    for voter in range(VOTERS):
        card = station.box.check_in(national_code(voter))
        assert isinstance(card, IssuedCard)
        station.box.cast(card.token, (Choice("president"), Choice("parliament")))
        # the copy, right after this cast: every file beside the database
        beside = sorted(
            p.name for p in database.parent.iterdir() if p.name.startswith(database.name)
        )
        assert beside == [database.name], "no -wal, -shm or -journal holds a commit"
        records, cards = _rows(database)
        (new,) = set(records) - set(cast_order)
        cast_order.append(new)
        data = database.read_bytes()
        assert _laid_out(data, records) == sorted(records)
        assert _laid_out(data, cards) == sorted(cards)
    assert cast_order != sorted(cast_order)  # 1 in 12! that the random ids fall in cast order
