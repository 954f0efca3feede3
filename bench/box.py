"""The ballot box's own pace: check-in and cast with every ballot sealed to the count key, and the
count that opens them, beside the raw rate of the same durable writes in the same run.

    .venv/bin/python bench/box.py [--ballots N] [--json]

A cast is one transaction of the box's SQLite file (a rollback journal, synchronous=FULL): the
card marked used and the ballot, padded to the station's one length and sealed (issue 9, section
1); then the file is rewritten in key order (VACUUM), so that it keeps no order of the ballots.
The baseline is plain sqlite3 doing the same two writes per transaction, with a blob of the sealed
length and the same journal and durability but no rewrite, so the ratio says what the box adds to
the disk's own cost, its rewrite included. Machines are
shared and noisy: read the ratios, not the figures.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import sqlite3
import tempfile
import time
from pathlib import Path

from sandogh.core.report import BallotContest, Choice, SigningKey, StaffRole, record_bound
from sandogh.core.voters import check_digit
from sandogh.station.box import Box
from sandogh.station.box_check_in import IssuedCard
from sandogh.station.count_key import sealed_length
from sandogh.station.directory import StationDirectory
from sandogh.station.fake_centre import FakeCentre
from sandogh.station.printers import FilePrinter
from sandogh.station.setup import OfflinePolicy, StaffMember

ELECTION, STATION = "bench", "ST-0001"
#: Tehran's Majlis ballot: 30 seats, the largest record a box seals
BALLOT = (
    BallotContest("president", 1, tuple(str(n) for n in range(10, 16))),
    BallotContest("majlis", 30, tuple(str(n) for n in range(1000, 1300))),
)
ROLES = (StaffRole.HEAD, StaffRole.SECRETARY, StaffRole.MEMBER)


def _code(i: int) -> str:
    nine = f"{100_000_000 + i:09d}"
    return nine + str(check_digit(nine))


def _choices(draw: random.Random) -> list[Choice]:
    president, majlis = BALLOT
    return [
        Choice("president", (draw.choice(president.candidates),)),
        Choice("majlis", tuple(draw.sample(majlis.candidates, draw.randint(0, 30)))),
    ]


def _box(folder: Path, ballots: int) -> tuple[Box, list[tuple[StaffRole, SigningKey]]]:
    keys = [(role, SigningKey.from_seed(os.urandom(32))) for role in ROLES]
    staff = [StaffMember(f"{role}", role, key.public_key) for role, key in keys]
    store, key = StationDirectory(folder / "box").create()
    centre = FakeCentre(
        election=ELECTION, definition_hash="sha256:" + "0" * 64, ballot=BALLOT, staff=staff
    )
    box = Box(store, key, centre, FilePrinter(folder / "printer.jsonl"))
    box.enrol(election=ELECTION, station=STATION, policy=OfflinePolicy.REFUSE)
    box.open({c.contest: ballots for c in BALLOT})
    box.start_voting()
    return box, keys[:2]


def _raw(folder: Path, ballots: int, size: int) -> float:
    """Casts per second of plain sqlite3: a card marked used and a blob stored, per transaction."""
    db = sqlite3.connect(folder / "raw.sqlite", isolation_level=None)
    db.execute("PRAGMA journal_mode=DELETE")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("CREATE TABLE cards (token TEXT PRIMARY KEY, used INTEGER) WITHOUT ROWID")
    db.execute("CREATE TABLE ballots (id BLOB PRIMARY KEY, data BLOB) WITHOUT ROWID")
    db.executemany("INSERT INTO cards VALUES (?, 0)", [(str(i),) for i in range(ballots)])
    started = time.perf_counter()
    for i in range(ballots):
        db.execute("BEGIN IMMEDIATE")
        db.execute("UPDATE cards SET used = 1 WHERE token = ?", (str(i),))
        db.execute("INSERT INTO ballots VALUES (?, ?)", (os.urandom(16), os.urandom(size)))
        db.execute("COMMIT")
    elapsed = time.perf_counter() - started
    db.close()
    return ballots / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ballots", type=int, default=2_000)
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    draw = random.Random(1403)
    with tempfile.TemporaryDirectory() as where:
        folder = Path(where)
        size = sealed_length(record_bound(BALLOT))
        raw = _raw(folder, options.ballots, size)
        box, counters = _box(folder, options.ballots)
        started = time.perf_counter()
        for i in range(options.ballots):
            card = box.check_in(_code(i))
            assert isinstance(card, IssuedCard)
            box.cast(card.token, _choices(draw))
        cast = options.ballots / (time.perf_counter() - started)
        box.close()
        started = time.perf_counter()
        report = box.count(staff=counters)
        count = options.ballots / (time.perf_counter() - started)
    assert sum(s.counts.cast for s in report.sheets if s.contest == "president") == options.ballots
    figures = {
        "ballots": options.ballots,
        "sealed_bytes": size,
        "raw_writes_per_s": round(raw),
        "casts_per_s": round(cast),
        "cast_vs_raw": round(cast / raw, 2),
        "count_ballots_per_s": round(count),
        "count_vs_raw": round(count / raw, 2),
        "at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    }
    if options.json:
        print(json.dumps(figures))
        return
    for name, value in figures.items():
        print(f"{name:>22}  {value}")


if __name__ == "__main__":
    main()
