"""An E2E ballot box (docs/e2e.md §7): prepare, cast or challenge, the chain, the count.

The tests hold the joint key's secret (`build.E2E_SECRET`), which no box or centre holds, so
they can decrypt the box's encrypted tally and see that it is the report's figures.
"""

from __future__ import annotations

import hashlib
import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sandogh.core.counting.tally import InvalidKind
from sandogh.core.e2e.ballot import ballot_hash, encrypt_ballot
from sandogh.core.e2e.ballot_json import ballot_from_json, ballot_to_json
from sandogh.core.e2e.chain import chain_close, chain_start, confirmation_code, readable_code
from sandogh.core.e2e.chain_file import check_chain, read_chain, tally_of
from sandogh.core.e2e.elgamal import Ciphertext, accumulate
from sandogh.core.e2e.group import RISTRETTO255
from sandogh.core.e2e.selection_vector import EncryptedContest
from sandogh.core.e2e.tally import station_tally, tally_hash
from sandogh.core.report import (
    BallotContest,
    CastVoteRecord,
    Choice,
    PublicKey,
    ReportKind,
    decode_report,
    decode_signed,
    encode_report,
)
from sandogh.locale import to_persian_digits
from sandogh.locale.printouts import FA as PRINTED
from sandogh.station.box import Box
from sandogh.station.box_check_in import IssuedCard
from sandogh.station.errors import BallotFlowError, BallotFlowRefusal, CardRefusedError
from sandogh.station.local_chain import ChainState
from sandogh.station.local_schema import SCHEMA_VERSION
from sandogh.station.local_store import LocalStore
from sandogh.station.printouts import CHALLENGED_EN, CHALLENGED_FA
from tests.station.test_local_store import drop_card_holders

from .build import (
    BALLOT,
    COUNTERS,
    E2E_CONTEXT,
    E2E_HE,
    E2E_SECRET,
    STATION,
    Station,
    national_code,
    new_station,
    voting_station,
)
from .cast_loop import CRASH_BALLOT, crash_ballot

ROOT = Path(__file__).resolve().parents[2]
RECEIPT = PRINTED["print_receipt"]
VOTES: tuple[tuple[Choice, ...], ...] = (
    (Choice("president", ("21",)), Choice("parliament", ("31", "33"))),
    (Choice("president", ("25",)), Choice("parliament", ())),
    (Choice("president", ()), Choice("parliament", ("33",))),
)


def _card(station: Station, voter: int) -> str:
    card = station.box.check_in(national_code(voter))
    assert isinstance(card, IssuedCard), card
    return card.token


