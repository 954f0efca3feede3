"""The ballot box's SQLite file as laid out (`station.local_store`): its schema, the versions it has
had and what turns an older file into this one, and how times and JSON are written in it.
"""

from __future__ import annotations

import datetime
import json

#: 2: ballots sealed to the count key, whose shares it keeps; 3: the E2E ballot chain; 4: the
#: centre's receipts of the reports and the chain, and the staff's reconciliation at the close;
#: 5: the staff's wrong PINs, so that a lock-out outlives the kiosk's restart; 6: a ballot card
#: cancelled by the staff, and the keyed tag of its voter while it is unused (review S23 A3)
SCHEMA_VERSION = 6
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
MIGRATE_2 = (
    "ALTER TABLE station_state ADD COLUMN chain_start BLOB",
    "ALTER TABLE station_state ADD COLUMN chain_close BLOB",
    *_CHAIN,
)
_RECEIPTS = (
    """CREATE TABLE receipts (
        kind TEXT NOT NULL,
        subject TEXT NOT NULL,
        digest TEXT NOT NULL,
        received_at TEXT NOT NULL,
        PRIMARY KEY (kind, subject)
    ) WITHOUT ROWID""",
)
#: What turns a file of version 3 into version 4 (no receipt yet: a report delivered before
#: shows as delivered, without its receipt; no reconciliation kept of a close before).
MIGRATE_3 = ("ALTER TABLE station_state ADD COLUMN reconciled TEXT", *_RECEIPTS)
_WRONG_PINS = (
    """CREATE TABLE wrong_pins (
        holder TEXT NOT NULL,
        tried_at TEXT NOT NULL
    )""",
)
#: What turns a file of version 4 into version 5 (no wrong PIN counted: those a kiosk of
#: version 4 counted were in its memory only).
MIGRATE_4 = _WRONG_PINS
_CARD_HOLDERS = (
    "ALTER TABLE ballot_cards ADD COLUMN holder BLOB",
    "ALTER TABLE ballot_cards ADD COLUMN cancelled INTEGER NOT NULL DEFAULT 0"
    " CHECK (cancelled IN (0, 1))",
)
#: What turns a file of version 5 into version 6 (its cards name no voter, so none of them can be
#: cancelled: the staff could not tell which is whose).
MIGRATE_5 = _CARD_HOLDERS
#: What turns a file of each older version into this one.
MIGRATIONS = {
    2: (*MIGRATE_2, *MIGRATE_3, *MIGRATE_4, *MIGRATE_5),
    3: (*MIGRATE_3, *MIGRATE_4, *MIGRATE_5),
    4: (*MIGRATE_4, *MIGRATE_5),
    5: MIGRATE_5,
}

SCHEMA = (
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
        chain_close BLOB,
        reconciled TEXT
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
        consumed INTEGER NOT NULL DEFAULT 0 CHECK (consumed IN (0, 1)),
        holder BLOB,
        cancelled INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1))
    ) WITHOUT ROWID""",
    f"""CREATE TABLE cast_vote_records (
        cvr_id BLOB PRIMARY KEY CHECK (length(cvr_id) = {CVR_ID_BYTES}),
        cvr BLOB NOT NULL
    ) WITHOUT ROWID""",
    *_CHAIN,
    *_RECEIPTS,
    *_WRONG_PINS,
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


def stored_time(moment: datetime.datetime) -> str:
    """A time as stored: UTC, to the microsecond, so that stored times sort as text."""
    if moment.utcoffset() is None:
        raise ValueError(f"{moment.isoformat()} has no time zone")
    return moment.astimezone(datetime.UTC).isoformat(timespec="microseconds")


def stored_json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
