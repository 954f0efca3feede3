"""Secrecy by construction (DESIGN.md §3, issue 3): nothing joins a voter's identity to a ballot.

One small election day, end to end: a real centre (SQLite, over HTTP) and two real boxes with
their own directories and file printers. Box A checks everyone in online; box B loses its link
for its first voters, checks them in provisionally and syncs them when the link returns. Then
every place a join could hide is scanned mechanically: the central database (each table, each
column, and its raw files), the exported event log, the station files and the printouts.

The Kerman runoff has one contest of two candidates, so a single ballot cannot be told from
another; the casting order is made visible instead (the first half of each box votes 21, the
second half 25), and a second box on the richer test ballot gives every voter a choice of their
own, so that a stored order or a printout that followed the voters would show. Ballots are
sealed on the box (issue 9 §1; the attack on a seized box is `station/test_seized_box.py`): here
they are opened with two staff keys, as the count opens them, to show their order is gone too.
"""

from __future__ import annotations

import datetime
import json
import random
import re
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import combinations, pairwise
from pathlib import Path

from sandogh.core.readiness import IRAN_TIME
from sandogh.core.report import (
    CastVoteRecord,
    Choice,
    decode_record,
    encode_record,
    record_bound,
)
from sandogh.core.voters import parse_national_code
from sandogh.core.voters.ledger_key import voter_key
from sandogh.locale import format_int, to_persian_digits
from sandogh.locale.printouts import FA as PRINTED
from sandogh.services.audit import export_log
from sandogh.station.box import Box
from sandogh.station.box_check_in import IssuedCard
from sandogh.station.centre_http import HttpCentreClient
from sandogh.station.count_key import sealed_length
from sandogh.station.directory import StationDirectory
from sandogh.station.ports import CentreUnreachableError, CheckInAnswer
from sandogh.station.printers import FilePrinter, PrintJob
from sandogh.station.setup import OfflinePolicy
from sandogh.store.schema import init_database

from .server.live import (
    ELECTION,
    POLLING_DAY,
    SECRET,
    Live,
    load_kerman,
    serving,
    stations,
    voters,
)
from .services.build import register_station_staff, station_staff
from .station.build import BALLOT, national_code, opened, voting_station

PER_BOX = 12
OFFLINE = 3  # box B's first voters, checked in while its link is down
# The boxes' clock: on the polling day, or the centre refuses their offline check-ins as impossible
POLLING_NOON = datetime.datetime.combine(POLLING_DAY, datetime.time(12), IRAN_TIME)
#: A date-time, or a clock time standing alone (not inside a hash such as "sha256:…").
ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}|(?<![\w:])\d{1,2}:\d{2}(?![\w])")
CONTENT_TABLES = ("tally_sheets", "station_reports")
AGGREGATE_GRAIN = {"election_id", "station", "contest", "kind"}


class _Link(HttpCentreClient):
    """The box's client of the live centre, whose check-ins can be cut off."""

    down = False

    def check_in(self, *, election: str, station: str, national_code: str) -> CheckInAnswer:
        if self.down:
            raise CentreUnreachableError("the link is down")
        return super().check_in(election=election, station=station, national_code=national_code)


@dataclass
class _Box:
    folder: Path
    box: Box
    link: _Link
    printer: FilePrinter
    station: str
    codes: list[str]

    @property
    def directory(self) -> Path:
        return self.folder / "station"


def _new_box(live: Live, folder: Path, n: int, station: str, codes: list[str]) -> _Box:
    ids = random.Random(n)
    store, key = StationDirectory(folder / "station").create(new_id=lambda: ids.randbytes(16))
    link = _Link(live.url, key, timeout=30.0, operator=live.operator)
    printer = FilePrinter(folder / "printer.jsonl")
    box = Box(store, key, link, printer, clock=lambda: POLLING_NOON)
    register_station_staff(live.uow, ELECTION, station)  # who sign its final report
    box.enrol(election=ELECTION, station=station, policy=OfflinePolicy.PROVISIONAL)
    box.open({"president": 100})
    box.start_voting()
    return _Box(folder, box, link, printer, station, codes)


def _choice_of(i: int) -> str:
    """The i-th voter's candidate: the first half of a box 21, the second 25 (the order shows)."""
    return "21" if i < PER_BOX // 2 else "25"


def _vote(box: _Box, codes: Sequence[str]) -> list[str]:
    tokens = []
    for code in codes:
        card = box.box.check_in(code)
        assert isinstance(card, IssuedCard), card
        tokens.append(card.token)
        box.box.cast(card.token, (Choice("president", (_choice_of(box.codes.index(code)),)),))
    return tokens