def _chain(data: bytes) -> list[dict[str, object]]:
    assert data.endswith(b"\n")
    lines = [json.loads(line) for line in data.split(b"\n")[:-1]]
    for raw, line in zip(data.split(b"\n"), lines, strict=False):
        assert (
            raw
            == json.dumps(line, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
        )
    return lines


def _replay(data: bytes) -> tuple[bytes, list[bytes]]:
    """The chain file's codes worked out again from its ballots alone: (close, codes)."""
    lines = _chain(data)
    start, close = lines[0], lines[-1]
    assert set(start) == {"format", "station", "device", "zero_report", "start"}
    assert start["format"] == "sandogh/e2e-chain@1"
    assert set(close) == {"close", "cast", "challenged"}
    device = PublicKey.from_text(str(start["device"])).raw
    zero = bytes.fromhex(str(start["zero_report"]).removeprefix("sha256:"))
    head = chain_start(E2E_HE, str(start["station"]), device, zero)
    assert head.hex() == start["start"]
    codes, counts = [], {"cast": 0, "challenged": 0}
    for line in lines[1:-1]:
        ballot = ballot_from_json(RISTRETTO255, line["ballot"])
        head = confirmation_code(E2E_HE, head, ballot_hash(E2E_CONTEXT, ballot))
        assert head.hex() == line["code"]
        codes.append(head)
        counts[str(line["state"])] += 1
    assert (close["cast"], close["challenged"]) == (counts["cast"], counts["challenged"])
    closed = chain_close(E2E_HE, head, counts["cast"], counts["challenged"])
    assert closed.hex() == close["close"]
    return closed, codes


def _decrypted(data: bytes) -> dict[str, dict[str, int]]:
    """Per contest and option ("" the blank indicator), the sum of the cast ballots' votes,
    decrypted with the test's secret."""
    sums: dict[str, dict[str, list[Ciphertext]]] = {}
    for line in _chain(data)[1:-1]:
        if line["state"] != "cast":
            continue
        for contest in ballot_from_json(RISTRETTO255, line["ballot"]).contests:
            assert isinstance(contest, EncryptedContest)  # BALLOT has no large contest
            for selection in contest.selections:
                by_option = sums.setdefault(contest.contest, {})
                by_option.setdefault(selection.option, []).append(selection.ciphertext)
    values: dict[str, dict[str, int]] = {}
    for name, options in sums.items():
        values[name] = {}
        for option, ciphertexts in options.items():
            total = accumulate(RISTRETTO255, ciphertexts)
            power = RISTRETTO255.div(total.beta, RISTRETTO255.exp(total.alpha, E2E_SECRET))
            (value,) = [t for t in range(len(ciphertexts) + 1) if RISTRETTO255.base_exp(t) == power]
            values[name][option] = value
    return values


def _signed_zero(station: Station) -> bytes:
    with station.box.store.transaction() as tx:
        zero = tx.signed(ReportKind.ZERO.value)
    assert zero is not None
    return zero


def test_prepare_cast_count_and_the_report_commits_to_the_chain(tmp_path: Path) -> None:
    station = voting_station(tmp_path, e2e=True)
    codes = []
    for voter, choices in enumerate(VOTES):
        token = _card(station, voter)
        prepared = station.box.prepare(token, choices)
        assert prepared.readable == readable_code(prepared.code)
        assert prepared.readable_fa == to_persian_digits(prepared.readable)
        codes.append(prepared.code)
        station.box.cast(token)
    # the paper copies carry the code; the voter's receipt the code alone
    for copy, code in zip(station.printer.copies, codes, strict=True):
        assert f"({readable_code(code)})" in copy
        assert f"کد رهگیری: {to_persian_digits(readable_code(code))}" in copy
    receipts = [job.lines for job in station.printer.jobs() if job.lines[0] == RECEIPT]
    assert [r[-2] for r in receipts] == [f"({readable_code(c)})" for c in codes]
    station.box.close()
    report = station.box.count(staff=COUNTERS)
    assert report.cvr_count == 3
    assert report.e2e is not None
    signed = station.box.report(COUNTERS)
    assert decode_report(signed.report) == report

    chain = station.box.export_chain()
    closed, replayed = _replay(chain)
    assert replayed == codes
    assert report.e2e.chain_close == closed.hex()
    zero = hashlib.sha256(_signed_zero(station)).hexdigest()
    assert _chain(chain)[0]["zero_report"] == f"sha256:{zero}"  # of the signed bytes (§7)
    cast = [
        ballot_from_json(RISTRETTO255, line["ballot"])
        for line in _chain(chain)[1:-1]
        if line["state"] == "cast"
    ]
    tally = station_tally(E2E_CONTEXT, STATION, BALLOT, cast)
    assert report.e2e.tally_hash == tally_hash(E2E_CONTEXT, tally).hex()
    # the encrypted tally is the report's figures: votes, and blanks by the blank indicator
    decrypted = _decrypted(chain)
    for sheet in report.sheets:
        options = decrypted[sheet.contest]
        assert options.pop("") == sheet.counts.invalid.get("blank", 0)  # type: ignore[call-overload]
        assert options == dict(sheet.counts.votes)

    # the chain file follows the final report to the centre
    assert station.box.sync().outbox.pending == 0
    assert station.centre.chains == [chain]
    assert encode_report(report) in {decode_signed(r).report for r in station.centre.reports}


def test_a_challenged_ballot_is_opened_kept_printed_and_not_counted(tmp_path: Path) -> None:
    station = voting_station(tmp_path, e2e=True)
    token = _card(station, 1)
    first = station.box.prepare(token, VOTES[0])
    opened = station.box.challenge(token)
    assert (opened.code, opened.choices) == (first.code, CastVoteRecord(VOTES[0]).choices)
    assert opened.nonce in station.nonces.drawn
    printed = station.printer.jobs()[-1].lines
    assert printed[0] == PRINTED["print_challenged"]
    assert CHALLENGED_FA in printed
    assert CHALLENGED_EN in printed
    chosen = printed.index("— president —")
    assert printed[chosen : chosen + 5] == (
        "— president —",
        "  ۲۱",
        "— parliament —",
        "  ۳۱",
        "  ۳۳",
    )
    assert printed[-2:] == (PRINTED["print_nonce"], opened.nonce.hex())
    assert station.box.status().cards_used == 0  # the card is still unused
    with pytest.raises(BallotFlowError) as refused:
        station.box.cast(token)  # the challenged ballot is gone from the box
    assert refused.value.reason is BallotFlowRefusal.NOTHING_PREPARED

    second = station.box.prepare(token, VOTES[1])  # the voter votes again
    assert second.code != first.code
    station.box.cast(token)
    station.box.close()
    report = station.box.count(staff=COUNTERS)
    assert report.cvr_count == 1
    president = {s.contest: s.counts for s in report.sheets}["president"]
    assert president.votes == {"21": 0, "25": 1}

    lines = _chain(station.box.export_chain())
    assert [line["state"] for line in lines[1:-1]] == ["challenged", "cast"]
    challenged = lines[1]
    assert challenged["nonce"] == opened.nonce.hex()
    assert challenged["choices"] == {"parliament": ["31", "33"], "president": ["21"]}
    assert "nonce" not in lines[2]
    assert "choices" not in lines[2]
    # anyone encrypts the challenged ballot again and gets it, bit for bit
    again = encrypt_ballot(
        E2E_CONTEXT,
        STATION,
        BALLOT,
        {"president": ["21"], "parliament": ["31", "33"]},
        bytes.fromhex(str(challenged["nonce"])),
        device=PublicKey.from_text(str(lines[0]["device"])).raw,
    )
    assert ballot_to_json(again) == challenged["ballot"]
    assert lines[-1] == {"cast": 1, "challenged": 1, "close": lines[-1]["close"]}
    assert _replay(station.box.export_chain())[1] == [first.code, second.code]


def test_preparing_again_replaces_the_prepared_ballot(tmp_path: Path) -> None:
    station = voting_station(tmp_path, e2e=True)
    one, other = _card(station, 1), _card(station, 2)
    station.box.prepare(one, VOTES[0])
    station.box.prepare(other, VOTES[1])  # the first voter walked away
    with pytest.raises(BallotFlowError) as refused:
        station.box.cast(one)
    assert refused.value.reason is BallotFlowRefusal.NOTHING_PREPARED
    station.box.prepare(one, VOTES[2])
    station.box.cast(one)
    with pytest.raises(CardRefusedError):
        station.box.prepare(one, VOTES[2])  # a card casts once
    station.box.cast(other, VOTES[1])  # prepared and cast in one call
    assert station.box.status().cards_used == 2


def test_a_ballot_is_cast_or_opened_only_under_the_code_the_voter_saw(tmp_path: Path) -> None:
    station = voting_station(tmp_path, e2e=True)
    token = _card(station, 1)
    seen = station.box.prepare(token, VOTES[0])
    station.box.prepare(token, VOTES[1])  # sealed again behind the voter's back
    for step in (station.box.cast, station.box.challenge):
        with pytest.raises(BallotFlowError) as refused:
            step(token, code=seen.code)
        assert refused.value.reason is BallotFlowRefusal.CODE_DIFFERS
        station.box.prepare(token, VOTES[1])
    assert station.box.status().cards_used == 0
    again = station.box.prepare(token, VOTES[0])
    station.box.cast(token, code=again.code)
    assert station.box.status().cards_used == 1


def test_a_box_without_the_e2e_context_casts_as_before(tmp_path: Path) -> None:
    station = voting_station(tmp_path)
    token = _card(station, 1)
    with pytest.raises(BallotFlowError) as refused:
        station.box.prepare(token, VOTES[0])
    assert refused.value.reason is BallotFlowRefusal.NOT_E2E
    with pytest.raises(BallotFlowError) as refused:
        station.box.cast(token)
    assert refused.value.reason is BallotFlowRefusal.CHOICES_NEEDED
    station.box.cast(token, VOTES[0])
    station.box.close()
    report = station.box.count(staff=COUNTERS)
    assert report.e2e is None
    assert b'"e2e"' not in encode_report(report)
    with pytest.raises(BallotFlowError):
        station.box.export_chain()
    with station.box.store.transaction() as tx:
        assert tx.chain_head() is None


def _lines(log: Path, word: str) -> list[list[str]]:
    text = log.read_text() if log.exists() else ""
    return [line.split()[1:] for line in text.splitlines() if line.startswith(word + " ")]


def test_a_box_killed_between_prepare_and_cast_loses_nothing_confirmed(tmp_path: Path) -> None:
    station = voting_station(tmp_path, ballot=CRASH_BALLOT, e2e=True)
    station.box.store.close()
    log, last = tmp_path / "e2e.log", 5
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.station.e2e_loop", str(tmp_path), "0", str(last), str(log)],
        cwd=ROOT,
    )
    deadline = time.monotonic() + 60
    while not _lines(log, "prepared"):
        assert child.poll() is None, "the loop stopped"
        assert time.monotonic() < deadline, "the loop never prepared"
        time.sleep(0.005)
    child.send_signal(signal.SIGKILL)
    assert child.wait() == -signal.SIGKILL
    ((_, token, lost),) = _lines(log, "prepared")
    confirmed = [bytes.fromhex(code) for _, code in _lines(log, "code")]
    assert len(_lines(log, "done")) == last

    station = station.reopen()
    with station.box.store.transaction() as tx:
        chain = list(tx.chain())
        assert tx.card(token) is not None
        assert not tx.card(token).consumed  # type: ignore[union-attr]
    assert [entry.code for entry in chain] == confirmed  # every cast, and not the prepared one
    assert {entry.state for entry in chain} == {ChainState.CAST}
    again = station.box.prepare(token, crash_ballot(last))
    assert again.code.hex() != lost  # a new nonce, a new code
    station.box.cast(token)
    station.box.close()
    report = station.box.count(staff=COUNTERS)
    assert report.cvr_count == last + 1
    closed, codes = _replay(station.box.export_chain())
    assert codes == [*confirmed, again.code]
    assert report.e2e is not None
    assert report.e2e.chain_close == closed.hex()


