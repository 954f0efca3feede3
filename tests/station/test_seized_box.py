"""The attack of issue 9 §1: the box's directory copied byte for byte at any moment of the day.

Fifty voters, each with a ballot of their own drawn from a seeded generator (`cast_loop.
seized_ballot`), vote on one box: some checked in while the centre is down, some in a process
that is killed (SIGKILL) in the middle of the day. The box's whole directory (database, any
journal, key file, printer output) is copied at midday, right after the kill, after close and
after the count, and `forensics` reads every byte of each copy: every page of the database (free
pages too), every WAL frame were there a WAL (there is none), every other file. Nothing of any
ballot may be there, in any form a choice could take (the canonical record, JSON, the codes in
ASCII, Persian or Arabic-Indic digits with any separator, in UTF-8 or UTF-16, the paper copy's
lines), nor the count key's secret or a staff key; every stored ballot has the same length. And
with two staff keys the count still gives exactly the ballots cast: the attack fails, the day
still works.

The same day on an E2E box (docs/e2e.md §7), whose chain holds every ballot encrypted: no ballot
nonce ξ_B the box drew (raw or in hex) is in any copy, every stored encrypted ballot has one
length, and the final report commits to the chain.
"""

from __future__ import annotations

import base64
import itertools
import json
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import nacl.public
import pytest

from sandogh.core.report import CastVoteRecord, Choice, cvr_digest, encode_record, record_bound
from sandogh.locale import to_persian_digits
from sandogh.station.ballot_names import read_names
from sandogh.station.box_check_in import IssuedCard
from sandogh.station.count_key import CountKey, sealed_length
from sandogh.station.printouts import Printouts
from sandogh.station.setup import StationSetup

from . import forensics
from .build import COUNTERS, STAFF_SEEDS, Station, national_code, voting_station
from .cast_loop import SEIZED_BALLOT, seized_ballot

VOTERS = 50
MIDDAY = 20  # voters 0–19 vote before the first copy
OFFLINE = range(6, 14)  # checked in while the centre is down; synced only after the crash
CRASH_LAST = 40  # voters 20–39 vote in the process that is killed, after KILL_AFTER are done
KILL_AFTER = 8
ROOT = Path(__file__).resolve().parents[2]
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def _record(voter: int) -> CastVoteRecord:
    return CastVoteRecord(seized_ballot(voter))


def _forms(record: CastVoteRecord, setup: StationSetup) -> dict[str, bytes]:
    """Every form in which a ballot's content could be written down, each named."""
    by_contest = {choice.contest: list(choice.codes) for choice in record.choices}
    forms = {
        "canonical record": encode_record(record),
        "json": json.dumps(by_contest).encode(),
        "json, unicode": json.dumps(by_contest, ensure_ascii=False, separators=(",", ":")).encode(),
    }
    codes = [code for choice in record.choices for code in choice.codes]
    for separator, (script, digits) in itertools.product(
        ("", " ", ",", ";", "|", "\n", "-"),
        (
            ("ascii", str),
            ("persian", to_persian_digits),
            ("arabic-indic", lambda t: t.translate(ARABIC_INDIC)),
        ),
    ):
        text = separator.join(digits(code) for code in codes)
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            forms[f"codes {script} {separator!r} {encoding}"] = text.encode(encoding)
    for lang in ("fa", "en"):  # its choices, past the title, the election and the station: a
        # line of one candidate alone is on every report, and tells nothing of a ballot
        copy = Printouts(lang, read_names(None)).paper_copy(setup, record)[3:]
        forms[f"paper copy in {lang}"] = "\n".join(copy).encode()
    return forms


def _secret(key: CountKey) -> bytes:
    """The count key's secret, rebuilt here apart from the box's code: the two halves the first
    two staff members hold of their pair, opened with their keys and added (XOR)."""
    one, other = (signing for _, signing in COUNTERS)
    by_pair: dict[str, dict[object, bytes]] = {}
    for share in key.shares:
        by_pair.setdefault(share.pair, {})[share.holder] = share.sealed
    (halves,) = [h for h in by_pair.values() if set(h) == {one.public_key, other.public_key}]
    opened = [
        nacl.public.SealedBox(signing.x25519()).decrypt(halves[signing.public_key])
        for signing in (one, other)
    ]
    secret = bytes(a ^ b for a, b in zip(*opened, strict=True))
    assert bytes(nacl.public.PrivateKey(secret).public_key) == key.public
    return secret


