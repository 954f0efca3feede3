import datetime
import random
import sqlite3
from pathlib import Path

import pytest

from sandogh.core.report import (
    BallotContest,
    CastVoteRecord,
    Choice,
    PublicKey,
    decode_record,
    encode_record,
    record_bound,
)
from sandogh.station.box_check_in import IssuedCard
from sandogh.station.count_key import sealed_length
from sandogh.station.errors import StationFilesError
from sandogh.station.local_ballots import Card
from sandogh.station.local_store import LocalStore

from .build import BALLOT, national_code, voting_station

VOTES = 200
#: With the ids drawn at random, the rank correlation of stored and cast order is ~ N(0, 1/√199):
#: 0.3 is over four standard deviations away, and the seeded draw makes the test deterministic.
MAX_CORRELATION = 0.3


def _record(i: int) -> bytes:
    return encode_record(CastVoteRecord((Choice("c", (str(i),)),)))


def _spearman(order: list[int]) -> float:
    n = len(order)
    d2 = sum((position - rank) ** 2 for position, rank in enumerate(order))
    return 1 - 6 * d2 / (n * (n * n - 1))


def test_records_are_stored_and_read_in_an_order_unrelated_to_voting(tmp_path: Path) -> None:
    ids = random.Random(1403)
    with LocalStore(tmp_path / "s.sqlite", create=True, new_id=lambda: ids.randbytes(16)) as store:
        for i in range(VOTES):
            with store.transaction() as tx:
                tx.add_record(_record(i))
        with store.transaction() as tx:
            stored = [int(decode_record(data).choices[0].codes[0]) for data in tx.records()]
    assert sorted(stored) == list(range(VOTES))
    assert stored != list(range(VOTES))
    assert abs(_spearman(stored)) < MAX_CORRELATION
    # nor does the order of the file's pages: a fresh reader sees the same key order
    with sqlite3.connect(tmp_path / "s.sqlite") as raw:
        raw_order = [bytes(r) for (r,) in raw.execute("SELECT cvr FROM cast_vote_records")]
    assert [int(decode_record(r).choices[0].codes[0]) for r in raw_order] == stored


def _columns(db: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in db.execute(f"PRAGMA table_info({table})")}


def test_no_table_joins_a_card_or_a_check_in_to_a_ballot(tmp_path: Path) -> None:
    station = voting_station(tmp_path)
    online = station.box.check_in(national_code(1))
    station.centre.down = True
    offline = station.box.check_in(national_code(2))
    for card in (online, offline):
        assert isinstance(card, IssuedCard)
        station.box.cast(card.token, (Choice("president"), Choice("parliament")))
    path = station.directory.database
    station.box.store.close()
    with sqlite3.connect(path) as db:
        kinds = dict(
            db.execute("SELECT name, type FROM sqlite_master WHERE name NOT LIKE 'sqlite%'")
        )
        assert set(kinds.values()) == {"table"}  # no view or trigger joins anything
        tables = set(kinds)
        records = _columns(db, "cast_vote_records")
        assert records == {"cvr_id", "cvr"}  # no time, no sequence, no card, no station
        for table in tables - {"cast_vote_records"}:
            assert not records & _columns(db, table), table
            assert not list(db.execute(f"PRAGMA foreign_key_list({table})")), table
        with pytest.raises(sqlite3.OperationalError):
            db.execute("SELECT rowid FROM cast_vote_records")
        cards = [row[0] for row in db.execute("SELECT token FROM ballot_cards")]
        for (data,) in db.execute("SELECT cvr FROM cast_vote_records"):
            assert not any(token.encode() in data for token in cards)
            assert national_code(2).encode() not in data
            # sealed, of one length: nothing of the ballot shows, not even its size
            assert len(data) == sealed_length(record_bound(BALLOT))


def test_the_file_is_journalled_without_a_write_ahead_log_and_synchronously(
    tmp_path: Path,
) -> None:
    with LocalStore(tmp_path / "s.sqlite", create=True) as store:
        assert store.durability() == ("delete", 2)  # 2: synchronous FULL
    with LocalStore(tmp_path / "s.sqlite") as store:
        assert store.durability() == ("delete", 2)