def test_a_file_of_version_2_is_migrated(tmp_path: Path) -> None:
    station = new_station(tmp_path)
    path = station.box.store.path
    station.box.store.close()
    with sqlite3.connect(path) as db:
        db.execute("DROP TABLE ballot_chain")
        db.execute("ALTER TABLE station_state DROP COLUMN chain_start")
        db.execute("ALTER TABLE station_state DROP COLUMN chain_close")
        db.execute("DROP TABLE receipts")
        db.execute("DROP TABLE wrong_pins")
        db.execute("ALTER TABLE station_state DROP COLUMN reconciled")
        drop_card_holders(db)
        db.execute("PRAGMA user_version = 2")
    LocalStore(path).close()
    with sqlite3.connect(path) as db:
        (version,) = db.execute("PRAGMA user_version").fetchone()
        assert version == SCHEMA_VERSION == 6
        assert db.execute("SELECT count(*) FROM ballot_chain").fetchone() == (0,)
        assert db.execute("SELECT count(*) FROM receipts").fetchone() == (0,)
    reopened = station.reopen()
    reopened.box.open({"president": 10, "parliament": 10})
    assert reopened.box.status().setup.e2e is None


def test_the_chain_file_waits_for_the_link_and_goes_after_the_final_report(tmp_path: Path) -> None:
    station = voting_station(tmp_path, e2e=True)
    station.box.cast(_card(station, 1), VOTES[0])
    station.box.close()
    station.box.count(staff=COUNTERS)
    station.centre.down = True
    station.box.report(COUNTERS)
    outcome = station.box.sync()
    assert outcome.delivered == 0
    assert outcome.outbox.pending == 3  # the zero report, the final report and the chain
    station.centre.down = False
    station.clock.advance(3600)
    outcome = station.box.sync()
    assert (outcome.delivered, outcome.refused, outcome.outbox.pending) == (3, 0, 0)
    assert station.centre.chains == [station.box.export_chain()]
    assert len(station.centre.reports) == 2