def _key_forms(secret: bytes) -> dict[str, bytes]:
    forms = {"count key": secret, "count key, hex": secret.hex().encode()}
    forms["count key, base64"] = base64.b64encode(secret)
    for n, seed in enumerate(STAFF_SEEDS):
        forms[f"staff key {n}"] = seed
        forms[f"staff key {n}, hex"] = seed.hex().encode()
    return forms


def _vote(station: Station, voters: Iterable[int]) -> None:
    for voter in voters:
        station.centre.down = voter in OFFLINE
        card = station.box.check_in(national_code(voter))
        assert isinstance(card, IssuedCard), card
        assert card.provisional == (voter in OFFLINE)
        station.box.cast(card.token, seized_ballot(voter))
    station.centre.down = False


def _lines(log: Path, word: str) -> set[int]:
    text = log.read_text() if log.exists() else ""
    return {int(line.split()[1]) for line in text.splitlines() if line.startswith(word + " ")}


def _logged_nonces(log: Path) -> list[bytes]:
    text = log.read_text() if log.exists() else ""
    return [
        bytes.fromhex(line.split()[1]) for line in text.splitlines() if line.startswith("nonce ")
    ]


def _nonce_forms(nonces: Sequence[bytes]) -> dict[str, bytes]:
    forms = {}
    for n, nonce in enumerate(nonces):
        forms[f"nonce {n}"] = nonce
        forms[f"nonce {n}, hex"] = nonce.hex().encode()
    return forms


def _killed_mid_cast(folder: Path, log: Path) -> tuple[set[int], set[int]]:
    """Voters MIDDAY… cast in a child process, SIGKILLed once KILL_AFTER are done: (done,
    attempted)."""
    child = subprocess.Popen(
        [
            *(sys.executable, "-m", "tests.station.cast_loop"),
            *(str(folder), str(MIDDAY), str(CRASH_LAST), str(log), "seized"),
        ],
        cwd=ROOT,
    )
    deadline = time.monotonic() + 60
    while len(_lines(log, "done")) < KILL_AFTER:
        assert child.poll() is None, "the cast loop stopped"
        assert time.monotonic() < deadline, "the cast loop never got far enough"
        time.sleep(0.001)
    child.send_signal(signal.SIGKILL)
    assert child.wait() == -signal.SIGKILL
    return _lines(log, "done"), _lines(log, "attempt")


def _seize(station: Station, copies: Path, moment: str) -> Path:
    """A byte-for-byte copy of the box's directory (its database and its files beside it)."""
    copy = copies / moment
    shutil.copytree(station.directory.path.parent, copy)
    return copy


def _stored_lengths(copy: Path, scratch: Path) -> list[object]:
    query = "SELECT length(cvr) FROM cast_vote_records"
    return forensics.column(copy / "station" / "station.sqlite", scratch, query)


def _tally(records: Sequence[CastVoteRecord]) -> Mapping[str, Counter[str]]:
    votes: dict[str, Counter[str]] = {c.contest: Counter() for c in SEIZED_BALLOT}
    for record in records:
        for choice in record.choices:
            votes[choice.contest].update(choice.codes)
    return votes


