"""`publish.e2e_presence`: verify-results holds the E2E record to what each electronic station's
signed final report commits to, by hashes alone (review S20 F11)."""

from __future__ import annotations

import json
from pathlib import Path

from sandogh.core.e2e.hashing import Domain, hash_bytes, text, u32
from sandogh.core.report.report import E2ECommitment
from sandogh.publish.e2e_presence import DIFFERS, MISSING, RecordState, check_e2e_record
from sandogh.publish.findings import Check, Disagreement
from sandogh.publish.sources import FolderSource

HE = bytes(range(32))
CLOSE = "ab" * 32
ALPHA, BETA = "01" * 32, "02" * 32
TALLY = {
    "station": "ST-1",
    "contests": [
        {"contest": "president", "ballots": 2, "options": [{"alpha": ALPHA, "beta": BETA}]}
    ],
}
TALLY_HASH = hash_bytes(
    HE,
    Domain.TALLY,
    text("ST-1"),
    text("president"),
    u32(2),
    bytes.fromhex(ALPHA),
    bytes.fromhex(BETA),
).hex()
COMMITTED = {"ST-1": E2ECommitment(CLOSE, TALLY_HASH)}


def _record(root: Path, *, decrypted: bool) -> Path:
    e2e = root / "data" / "el" / "e2e"
    (e2e / "ballots").mkdir(parents=True)
    (e2e / "ballots" / "ST-1.jsonl").write_text(
        '{"start":"00"}\n' + json.dumps({"cast": 2, "challenged": 0, "close": CLOSE}) + "\n"
    )
    (e2e / "election.json").write_text(json.dumps({"extended_hash": HE.hex()}))
    files = [{"path": "ballots/ST-1.jsonl"}, {"path": "election.json"}]
    if decrypted:
        (e2e / "tallies").mkdir()
        (e2e / "tallies" / "ST-1.json").write_text(json.dumps(TALLY))
        files.append({"path": "tallies/ST-1.json"})
    (e2e / "manifest.json").write_text(json.dumps({"files": files}))
    return e2e


def _check(root: Path) -> tuple[RecordState, Check]:
    check = Check(FolderSource(root), "el")
    return check_e2e_record(check, COMMITTED), check


def test_a_whole_record_is_present(tmp_path: Path) -> None:
    _record(tmp_path, decrypted=True)
    state, check = _check(tmp_path)
    assert (state, check.found) == (RecordState.PRESENT, [])


def test_a_record_not_yet_decrypted_is_said_so_and_found_wanting_in_nothing(
    tmp_path: Path,
) -> None:
    _record(tmp_path, decrypted=False)
    state, check = _check(tmp_path)
    assert (state, check.found) == (RecordState.UNDECRYPTED, [])


def test_the_attack_the_record_deleted(tmp_path: Path) -> None:
    e2e = _record(tmp_path, decrypted=True)
    (e2e / "ballots" / "ST-1.jsonl").unlink()
    (e2e / "tallies" / "ST-1.json").unlink()
    state, check = _check(tmp_path)
    assert state is RecordState.INCOMPLETE
    assert [(f.kind, f.where, f.figure, f.detail) for f in check.found] == [
        (Disagreement.E2E_RECORD, "ST-1", "chain_close", MISSING),
        (Disagreement.E2E_RECORD, "ST-1", "tally_hash", MISSING),
    ]


def test_a_chain_or_tally_of_another_hash_differs(tmp_path: Path) -> None:
    e2e = _record(tmp_path, decrypted=True)
    (e2e / "ballots" / "ST-1.jsonl").write_text(json.dumps({"close": "cd" * 32}) + "\n")
    (e2e / "tallies" / "ST-1.json").write_text(json.dumps({**TALLY, "contests": []}))
    state, check = _check(tmp_path)
    assert state is RecordState.INCOMPLETE
    assert [(f.figure, f.published, f.expected, f.detail) for f in check.found] == [
        ("chain_close", "cd" * 32, CLOSE, DIFFERS),
        ("tally_hash", check.found[1].published, TALLY_HASH, DIFFERS),
    ]
    assert check.found[1].published != TALLY_HASH


def test_the_manifest_deleted_is_missing(tmp_path: Path) -> None:
    (_record(tmp_path, decrypted=False) / "manifest.json").unlink()
    state, check = _check(tmp_path)
    assert state is RecordState.INCOMPLETE
    assert [f.file for f in check.found] == ["data/el/e2e/manifest.json"]
