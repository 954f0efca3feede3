"""The ballot box's own SQLite file: its state, ballot cards, cast-vote records and outbox.

The standard library's sqlite3, not SQLAlchemy: the box has one file, one process and one fixed
schema, nothing to port between databases or migrate by Alembic; what matters is exact control of
the PRAGMAs and of each transaction (`BEGIN IMMEDIATE` … `COMMIT`), which sqlite3 gives directly.

Durability: a rollback journal (`journal_mode=DELETE`) with `synchronous=FULL`, so a transaction
that has committed is on disk when the call returns, and every use case of `box` is one
transaction: the confirm step of a ballot marks its card used and writes its record together or
not at all. No write-ahead log: a WAL keeps each commit as frames in commit order until a
checkpoint, and a copy of it taken while voting gave each check-in's card and, in the next commit,
its ballot (finding F2 of session 21). A rollback journal holds only the old pages of the
transaction under way and is deleted at its commit.

Secrecy by construction (DESIGN.md §3, issue 9 §1): `cast_vote_records` holds a random 128-bit
id and the ballot sealed to the station's count key (`station.count_key`: the record's canonical
bytes padded to one length per station, then sealed), nothing else: no rowid (WITHOUT ROWID), no
time, no sequence, no column shared with another table. The count key's secret is not in this
file, nor anywhere on the box: `count_shares` holds it split among the staff, each share sealed to
one member's registered key. Ballot cards are keyed by their token, itself random, and are not
linked to a record. Yet a B-tree page keeps the order its cells were written in (SQLite puts each
new cell below the last), so every cast and the close are compacted transactions, and `compact()`
runs whenever the file is opened (a file a crash left between a commit and its compaction, which
a box before compacted transactions could): VACUUM rewrites every table in key order, its copy
in memory (`temp_store=MEMORY`), with `secure_delete` so freed pages keep nothing. A compacted
transaction is made on a copy of the file in memory, rewritten there in key order and written
over the file in one transaction of its own (`_compacted`). A copy of the directory taken at any
moment between casts holds the records and the cards in the order of their random keys and
nothing beside the file; two copies taken around one voter's cast still differ by that voter's
card and ballot, as a watcher of the station would see.

An E2E box (docs/e2e.md §7) also keeps its chain: `station_state` its start H_0 and, once
closed, H_close; `ballot_chain` each encrypted ballot the voter cast or challenged, in chain
order (the order is the chain's, published in the record), with its code, and for a challenged
ballot only its nonce ξ_B and choices, which the record publishes too. No time, card or voter is
in it, and a cast ballot's nonce never is: it lives in the box's memory between `prepare` and
`cast` (`station.ballot_chain`). Version 3 of the file adds these; a file of version 2 is
migrated when opened (an empty chain, which a box enrolled without the E2E context never fills).
Version 4 adds `receipts`: for each report (and the chain) the centre took, the hash of the bytes
it took and when, which the operator's screen shows, and `station_state.reconciled`, the staff's
reconciliation at the close; a file of version 3 gains the empty table and column. Version 5
adds `wrong_pins`: when each wrong PIN at a staff card's log-in was given, by the card's holder
(a public key), so that the lock-out (`web.sessions`) outlives a restart of the kiosk; a right
PIN clears the holder's. No PIN is in it.

The device key is not in this file: see `station.directory`.
"""

from __future__ import annotations

import datetime
import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sandogh.core.report import PublicKey
from sandogh.core.station import Phase, StationState
from sandogh.station.count_key import CountKey, SealedShare
from sandogh.station.errors import StationFilesError
from sandogh.station.local_ballots import BallotRows
from sandogh.station.local_chain import ChainRows
from sandogh.station.local_enrolment import read_ballot, read_enrolled
from sandogh.station.local_entries import EntryRows
from sandogh.station.local_outbox import OutboxRows
from sandogh.station.local_pins import PinRows
from sandogh.station.local_schema import (
    APPLICATION_ID,
    CVR_ID_BYTES,
    MIGRATIONS,
    SCHEMA,
    SCHEMA_VERSION,
    stored_json,
)
from sandogh.station.setup import OfflinePolicy, StationSetup


@dataclass(frozen=True)
class StoredStation:
    """The station's row: its setup, where it is in its day, and its reports so far."""

    setup: StationSetup
    lifecycle: StationState
    reports_signed: int
    counted: bytes | None  # the final report as counted (canonical bytes), before it is signed


