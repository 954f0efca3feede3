"""The ballot box's own SQLite file: its state, ballot cards, cast-vote records and outbox.

The standard library's sqlite3, not SQLAlchemy: the box has one file, one process and one fixed
schema, nothing to port between databases or migrate by Alembic; what matters is exact control of
the PRAGMAs and of each transaction (`BEGIN IMMEDIATE` … `COMMIT`), which sqlite3 gives directly.

Durability: WAL with `synchronous=FULL`, so a transaction that has committed is on disk when the
call returns, and every use case of `box` is one transaction: the confirm step of a ballot marks
its card used and writes its record together or not at all.

Secrecy by construction (DESIGN.md §3, issue 9 §1): `cast_vote_records` holds a random 128-bit
id and the ballot sealed to the station's count key (`station.count_key`: the record's canonical
bytes padded to one length per station, then sealed), nothing else: no rowid (WITHOUT ROWID), no
time, no sequence, no column shared with another table. The count key's secret is not in this
file, nor anywhere on the box: `count_shares` holds it split among the staff, each share sealed to
one member's registered key. So the file's own traces of its history (WAL frames in commit order,
a cast's card and ballot in one commit, pages that split as rows arrive) pair check-ins only with
ballots no one can read without two of the staff. Ballot cards are keyed by their token, itself
random, and are not linked to a record. `compact()`, run at close, checkpoints and truncates the
WAL and VACUUMs, rewriting every table in key order, with `secure_delete` so freed pages keep
nothing: a copy taken after close keeps no order at all.

An E2E box (docs/e2e.md §7) also keeps its chain: `station_state` its start H_0 and, once
closed, H_close; `ballot_chain` each encrypted ballot the voter cast or challenged, in chain
order (the order is the chain's, published in the record), with its code, and for a challenged
ballot only its nonce ξ_B and choices, which the record publishes too. No time, card or voter is
in it, and a cast ballot's nonce never is: it lives in the box's memory between `prepare` and
`cast` (`station.ballot_chain`). Version 3 of the file adds these; a file of version 2 is
migrated when opened (an empty chain, which a box enrolled without the E2E context never fills).

The device key is not in this file: see `station.directory`.
"""

from __future__ import annotations

import datetime
import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from sandogh.core.definition.problems import Problem
from sandogh.core.report import BallotContest, PublicKey
from sandogh.core.station import Phase, StationState
from sandogh.station.count_key import CountKey, SealedShare
from sandogh.station.errors import StationFilesError
from sandogh.station.polling_days import read_polling
from sandogh.station.setup import OfflinePolicy, StationSetup, read_e2e, read_staff
from sandogh.station.voting_mode import read_voting

#: 2: ballots sealed to the count key, whose shares it keeps; 3: the E2E ballot chain
SCHEMA_VERSION = 3
#: PRAGMA application_id of a station file: "SGHS" in ASCII, so a foreign file is recognised.
APPLICATION_ID = 0x53474853
CVR_ID_BYTES = 16

_CHAIN = (
    """CREATE TABLE ballot_chain (
        position INTEGER PRIMARY KEY CHECK (position >= 1),
        code BLOB NOT NULL CHECK (length(code) = 32),
        state TEXT NOT NULL CHECK (state IN ('cast', 'challenged')),
        ballot BLOB NOT NULL,
        nonce BLOB,
        choices TEXT,
        CHECK ((state = 'cast') = (nonce IS NULL AND choices IS NULL))
    )""",
)
#: What turns a file of version 2 into version 3 (an E2E chain, empty: a box enrolled without
#: the E2E context never fills it).
_MIGRATE_2 = (
    "ALTER TABLE station_state ADD COLUMN chain_start BLOB",
    "ALTER TABLE station_state ADD COLUMN chain_close BLOB",
    *_CHAIN,
)