def test_a_file_kept_in_write_ahead_logging_leaves_it_when_opened(tmp_path: Path) -> None:
    LocalStore(tmp_path / "s.sqlite", create=True).close()
    db = sqlite3.connect(tmp_path / "s.sqlite", isolation_level=None)
    assert db.execute("PRAGMA journal_mode=WAL").fetchone() == ("wal",)
    db.execute("INSERT INTO ballot_cards (token, contests) VALUES ('t', '[]')")
    db.close()
    with LocalStore(tmp_path / "s.sqlite") as store:
        assert store.durability() == ("delete", 2)
        with store.transaction() as tx:
            assert tx.card("t") is not None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.sqlite"]


def test_closing_leaves_nothing_beside_the_file(tmp_path: Path) -> None:
    station = voting_station(tmp_path)
    station.box.close()
    database = station.directory.database
    assert [p.name for p in database.parent.iterdir() if p.name.startswith(database.name)] == [
        database.name
    ]


def test_a_missing_foreign_or_existing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StationFilesError, match="not a station database"):
        LocalStore(tmp_path / "missing.sqlite")
    foreign = tmp_path / "foreign.sqlite"
    with sqlite3.connect(foreign) as db:
        db.execute("CREATE TABLE t (x)")
    with pytest.raises(StationFilesError, match="not a station database"):
        LocalStore(foreign)
    with pytest.raises(StationFilesError, match="already exists"):
        LocalStore(foreign, create=True)


def test_a_file_of_another_schema_version_is_refused(tmp_path: Path) -> None:
    LocalStore(tmp_path / "s.sqlite", create=True).close()
    with sqlite3.connect(tmp_path / "s.sqlite") as db:
        db.execute("PRAGMA user_version = 99")
    with pytest.raises(StationFilesError, match="schema version 99"):
        LocalStore(tmp_path / "s.sqlite")


def test_a_file_of_version_3_gains_the_receipts_and_the_reconciliation(tmp_path: Path) -> None:
    LocalStore(tmp_path / "s.sqlite", create=True).close()
    with sqlite3.connect(tmp_path / "s.sqlite") as db:
        db.execute("DROP TABLE receipts")
        db.execute("DROP TABLE wrong_pins")
        db.execute("ALTER TABLE station_state DROP COLUMN reconciled")
        drop_card_holders(db)
        db.execute("PRAGMA user_version = 3")
    LocalStore(tmp_path / "s.sqlite").close()
    with sqlite3.connect(tmp_path / "s.sqlite") as db:
        assert db.execute("PRAGMA user_version").fetchone() == (6,)
        assert db.execute("SELECT count(*) FROM receipts").fetchone() == (0,)
        assert db.execute("SELECT reconciled FROM station_state").fetchall() == []
        assert db.execute("SELECT count(*) FROM wrong_pins").fetchone() == (0,)


def test_a_file_of_version_4_gains_the_wrong_pins_kept_by_holder(tmp_path: Path) -> None:
    LocalStore(tmp_path / "s.sqlite", create=True).close()
    with sqlite3.connect(tmp_path / "s.sqlite") as db:
        db.execute("DROP TABLE wrong_pins")
        drop_card_holders(db)
        db.execute("PRAGMA user_version = 4")
    one, other = (PublicKey(bytes([n]) * 32) for n in (1, 2))
    at = datetime.datetime(2024, 6, 28, 9, 0, tzinfo=datetime.UTC)
    with LocalStore(tmp_path / "s.sqlite") as store, store.transaction() as tx:
        assert tx.wrong_pins(one) == []
        tx.add_wrong_pin(one, at + datetime.timedelta(seconds=1))
        tx.add_wrong_pin(one, at)
        tx.add_wrong_pin(other, at)
        assert tx.wrong_pins(one) == [at, at + datetime.timedelta(seconds=1)]
        tx.clear_wrong_pins(one)
        assert (tx.wrong_pins(one), tx.wrong_pins(other)) == ([], [at])
    with sqlite3.connect(tmp_path / "s.sqlite") as db:
        assert db.execute("PRAGMA user_version").fetchone() == (6,)