def test_a_ballot_prepared_before_another_process_chained_one_is_prepared_again(
    tmp_path: Path,
) -> None:
    station = voting_station(tmp_path, e2e=True)
    one, other = _card(station, 1), _card(station, 2)
    station.box.prepare(one, VOTES[0])
    store, key = station.directory.open()  # a second box process on the same file
    with store:
        Box(store, key, station.centre, station.printer).cast(other, VOTES[1])
    with pytest.raises(BallotFlowError) as refused:
        station.box.cast(one)
    assert refused.value.reason is BallotFlowRefusal.CHAIN_MOVED
    assert station.box.status().cards_used == 1  # nothing of the stale ballot was written
    station.box.cast(one, VOTES[0])
    with station.box.store.transaction() as tx:
        assert len(list(tx.chain())) == 2


#: a large contest (docs/e2e.md §11.1: 300 candidates for 5 seats) beside the president: the box
#: encrypts it as slots, with nothing else to do
LARGE_BALLOT = (BALLOT[0], BallotContest("majlis", 5, tuple(str(1000 + i) for i in range(300))))
LARGE_VOTES: tuple[tuple[Choice, ...], ...] = (
    (Choice("president", ("21",)), Choice("majlis", ("1004", "1120", "1299"))),
    (Choice("president", ("25",)), Choice("majlis", ())),
)