_SCHEMA = (
    """CREATE TABLE station_state (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        election TEXT NOT NULL,
        station TEXT NOT NULL,
        definition_hash TEXT NOT NULL,
        ballot TEXT NOT NULL,
        policy TEXT NOT NULL,
        enrolment TEXT NOT NULL,
        phase TEXT NOT NULL,
        zero_report TEXT,
        extended_by_seconds INTEGER NOT NULL DEFAULT 0,
        report TEXT,
        reports_signed INTEGER NOT NULL DEFAULT 0,
        counted BLOB,
        count_key BLOB,
        chain_start BLOB,
        chain_close BLOB
    )""",
    """CREATE TABLE count_shares (
        pair TEXT NOT NULL,
        holder TEXT NOT NULL,
        sealed BLOB NOT NULL,
        PRIMARY KEY (pair, holder)
    ) WITHOUT ROWID""",
    """CREATE TABLE ballot_papers (
        contest TEXT PRIMARY KEY,
        received INTEGER NOT NULL CHECK (received >= 0),
        spoiled INTEGER NOT NULL DEFAULT 0 CHECK (spoiled >= 0)
    ) WITHOUT ROWID""",
    """CREATE TABLE ballot_cards (
        token TEXT PRIMARY KEY,
        contests TEXT NOT NULL,
        consumed INTEGER NOT NULL DEFAULT 0 CHECK (consumed IN (0, 1))
    ) WITHOUT ROWID""",
    f"""CREATE TABLE cast_vote_records (
        cvr_id BLOB PRIMARY KEY CHECK (length(cvr_id) = {CVR_ID_BYTES}),
        cvr BLOB NOT NULL
    ) WITHOUT ROWID""",
    *_CHAIN,
    """CREATE TABLE outbox (
        item INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        subject TEXT NOT NULL,
        payload BLOB NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt TEXT NOT NULL,
        last_error TEXT,
        refused TEXT,
        UNIQUE (kind, subject)
    )""",
    """CREATE TABLE incidents (
        incident INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        noted_at TEXT NOT NULL,
        details TEXT NOT NULL
    )""",
    """CREATE TABLE signed_reports (
        kind TEXT PRIMARY KEY,
        sequence INTEGER NOT NULL,
        signed BLOB NOT NULL
    ) WITHOUT ROWID""",
    """CREATE TABLE sheet_entries (
        contest TEXT NOT NULL,
        operator INTEGER NOT NULL,
        figures TEXT NOT NULL,
        PRIMARY KEY (contest, operator)
    ) WITHOUT ROWID""",
    """CREATE TABLE sheet_resolutions (
        contest TEXT NOT NULL,
        field TEXT NOT NULL,
        value INTEGER NOT NULL,
        PRIMARY KEY (contest, field)
    ) WITHOUT ROWID""",
)


class OutboxKind(StrEnum):
    CHECK_IN = "check-in"  # subject: the national code; payload: the offline check-in
    REPORT = "report"  # subject: the report's kind; payload: the signed report's bytes
    BALLOT_CHAIN = "ballot-chain"  # subject: "final"; payload: the chain file (docs/e2e.md §7)


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
class OutboxSummary:
    pending: int
    refused: int
    next_attempt: datetime.datetime | None


@dataclass(frozen=True)
class Card:
    token: str
    contests: tuple[str, ...]
    consumed: bool


@dataclass(frozen=True)
class LocalIncident:
    kind: str
    at: datetime.datetime
    details: Mapping[str, object]


@dataclass(frozen=True)
class StoredStation:
    """The station's row: its setup, where it is in its day, and its reports so far."""

    setup: StationSetup
    lifecycle: StationState
    reports_signed: int
    counted: bytes | None  # the final report as counted (canonical bytes), before it is signed


def _random_id() -> bytes:
    return os.urandom(CVR_ID_BYTES)