def drop_card_holders(db: sqlite3.Connection) -> None:
    """The file's ballot cards as a version before 6 had them."""
    db.execute("ALTER TABLE ballot_cards DROP COLUMN holder")
    db.execute("ALTER TABLE ballot_cards DROP COLUMN cancelled")


def test_a_file_of_version_5_gains_cancelled_cards_and_their_voters_tags(
    tmp_path: Path,
) -> None:
    """Review S23 A3: its cards name no voter, so none of them can be cancelled."""
    LocalStore(tmp_path / "s.sqlite", create=True).close()
    with sqlite3.connect(tmp_path / "s.sqlite") as db:
        drop_card_holders(db)
        db.execute("INSERT INTO ballot_cards (token, contests) VALUES ('a', '[\"p\"]')")
        db.execute("PRAGMA user_version = 5")
    with LocalStore(tmp_path / "s.sqlite") as store, store.transaction() as tx:
        assert tx.card("a") == Card("a", ("p",), consumed=False, cancelled=False)
        assert tx.unused_card_of(b"tag") is None
        assert tx.add_card("b", ["p"], b"tag")
        assert tx.unused_card_of(b"tag") == Card("b", ("p",), consumed=False)
        tx.cancel_card("b")
        assert tx.unused_card_of(b"tag") is None
        assert tx.card("b") == Card("b", ("p",), consumed=False, cancelled=True)
        with pytest.raises(AssertionError):
            tx.consume("b")  # a cancelled card casts nothing
        assert (tx.card_counts(), tx.cards_cancelled(), tx.unused_cards()) == ((2, 0), 1, ["a"])
        assert tx.papers_used() == {"p": 1}
    with sqlite3.connect(tmp_path / "s.sqlite") as db:
        assert db.execute("PRAGMA user_version").fetchone() == (6,)


def test_a_card_used_or_left_at_the_close_names_no_voter(tmp_path: Path) -> None:
    with LocalStore(tmp_path / "s.sqlite", create=True) as store, store.transaction() as tx:
        for token in ("a", "b"):
            tx.add_card(token, ["p"], token.encode())
        tx.consume("a")
        assert tx.unused_card_of(b"a") is None
        tx.forget_card_holders()
        assert tx.unused_card_of(b"b") is None
    with sqlite3.connect(tmp_path / "s.sqlite") as db:
        assert db.execute("SELECT holder FROM ballot_cards").fetchall() == [(None,), (None,)]


def test_unused_cards_are_listed_by_token_and_none_once_used(tmp_path: Path) -> None:
    with LocalStore(tmp_path / "s.sqlite", create=True) as store, store.transaction() as tx:
        for token in ("c", "a", "b"):
            tx.add_card(token, ["president"])
        tx.consume("a")
        assert tx.unused_cards() == ["b", "c"]


def test_a_card_is_kept_once_and_the_papers_it_used_are_counted(tmp_path: Path) -> None:
    with LocalStore(tmp_path / "s.sqlite", create=True) as store, store.transaction() as tx:
        assert tx.add_card("a", ["president", "parliament"])
        assert not tx.add_card("a", ["president"])
        assert tx.add_card("b", ["president"])
        assert tx.papers_used() == {"president": 2, "parliament": 1}
        tx.consume("b")
        assert tx.card_counts() == (2, 1)
        with pytest.raises(AssertionError):
            tx.consume("b")


def test_the_ballot_survives_the_store(tmp_path: Path) -> None:
    station = voting_station(tmp_path, ballot=(BallotContest("c", 3, ("1", "2", "3", "4")),))
    reopened = station.reopen()
    assert reopened.box.status().setup.ballot == (BallotContest("c", 3, ("1", "2", "3", "4")),)