def _random_id() -> bytes:
    return os.urandom(CVR_ID_BYTES)


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
            # a crash between a commit and its `compact` (before compacted transactions) left
            # that ballot where it went
            self._compact()
        except BaseException:
            self._db.close()
            raise

    def _configure(self, *, create: bool) -> None:
        # A rollback journal, not a write-ahead log: a WAL keeps each commit as frames in commit
        # order, so a copy taken while voting paired each card with its ballot (see the module
        # docstring); the journal holds one transaction's old pages and is deleted at its commit.
        (mode,) = self._db.execute("PRAGMA journal_mode=DELETE").fetchone()
        if mode != "delete":
            raise StationFilesError(f"{self.path}: cannot use a rollback journal ({mode})")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.execute("PRAGMA secure_delete=ON")
        # VACUUM's copy of the file stays in memory, never in a temporary file on the disk
        self._db.execute("PRAGMA temp_store=MEMORY")
        if create:
            with self.transaction():
                for statement in SCHEMA:
                    self._db.execute(statement)
                self._db.execute(f"PRAGMA application_id={APPLICATION_ID}")
                self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            return
        (application,) = self._db.execute("PRAGMA application_id").fetchone()
        (version,) = self._db.execute("PRAGMA user_version").fetchone()
        if application != APPLICATION_ID:
            raise StationFilesError(f"{self.path} is not a station database")
        if version in MIGRATIONS:
            with self.transaction():
                for statement in MIGRATIONS[version]:
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
    def transaction(self, *, compacted: bool = False) -> Iterator[Transaction]:
        """One transaction, taken for writing from the start so that two uses never interleave;
        leaving the block by an exception rolls it back. `compacted`: its commit also leaves the
        file in key order, as `compact()` after it would, in one durable write, not two."""
        with self._lock:
            if compacted:
                with self._compacted() as tx:
                    yield tx
                return
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield Transaction(self._db, self._new_id)
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    @contextmanager
    def _compacted(self) -> Iterator[Transaction]:
        """The transaction made on a copy of the file in memory, which is then rewritten in key
        order (VACUUM) and written over the file by SQLite's backup, one transaction of the
        file's own: its journal and syncs, so that a crash leaves the file as it was before or
        after, never between. A commit then a VACUUM of the file synced the disk twice as
        often (issue 14: the box's pace; `bench/box.py`). Nothing is written to the file by
        a transaction left by an exception: its copy is dropped."""
        image = sqlite3.connect(":memory:", isolation_level=None)
        try:
            image.execute("PRAGMA temp_store=MEMORY")
            self._db.backup(image)
            image.execute("BEGIN IMMEDIATE")
            yield Transaction(image, self._new_id)
            image.execute("COMMIT")
            image.execute("VACUUM")
            image.backup(self._db)
        finally:
            image.close()

    def durability(self) -> tuple[str, int]:
        """The journal mode and synchronous level in force (`delete`, 2 for FULL)."""
        with self._lock:
            (mode,) = self._db.execute("PRAGMA journal_mode").fetchone()
            (level,) = self._db.execute("PRAGMA synchronous").fetchone()
        return str(mode), int(level)

    def compact(self) -> None:
        """Leave no trace of the order of writes in the file (see the module docstring)."""
        with self._lock:
            self._compact()

    def _compact(self) -> None:
        self._db.execute("VACUUM")


class Transaction(BallotRows, ChainRows, EntryRows, OutboxRows, PinRows):
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
        staff, e2e, mode, approved, polling = read_enrolled(row[11])
        setup = StationSetup(
            row[0],
            row[1],
            row[2],
            read_ballot(row[3]),
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
                stored_json(ballot),
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

    def set_reconciled(self, reconciled: Mapping[str, object]) -> None:
        """Keep the staff's reconciliation at the close (`station.web.closing`)."""
        self._db.execute("UPDATE station_state SET reconciled = ?", (stored_json(reconciled),))

    def reconciled(self) -> dict[str, object] | None:
        (kept,) = self._db.execute("SELECT reconciled FROM station_state").fetchone()
        return None if kept is None else dict(json.loads(kept))

    def set_counted(self, report: bytes) -> None:
        self._db.execute("UPDATE station_state SET counted = ?", (report,))

    def save_signed(self, kind: str, sequence: int, signed: bytes) -> None:
        """Keep a signed report (for reprinting) and count it among the device's reports."""
        self._db.execute(
            "INSERT INTO signed_reports (kind, sequence, signed) VALUES (?, ?, ?)",
            (kind, sequence, signed),
        )
        self._db.execute("UPDATE station_state SET reports_signed = reports_signed + 1")

    def supersede_signed(self, kind: str, signed: bytes) -> None:
        """Keep `signed` in place of the signed report of `kind` the centre refused, and drop the
        refused items of it from the outbox, the report and an E2E box's chain refused with it, so
        both go again (the courier's incidents keep the refusals)."""
        self._db.execute("UPDATE signed_reports SET signed = ? WHERE kind = ?", (signed, kind))
        self._db.execute(
            "DELETE FROM outbox WHERE kind IN ('report', 'ballot-chain') AND subject = ?"
            " AND refused IS NOT NULL",
            (kind,),
        )

    def signed(self, kind: str) -> bytes | None:
        row = self._db.execute("SELECT signed FROM signed_reports WHERE kind = ?", (kind,))
        found = row.fetchone()
        return None if found is None else bytes(found[0])