def _time(moment: datetime.datetime) -> str:
    """A time as stored: UTC, to the microsecond, so that stored times sort as text."""
    if moment.utcoffset() is None:
        raise ValueError(f"{moment.isoformat()} has no time zone")
    return moment.astimezone(datetime.UTC).isoformat(timespec="microseconds")


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class LocalStore:
    """One station file. `create=True` makes a new one (and refuses an existing file); otherwise
    the file must exist and be a station file of this schema. `new_id` draws the records' ids
    (tests pass a seeded one)."""

    def __init__(
        self, path: Path, *, create: bool = False, new_id: Callable[[], bytes] | None = None
    ) -> None:
        if create and path.exists():
            raise StationFilesError(f"{path} already exists")
        if not create and not path.is_file():
            raise StationFilesError(f"{path} is not a station database")
        self.path = path
        self._new_id = new_id or _random_id
        self._lock = threading.Lock()
        # isolation_level=None: sqlite3 opens no transaction of its own; `transaction` does.
        # check_same_thread=False: the lock serialises every use, whichever thread it comes from.
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=10)
        try:
            self._configure(create=create)
        except BaseException:
            self._db.close()
            raise

    def _configure(self, *, create: bool) -> None:
        (mode,) = self._db.execute("PRAGMA journal_mode=WAL").fetchone()
        if mode != "wal":
            raise StationFilesError(f"{self.path}: cannot use write-ahead logging ({mode})")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.execute("PRAGMA secure_delete=ON")
        if create:
            with self.transaction():
                for statement in _SCHEMA:
                    self._db.execute(statement)
                self._db.execute(f"PRAGMA application_id={APPLICATION_ID}")
                self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            return
        (application,) = self._db.execute("PRAGMA application_id").fetchone()
        (version,) = self._db.execute("PRAGMA user_version").fetchone()
        if application != APPLICATION_ID:
            raise StationFilesError(f"{self.path} is not a station database")
        if version == 2:
            with self.transaction():
                for statement in _MIGRATE_2:
                    self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            return
        if version != SCHEMA_VERSION:
            raise StationFilesError(
                f"{self.path} has schema version {version}; this app reads {SCHEMA_VERSION}"
            )

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> LocalStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """One transaction, taken for writing from the start so that two uses never interleave;
        leaving the block by an exception rolls it back."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield Transaction(self._db, self._new_id)
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def durability(self) -> tuple[str, int]:
        """The journal mode and synchronous level in force (`wal`, 2 for FULL)."""
        with self._lock:
            (mode,) = self._db.execute("PRAGMA journal_mode").fetchone()
            (level,) = self._db.execute("PRAGMA synchronous").fetchone()
        return str(mode), int(level)

    def compact(self) -> None:
        """Leave no trace of the order of writes in the file (see the module docstring)."""
        with self._lock:
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._db.execute("VACUUM")
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


class Transaction:
    """What a use case reads and writes, all inside one `LocalStore.transaction`."""

    def __init__(self, db: sqlite3.Connection, new_id: Callable[[], bytes]) -> None:
        self._db = db
        self._new_id = new_id

    # ---- the station --------------------------------------------------------------------------

    def station(self) -> StoredStation | None:
        row = self._db.execute(
            "SELECT election, station, definition_hash, ballot, policy, phase, zero_report,"
            " extended_by_seconds, report, reports_signed, counted, enrolment FROM station_state"
        ).fetchone()
        if row is None:
            return None
        ballot = tuple(
            BallotContest(item["contest"], item["seats"], tuple(item["candidates"]))
            for item in json.loads(row[3])
        )
        problems: list[Problem] = []
        document = json.loads(row[11])
        staff = read_staff(document.get("staff"), problems)
        e2e = read_e2e(document.get("e2e"), problems)
        mode, approved = read_voting(document.get("voting"), problems)
        polling = read_polling(document.get("polling"), problems)
        if problems:
            raise StationFilesError(f"the stored enrolment: {problems}")
        setup = StationSetup(
            row[0],
            row[1],
            row[2],
            ballot,
            OfflinePolicy(row[4]),
            staff,
            e2e,
            mode,
            approved,
            polling,
        )
        lifecycle = StationState(
            phase=Phase(row[5]),
            zero_report=row[6],
            extended_by=datetime.timedelta(seconds=row[7]),
            report=row[8],
        )
        return StoredStation(setup, lifecycle, row[9], row[10])

    def enrol(self, setup: StationSetup, document: str) -> None:
        ballot = [
            {"contest": c.contest, "seats": c.seats, "candidates": list(c.candidates)}
            for c in setup.ballot
        ]
        self._db.execute(
            "INSERT INTO station_state (singleton, election, station, definition_hash, ballot,"
            " policy, enrolment, phase) VALUES (1, ?, ?, ?, ?, ?, ?, ?)",
            (
                setup.election,
                setup.station,
                setup.definition_hash,
                _json(ballot),
                setup.policy.value,
                document,
                Phase.SET_UP.value,
            ),
        )

    def enrolment_document(self) -> str | None:
        row = self._db.execute("SELECT enrolment FROM station_state").fetchone()
        return None if row is None else str(row[0])

    def save_lifecycle(self, state: StationState) -> None:
        self._db.execute(
            "UPDATE station_state SET phase = ?, zero_report = ?, extended_by_seconds = ?,"
            " report = ?",
            (
                state.phase.value,
                state.zero_report,
                int(state.extended_by.total_seconds()),
                state.report,
            ),
        )

    def set_count_key(self, key: CountKey) -> None:
        self._db.execute("UPDATE station_state SET count_key = ?", (key.public,))
        self._db.executemany(
            "INSERT INTO count_shares (pair, holder, sealed) VALUES (?, ?, ?)",
            [(share.pair, share.holder.text, share.sealed) for share in key.shares],
        )

    def count_key(self) -> CountKey | None:
        """The count key's public half and sealed shares; None before opening."""
        (public,) = self._db.execute("SELECT count_key FROM station_state").fetchone()
        if public is None:
            return None
        rows = self._db.execute("SELECT pair, holder, sealed FROM count_shares")
        shares = (SealedShare(p, PublicKey.from_text(h), bytes(sealed)) for p, h, sealed in rows)
        return CountKey(bytes(public), tuple(shares))

    def set_counted(self, report: bytes) -> None:
        self._db.execute("UPDATE station_state SET counted = ?", (report,))

    def save_signed(self, kind: str, sequence: int, signed: bytes) -> None:
        """Keep a signed report (for reprinting) and count it among the device's reports."""
        self._db.execute(
            "INSERT INTO signed_reports (kind, sequence, signed) VALUES (?, ?, ?)",
            (kind, sequence, signed),
        )
        self._db.execute("UPDATE station_state SET reports_signed = reports_signed + 1")

    def signed(self, kind: str) -> bytes | None:
        row = self._db.execute("SELECT signed FROM signed_reports WHERE kind = ?", (kind,))
        found = row.fetchone()
        return None if found is None else bytes(found[0])

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

    def add_card(self, token: str, contests: Sequence[str]) -> bool:
        """Keep a card; False (nothing written) if a card of this token is already held."""
        cursor = self._db.execute(
            "INSERT OR IGNORE INTO ballot_cards (token, contests) VALUES (?, ?)",
            (token, _json(list(contests))),
        )
        return cursor.rowcount == 1

    def card(self, token: str) -> Card | None:
        row = self._db.execute(
            "SELECT contests, consumed FROM ballot_cards WHERE token = ?", (token,)
        ).fetchone()
        return None if row is None else Card(token, tuple(json.loads(row[0])), bool(row[1]))

    def consume(self, token: str) -> None:
        cursor = self._db.execute(
            "UPDATE ballot_cards SET consumed = 1 WHERE token = ? AND consumed = 0", (token,)
        )
        if cursor.rowcount != 1:
            raise AssertionError(f"card {token} was not there to consume")

    def papers_used(self) -> dict[str, int]:
        """Per contest, the cards that carried it: each check-in takes one ballot paper."""
        used: dict[str, int] = {}
        for (contests,) in self._db.execute("SELECT contests FROM ballot_cards"):
            for contest in json.loads(contests):
                used[contest] = used.get(contest, 0) + 1
        return used

    def card_counts(self) -> tuple[int, int]:
        """(cards issued, cards used)."""
        issued, used = self._db.execute(
            "SELECT count(*), coalesce(sum(consumed), 0) FROM ballot_cards"
        ).fetchone()
        return int(issued), int(used)

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

    # ---- the E2E ballot chain (docs/e2e.md §7) -------------------------------------------------

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
                None if opened is None else _json(opened[1]),
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

    # ---- the outbox ---------------------------------------------------------------------------

    def enqueue(
        self, kind: OutboxKind, subject: str, payload: bytes, now: datetime.datetime
    ) -> bool:
        """Queue an item, due at once; False (nothing written) if one of this kind and subject
        is queued already."""
        cursor = self._db.execute(
            "INSERT OR IGNORE INTO outbox (kind, subject, payload, next_attempt)"
            " VALUES (?, ?, ?, ?)",
            (kind.value, subject, payload, _time(now)),
        )
        return cursor.rowcount == 1

    def due(self, kind: OutboxKind, now: datetime.datetime, limit: int) -> list[OutboxItem]:
        """Up to `limit` items of `kind` not refused whose next attempt is due, oldest first."""
        rows = self._db.execute(
            "SELECT item, subject, payload, attempts FROM outbox WHERE kind = ?"
            " AND refused IS NULL AND next_attempt <= ? ORDER BY item LIMIT ?",
            (kind.value, _time(now), limit),
        )
        return [OutboxItem(item, kind, subject, bytes(p), n) for item, subject, p, n in rows]

    def delivered(self, items: Sequence[OutboxItem]) -> None:
        """Drop delivered items: an offline check-in's national code leaves the box with it."""
        self._db.executemany("DELETE FROM outbox WHERE item = ?", [(i.item,) for i in items])

    def postpone(self, item: OutboxItem, error: str, until: datetime.datetime) -> None:
        self._db.execute(
            "UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt = ?"
            " WHERE item = ?",
            (error, _time(until), item.item),
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
            (kind, _time(at), json.dumps(details, ensure_ascii=False, sort_keys=True, default=str)),
        )

    def incidents(self) -> list[LocalIncident]:
        rows = self._db.execute("SELECT kind, noted_at, details FROM incidents ORDER BY incident")
        return [
            LocalIncident(kind, datetime.datetime.fromisoformat(at), json.loads(details))
            for kind, at, details in rows
        ]

    # ---- tally sheets entered by hand (blind double entry) ------------------------------------

    def add_entry(self, contest: str, operator: int, figures: Mapping[str, int]) -> bool:
        """Keep an operator's entry of a contest's sheet; False if they entered it already."""
        cursor = self._db.execute(
            "INSERT OR IGNORE INTO sheet_entries (contest, operator, figures) VALUES (?, ?, ?)",
            (contest, operator, _json(dict(figures))),
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