def test_a_box_prepares_casts_and_challenges_a_ballot_with_a_large_contest(
    tmp_path: Path,
) -> None:
    station = voting_station(tmp_path, ballot=LARGE_BALLOT, e2e=True)
    token = _card(station, 1)
    station.box.prepare(token, LARGE_VOTES[0])
    opened = station.box.challenge(token)
    assert opened.choices == CastVoteRecord(LARGE_VOTES[0]).choices
    printed = station.printer.jobs()[-1].lines
    chosen = printed.index("— majlis —")
    assert printed[chosen + 1 : chosen + 4] == ("  ۱۰۰۴", "  ۱۱۲۰", "  ۱۲۹۹")
    station.box.prepare(token, LARGE_VOTES[1])
    station.box.cast(token)
    other = _card(station, 2)
    station.box.prepare(other, LARGE_VOTES[0])
    station.box.cast(other)
    station.box.close()
    report = station.box.count(staff=COUNTERS)
    assert report.e2e is not None
    majlis = {s.contest: s.counts for s in report.sheets}["majlis"]
    assert majlis.votes["1004"] == 1
    assert majlis.invalid[InvalidKind.BLANK] == 1

    chain = station.box.export_chain()
    closed, _ = _replay(chain)
    assert report.e2e.chain_close == closed.hex()
    lines = _chain(chain)
    assert sorted(lines[1]["ballot"]["contests"][1]) == ["contest", "slots", "sum"]  # type: ignore[index]
    # the centre's check (core/e2e/chain_file): every proof, the opened challenge, the tally
    read = read_chain(E2E_CONTEXT, chain)
    signed_zero = f"sha256:{hashlib.sha256(_signed_zero(station)).hexdigest()}"
    assert (
        check_chain(
            E2E_CONTEXT,
            read,
            LARGE_BALLOT,
            station=STATION,
            device=PublicKey.from_text(station.box.status().device),
            zero_report={signed_zero},
        )
        == []
    )
    tally = tally_of(E2E_CONTEXT, read, LARGE_BALLOT)
    assert [(c.contest, c.ballots, len(c.options)) for c in tally.contests] == [
        ("president", 2, 3),
        ("majlis", 2, 0),
    ]
    assert report.e2e.tally_hash == tally_hash(E2E_CONTEXT, tally).hex()
    station.box.report(COUNTERS)
    assert station.box.sync().outbox.pending == 0
    assert station.centre.chains == [chain]