@pytest.mark.parametrize("e2e", [False, True], ids=["plain", "e2e"])
def test_a_box_seized_at_any_moment_links_no_voter_to_a_ballot(tmp_path: Path, e2e: bool) -> None:
    station = voting_station(tmp_path / "box", ballot=SEIZED_BALLOT, e2e=e2e)
    copies, scratch = tmp_path / "copies", tmp_path / "scratch"
    _vote(station, range(MIDDAY))
    seized = {"midday": _seize(station, copies, "midday")}

    station.box.store.close()
    done, attempted = _killed_mid_cast(tmp_path / "box", tmp_path / "cast.log")
    seized["after a crash"] = _seize(station, copies, "after a crash")
    station = station.reopen()
    assert station.box.sync().outbox.pending == 0  # the zero report, the offline check-ins
    assert len(station.centre.synced) == len(OFFLINE)
    _vote(station, range(max(attempted) + 1, VOTERS))
    station.box.close()
    seized["after close"] = _seize(station, copies, "after close")
    counted = station.box.count(staff=COUNTERS)
    seized["after the count"] = _seize(station, copies, "after the count")

    # the day still works: two staff keys count exactly the ballots confirmed, and no other
    in_flight = attempted - done
    cast = [*range(MIDDAY), *sorted(done), *range(max(attempted) + 1, VOTERS)]
    if counted.cvr_count == len(cast) + 1:
        cast += sorted(in_flight)  # confirmed just before the kill, its `done` never written
    records = [_record(voter) for voter in cast]
    assert counted.cvr_count == len(records)
    assert counted.cvr_digest == cvr_digest(records)
    expected = _tally(records)
    for sheet in counted.sheets:
        assert {c: n for c, n in sheet.counts.votes.items() if n} == dict(expected[sheet.contest])

    # the attack: nothing of any ballot, nor the key that opens them, in any copy
    setup = station.box.status().setup
    with station.box.store.transaction() as tx:
        key = tx.count_key()
    assert key is not None
    needles = {
        f"voter {voter}: {form}": data
        for voter in range(VOTERS)
        for form, data in _forms(_record(voter), setup).items()
    }
    needles.update(_key_forms(_secret(key)))
    nonces = [*station.nonces.drawn, *_logged_nonces(tmp_path / "cast.log")]
    # one per ballot cast, and one more if the kill came between a prepare and its cast
    assert len(nonces) in ({counted.cvr_count, counted.cvr_count + 1} if e2e else {0})
    needles.update(_nonce_forms(nonces))
    assert (counted.e2e is not None) == e2e
    one_length = sealed_length(record_bound(SEIZED_BALLOT))
    for moment, copy in seized.items():
        layout, _ = forensics.read(copy)
        assert layout.count("page") > 0, moment
        found = forensics.find(needles, copy)
        assert found == [], (moment, found[:5])
        lengths = _stored_lengths(copy, scratch / moment.replace(" ", "-"))
        assert set(lengths) == {one_length}, (moment, Counter(lengths))
        if e2e:
            encrypted = forensics.column(
                copy / "station" / "station.sqlite",
                scratch / (moment.replace(" ", "-") + "-chain"),
                "SELECT length(ballot) FROM ballot_chain",
            )
            assert len(set(encrypted)) == 1, (moment, Counter(encrypted))
    for moment, copy in seized.items():  # nor any write-ahead log, whose commits were in order
        assert forensics.read(copy)[0].count("wal header") == 0, moment
    # the paper copies were printed, and only the reports were written to the printer's file
    printed = (tmp_path / "box" / "printer.jsonl").read_text(encoding="utf-8")
    assert "sandogh ballot" not in printed
    # this process's copies, before and after the crash; the killed one's went to its memory
    assert len(station.printer.copies) == MIDDAY + VOTERS - max(attempted) - 1


def test_the_reader_finds_what_a_box_that_did_not_seal_would_leave(tmp_path: Path) -> None:
    """The forensic reader is not blind: a plain record written to a WAL file is found in its
    frame, and once deleted without `secure_delete` and checkpointed, in a free page."""
    record = encode_record(CastVoteRecord((Choice("parliament", ("611", "615", "620")),)))
    folder = tmp_path / "plain"
    folder.mkdir()
    with sqlite3.connect(folder / "plain.sqlite", isolation_level=None) as db:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA secure_delete=OFF")
        db.execute("PRAGMA wal_autocheckpoint=0")
        db.execute("CREATE TABLE t (filler BLOB, cvr BLOB)")
        db.executemany("INSERT INTO t VALUES (zeroblob(3000), ?)", [(b"x",)] * 20)
        db.execute("INSERT INTO t VALUES (zeroblob(3000), ?)", (record,))
        in_wal = {piece.kind for _, piece in forensics.find({"r": record}, folder)}
        assert "wal frame" in in_wal
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.execute("DELETE FROM t")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        kinds = {piece.kind for _, piece in forensics.find({"r": record}, folder)}
    assert "free page" in kinds


def test_the_reader_finds_the_nonce_of_a_challenged_ballot_which_is_public(tmp_path: Path) -> None:
    """The nonce search is not blind: a challenged ballot's ξ_B is kept in the chain, and found."""
    station = voting_station(tmp_path / "box", ballot=SEIZED_BALLOT, e2e=True)
    card = station.box.check_in(national_code(1))
    assert isinstance(card, IssuedCard)
    station.box.prepare(card.token, seized_ballot(1))
    opened = station.box.challenge(card.token)
    station.box.cast(card.token, seized_ballot(2))
    cast_nonce = station.nonces.drawn[-1]
    copy = _seize(station, tmp_path / "copies", "challenged")
    found = {name for name, _ in forensics.find(_nonce_forms([opened.nonce, cast_nonce]), copy)}
    assert found == {"nonce 0", "nonce 0, hex"}  # in the chain, and on its printed page