def _files(folder: Path) -> Iterator[tuple[Path, bytes]]:
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            yield path, path.read_bytes()


def _found(needles: Sequence[str], folder: Path) -> list[tuple[str, str]]:
    """Each (needle, file) where a needle's bytes occur in a file under `folder`."""
    return [
        (needle, path.name)
        for path, data in _files(folder)
        for needle in needles
        if needle.encode() in data
    ]


def _cells(db: Path) -> Iterator[tuple[str, str, str]]:
    """(table, column, value as text) of every cell of every table of a SQLite file."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        tables = [
            r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        for table in tables:
            cursor = connection.execute(f'SELECT * FROM "{table}"')
            columns = [d[0] for d in cursor.description]
            for row in cursor:
                for column, value in zip(columns, row, strict=True):
                    text = value.decode("latin-1") if isinstance(value, bytes) else str(value)
                    yield table, column, text


def _columns(db: Path, table: str) -> list[str]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        return [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')]


def _primary_key(db: Path, table: str) -> set[str]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        return {row[1] for row in connection.execute(f'PRAGMA table_info("{table}")') if row[5]}


def _reports(jobs: Sequence[PrintJob]) -> list[PrintJob]:
    return [job for job in jobs if job.lines[0] in (PRINTED["print_zero"], PRINTED["print_final"])]


def test_no_record_joins_a_voter_to_a_ballot(tmp_path: Path) -> None:
    centre_db = tmp_path / "centre" / "centre.sqlite"
    centre_db.parent.mkdir()
    url = f"sqlite:///{centre_db}"
    init_database(url)
    load_kerman(url)
    codes = voters(2 * PER_BOX)
    keys = [voter_key(SECRET, parse_national_code(code)) for code in codes]
    log: list[str] = []
    with serving(url) as live:
        a = _new_box(live, tmp_path / "a", 1, stations()[0], codes[:PER_BOX])
        b = _new_box(live, tmp_path / "b", 2, stations()[1], codes[PER_BOX:])
        for box in (a, b):
            box.box.sync()  # the zero report
        with live.uow() as work:
            events_at_opening = sum(1 for _ in work.events.entries())

        tokens = _vote(a, a.codes)
        b.link.down = True
        tokens += _vote(b, b.codes[:OFFLINE])
        # queued until sync, as documented: the only place a national code rests on a box
        assert {code for code, _ in _found(b.codes[:OFFLINE], b.directory)} == set(
            b.codes[:OFFLINE]
        )
        b.link.down = False
        assert b.box.sync().delivered == OFFLINE
        tokens += _vote(b, b.codes[OFFLINE:])

        with live.uow() as work:
            # 4. no event per check-in or per ballot: voting left the record of events as it was
            assert sum(1 for _ in work.events.entries()) == events_at_opening
            in_ledger = work.ledger.count(ELECTION)
        for box in (a, b):
            box.box.close()
            box.box.count(staff=station_staff(box.station))
            box.box.report(station_staff(box.station))
            box.box.sync()
            assert box.box.status().outbox.pending == 0
        export_log(live.uow, log.append)

    # 1. no national code in the centre (any table, any column, its raw files) nor in the log
    assert in_ledger == 2 * PER_BOX
    assert [(t, c) for t, c, v in _cells(centre_db) if any(code in v for code in codes)] == []
    assert _found(codes, centre_db.parent) == []
    ledger_keys = {v for t, c, v in _cells(centre_db) if (t, c) == ("voted_ledger", "voter_key")}
    assert ledger_keys == set(keys)  # the scan sees the ledger: it holds the keyed hashes only
    assert [code for code in codes if any(code in line for line in log)] == []
    assert [key for key in keys if any(key in line for line in log)] == []
    # ... nor on a box after sync, and a box never holds a voter key
    for box in (a, b):
        assert _found([*codes, *keys], box.directory) == []
        # the cards are kept by token (not tied to a record); no printout carries one
        printed = box.printer.path.read_text(encoding="utf-8")
        assert [t for t in (*codes, *keys, *tokens) if t in printed] == []

    # 2. centrally, ballot content lives only in per-station aggregates
    ledger_columns = set(_columns(centre_db, "voted_ledger"))
    for table in CONTENT_TABLES:
        assert set(_columns(centre_db, table)) & ledger_columns <= {"election_id", "station"}
        assert _primary_key(centre_db, table) <= AGGREGATE_GRAIN
    with sqlite3.connect(f"file:{centre_db}?mode=ro", uri=True) as connection:
        per_station = connection.execute(
            "SELECT station, count(*) FROM station_reports GROUP BY station ORDER BY station"
        ).fetchall()
        received = {r[0] for r in connection.execute("SELECT received_at FROM station_reports")}
        at = {r[0] for r in connection.execute("SELECT at FROM voted_ledger")}
        sheets = connection.execute(
            "SELECT count(*) FROM tally_sheets GROUP BY station, contest HAVING count(*) > 1"
        ).fetchall()
    assert sheets == []  # at most one sheet per station and contest
    assert per_station == [(stations()[0], 2), (stations()[1], 2)]  # zero and final, no more
    assert received.isdisjoint(at)

    for box in (a, b):
        db = box.directory / "station.sqlite"
        bound = record_bound(box.box.status().setup.ballot)
        stored = [
            decode_record(r).choices[0].codes[0]
            for r in opened(box.box.store, station_staff(box.station))
        ]
        box.box.store.close()
        cvr = _columns(db, "cast_vote_records")
        assert cvr == ["cvr_id", "cvr"]
        for other in ("ballot_cards", "outbox", "incidents", "station_state"):
            assert set(cvr).isdisjoint(_columns(db, other))
        records = [v for t, c, v in _cells(db) if (t, c) == ("cast_vote_records", "cvr")]
        assert len(records) == PER_BOX
        assert {len(r) for r in records} == {sealed_length(bound)}
        assert not any(ISO_TIME.search(r) for r in records)
        assert not any(token in r for token in tokens for r in records)
        cast = [_choice_of(i) for i in range(PER_BOX)]
        assert sorted(stored) == sorted(cast)
        assert stored != cast  # the ids are drawn at random: the casting order is gone
        assert _runs(stored) > 2

        # 3. the paper copies show the choice and nothing else; the reports only totals
        jobs = box.printer.jobs()
        copies = box.printer.copies
        assert copies[0][0] == PRINTED["print_copy"]
        assert {copy[:-1] for copy in copies} == {copies[0][:-1]}  # the same but the choice
        assert [copy[-1].split()[0] for copy in copies] == [to_persian_digits(c) for c in cast]
        assert not any(job.lines[0] == PRINTED["print_copy"] for job in jobs)  # not on disk
        zero, final = _reports(jobs)
        assert len(zero.lines) == len(final.lines)  # the page does not grow with the voters
        half = format_int(PER_BOX // 2, "fa")
        for code in ("۲۱", "۲۵"):
            assert any(
                line.startswith(f"  {code} ") and f": {half} (" in line for line in final.lines
            )
        for job in (zero, final):  # one time: when the page was printed, the box's own moment
            timed = [line for line in job.lines if ISO_TIME.search(line)]
            assert [line.split(":")[0] for line in timed] == ["چاپ"]
            qr = b"".join(job.qr)
            assert not any(
                code.encode() in qr or key.encode() in qr
                for code, key in zip(codes, keys, strict=True)
            )


def _runs(values: Sequence[str]) -> int:
    return 1 + sum(1 for x, y in pairwise(values) if x != y)


def test_distinct_ballots_are_stored_and_printed_without_their_order(tmp_path: Path) -> None:
    """Every voter casts a ballot of their own, so a stored order that followed the voters, or a
    paper copy that carried anything of theirs, would show."""
    station = voting_station(tmp_path, id_seed=1403)
    pairs = (c for c in combinations(BALLOT[1].candidates, 2))
    patterns = [
        CastVoteRecord((Choice("president", p), Choice("parliament", m)))
        for p in ((), ("21",), ("25",))
        for m in ((), *pairs)
    ]
    tokens = []
    for i, record in enumerate(patterns):
        card = station.box.check_in(national_code(i))
        assert isinstance(card, IssuedCard)
        tokens.append(card.token)
        station.box.cast(card.token, record.choices)
    station.box.close()
    cast = [encode_record(r) for r in patterns]
    stored = opened(station.box.store)
    order = [cast.index(r) for r in stored]
    assert sorted(order) == list(range(len(patterns)))
    assert abs(_spearman(order)) < 0.5
    copies = station.printer.copies
    assert len(set(copies)) == len(patterns)
    text = json.dumps(copies)
    codes = [national_code(i) for i in range(len(patterns))]
    assert [t for t in (*tokens, *codes) if t in text] == []
    assert not ISO_TIME.search(text)


def _spearman(order: Sequence[int]) -> float:
    n = len(order)
    d2 = sum((i - r) ** 2 for i, r in enumerate(order))
    return 1 - 6 * d2 / (n * (n * n - 1))
