"""The outside review's attacks on `verify-election` (issue 10), each mounted on the small record
of `record.py`: a manifest path out of the snapshot, files longer than listed (on disk and over
HTTP), integers and nesting past what the reader takes, a manifest of another election, and a
chain without its final newline. Each fails as a named check, never as a traceback.
"""

from __future__ import annotations

import hashlib
import http.server
import json
import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sandogh.verify_election.checks import Check
from sandogh.verify_election.reading import MAX_FILE, Source
from sandogh.verify_election.run import verify_election
from tests.verify_election.record import seal, write_manifest
from tests.verify_election.test_tampering import (
    chain_lines,
    first,
    original,
    record,
    rewrite_chain,
    rewrite_json,
    verified,
)

__all__ = ["original", "record"]  # the fixtures, shared


def _manifest(folder: Path) -> Any:
    return json.loads((folder / "e2e" / "manifest.json").read_bytes())


def _write_manifest_doc(folder: Path, document: Any) -> None:
    (folder / "e2e" / "manifest.json").write_bytes(json.dumps(document).encode())


@pytest.mark.parametrize(
    "path",
    [
        "../../../../../../../../etc/hostname",
        "/etc/hostname",
        "codes/../../definition.json",
        "codes\\..\\..\\definition.json",
        "./election.json",
        "codes//0.json",
    ],
)
def test_a_manifest_path_out_of_e2e_is_refused_by_name(record: Path, path: str) -> None:
    document = _manifest(record)
    document["files"].append({"path": path, "sha256": "00" * 32, "bytes": 10})
    _write_manifest_doc(record, document)
    result = verified(record)
    assert not result.passed
    failure = first(result, Check.MANIFEST)
    assert "leaves e2e/" in failure
    assert "files[" in failure
    assert "SHA-256" not in failure  # nothing outside is read, so no hash of it is shown


def test_a_symlink_out_of_the_snapshot_is_not_followed(record: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret"
    outside.write_bytes(b"secret")
    os.symlink(outside, record / "e2e" / "codes.json")
    write_manifest(record)
    with pytest.raises(Exception, match="outside the snapshot"):
        verified(record)


def test_dev_zero_or_a_longer_file_is_read_only_to_its_listed_length(record: Path) -> None:
    """A file of 10 listed bytes but endless (here: far longer) is read to 11 bytes, and fails V1
    on its length — the verifier does not read it whole."""
    big = record / "e2e" / "codes" / "extra.json"
    big.write_bytes(b"{}")
    write_manifest(record)
    big.write_bytes(b"x" * (4 * 2**20))
    read: list[int] = []
    real = Source.read

    def spy(self: Source, relative: str, limit: int | None = None) -> bytes | None:
        data = real(self, relative, limit)
        if relative.endswith("codes/extra.json") and data is not None:
            read.append(len(data))
        return data

    Source.read = spy  # type: ignore[method-assign]
    try:
        result = verified(record)
    finally:
        Source.read = real  # type: ignore[method-assign]
    assert first(result, Check.MANIFEST) == (
        "codes/extra.json: longer than the 2 bytes the manifest lists"
    )
    assert read == [3]  # the listed 2 bytes and one more


def test_a_listed_length_past_the_bound_is_refused(record: Path) -> None:
    document = _manifest(record)
    document["files"][0]["bytes"] = MAX_FILE + 1
    _write_manifest_doc(record, document)
    assert "is above" in first(verified(record), Check.MANIFEST)


def test_an_endless_response_over_http_is_cut_at_the_bound(record: Path) -> None:
    """A server streaming without end: the verifier stops at the listed length + 1."""

    class Endless(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = record.parent.parent / self.path.lstrip("/")
            if path.name != "definition.json" and path.is_file():
                data = path.read_bytes()
                self.send_response(200)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                return
            if not path.is_file():
                self.send_response(404)
                self.end_headers()
                return
            self.send_response(200)
            self.end_headers()
            try:
                for _ in range(MAX_FILE // 2**16 + 64):
                    self.wfile.write(b" " * 2**16)
            except OSError:
                return

        def log_message(self, *_: Any) -> None:
            return None

    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), Endless) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            url = f"http://127.0.0.1:{server.server_address[1]}/"
            with pytest.raises(Exception, match="longer than"):
                verify_election(url, workers=1)
        finally:
            server.shutdown()


def test_a_close_count_of_400_digits_is_a_named_failure(record: Path) -> None:
    lines_path = record / "e2e" / "ballots" / "ST-1.jsonl"
    text = lines_path.read_bytes().splitlines()
    close = json.loads(text[-1])
    close["cast"] = 0
    text[-1] = json.dumps(close).replace('"cast": 0', '"cast": 1' + "0" * 400).encode()
    lines_path.write_bytes(b"\n".join(text) + b"\n")
    write_manifest(record)
    assert "out of range" in first(verified(record), Check.WELL_FORMED)


def test_a_close_count_above_u32_is_a_named_failure(record: Path) -> None:
    rewrite_chain(record, "ST-1", lambda lines: lines[-1].update(cast=2**40))
    assert "above 4294967295" in first(verified(record), Check.WELL_FORMED)


def test_a_line_nested_100000_deep_is_a_named_failure(record: Path) -> None:
    path = record / "e2e" / "ballots" / "ST-1.jsonl"
    text = path.read_bytes().splitlines()
    text[1] = b"[" * 100_000 + b"]" * 100_000
    path.write_bytes(b"\n".join(text) + b"\n")
    write_manifest(record)
    failure = first(verified(record), Check.WELL_FORMED)
    assert failure.startswith("data/e2e-small/e2e/ballots/ST-1.jsonl:2")
    assert "nested too deeply" in failure


def test_a_manifest_of_another_election_fails(record: Path) -> None:
    (record / "e2e" / "manifest.json").write_bytes(
        json.dumps({**_manifest(record), "election": "other"}).encode()
    )
    assert "of election 'other'" in first(verified(record), Check.MANIFEST)


def test_a_chain_without_its_final_newline_fails(record: Path) -> None:
    path = record / "e2e" / "ballots" / "ST-1.jsonl"
    path.write_bytes(path.read_bytes().rstrip(b"\n"))
    write_manifest(record)
    assert "newline" in first(verified(record), Check.CHAIN_CLOSE)


def test_a_station_dropped_whole_is_named_from_its_result_file(record: Path) -> None:
    """The chain, tally and reports of ST-2 removed (as if the aggregates were decrypted again
    without it) and the record listing it as not opened: the snapshot's result file for ST-2
    still lists its final report."""
    results = record / "results" / "president" / "ST-2.json"
    results.parent.mkdir(parents=True, exist_ok=True)
    results.write_bytes(json.dumps({"reports": [{"kind": "final"}]}).encode())
    assert verified(record).passed  # the result file agrees with a record that has ST-2
    for path in ("e2e/ballots/ST-2.jsonl", "e2e/tallies/ST-2.json"):
        (record / path).unlink()
    for report in (record / "reports" / "ST-2").iterdir():
        report.unlink()
    absent = {
        "format": "sandogh/e2e-absent@1",
        "stations": [{"station": "ST-2", "reason": "not-opened"}],
    }
    (record / "e2e" / "absent.json").write_bytes(json.dumps(absent).encode())
    write_manifest(record)
    failure = first(verified(record), Check.COMPLETE)
    assert failure.startswith("ST-2: ")
    assert "lists a final report of the station" in failure


def _shard(folder: Path, code: str) -> Path:
    return folder / "e2e" / "codes" / f"{code[0]}.json"


def test_a_fake_cast_code_added_to_the_index_fails(record: Path) -> None:
    fake = "ab" * 32
    index = json.loads((record / "e2e" / "codes" / "index.json").read_bytes())
    shard = json.loads(_shard(record, fake).read_bytes())
    name = {"fa": "شعبه ۱", "en": "Station 1"}  # the definition's: only the code is fake
    shard["codes"].append(
        {"code": fake, "station": "ST-1", "name": name, "state": "cast", "counted": True}
    )
    _shard(record, fake).write_bytes(json.dumps(shard).encode())
    index["codes"] += 1
    (record / "e2e" / "codes" / "index.json").write_bytes(json.dumps(index).encode())
    write_manifest(record)
    failure = first(verified(record), Check.CONFIRMATION_CODES)
    assert "no chain holds" in failure
    assert "abababab" in failure


def _edit_entry(record: Path, state: str, edit: Callable[[dict[str, Any]], None]) -> None:
    """Change, in the code index, the entry of the first ballot of `state` in ST-1's chain."""
    code = next(line["code"] for line in chain_lines(record, "ST-1") if line.get("state") == state)
    shard = json.loads(_shard(record, code).read_bytes())
    for entry in shard["codes"]:
        if entry["code"] == code:
            edit(entry)
    _shard(record, code).write_bytes(json.dumps(shard).encode())
    write_manifest(record)


def test_a_cast_code_shown_as_not_yet_counted_fails(record: Path) -> None:
    # the look-up tells a voter "counted" from this field: it must say what the record holds
    _edit_entry(record, "cast", lambda entry: entry.update(counted=not entry["counted"]))
    assert "no chain holds" in first(verified(record), Check.CONFIRMATION_CODES)


def test_a_challenged_code_shown_opened_to_other_choices_fails(record: Path) -> None:
    def forge(entry: dict[str, Any]) -> None:
        for contest in entry["opened"]:
            contest["chosen"] = []  # shown blank: the names all the definition's

    _edit_entry(record, "challenged", forge)
    assert "no chain holds" in first(verified(record), Check.CONFIRMATION_CODES)


def test_a_challenged_code_shown_with_a_contest_twice_fails(record: Path) -> None:
    # the outside review: a second item for the same contest, placed first, naming another
    # candidate passed (the items were folded into a dict, the later winning) while the page
    # showed both: the ballot read as opened to a candidate it never had
    def forge(entry: dict[str, Any]) -> None:
        real = entry["opened"][0]
        entry["opened"].insert(0, dict(real, chosen=[]))  # shown blank: names the definition's

    _edit_entry(record, "challenged", forge)
    assert "no chain holds" in first(verified(record), Check.CONFIRMATION_CODES)


def test_a_code_whose_state_is_changed_in_the_index_fails(record: Path) -> None:
    code = chain_lines(record, "ST-1")[1]["code"]
    shard = json.loads(_shard(record, code).read_bytes())
    for entry in shard["codes"]:
        if entry["code"] == code:
            entry["state"] = "challenged" if entry["state"] == "cast" else "cast"
            entry.setdefault("opened", [])  # shown as the look-up would show it
            entry.setdefault("counted", True)
    _shard(record, code).write_bytes(json.dumps(shard).encode())
    write_manifest(record)
    result = verified(record)
    assert "no chain holds" in first(result, Check.CONFIRMATION_CODES)
    assert result.ledger.outcomes[Check.CONFIRMATION_CODES].failed == 2  # and the ballot missing


def test_a_deleted_code_index_fails(record: Path) -> None:
    shutil.rmtree(record / "e2e" / "codes")
    write_manifest(record)
    assert "missing: the record has chains" in first(verified(record), Check.CONFIRMATION_CODES)


def _plan_id(election: Any) -> str:
    plan = {
        "definition_hash": election["definition_hash"],
        "election": election["election"],
        "format": "sandogh/e2e-ceremony@1",
        "guardians": [
            {"key": g["key"], "name": g["name"], "role": g["role"]} for g in election["guardians"]
        ],
        "quorum": election["quorum"],
    }
    data = json.dumps(plan, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    return "sha256:" + hashlib.sha256(data).hexdigest()


def test_the_ceremony_id_is_the_plan_rebuilt_from_the_record(record: Path) -> None:
    election = json.loads((record / "e2e" / "election.json").read_bytes())
    assert election["ceremony"] == _plan_id(election)


@pytest.mark.parametrize(
    "change",
    [
        lambda e: e["guardians"][1].update(key="ed25519:" + "11" * 32),
        lambda e: e["guardians"][1].update(name="Mallory"),
        lambda e: e.update(ceremony="sha256:" + "00" * 32),
    ],
)
def test_a_guardian_key_name_or_ceremony_changed_fails(record: Path, change: Any) -> None:
    rewrite_json(record, "e2e/election.json", change)
    assert "ceremony is not the SHA-256 of the plan" in first(verified(record), Check.BASE_HASH)


def test_a_ceremony_not_the_pre_election_records_fails(record: Path) -> None:
    """A guardian's key replaced and the ceremony id recomputed: consistent in itself, so only
    the sealed pre-election record (anchor/record.json, its `e2e` member) can tell."""
    seal(record)
    assert verified(record).passed

    def change(e: Any) -> None:
        e["guardians"][1]["key"] = "ed25519:" + "11" * 32
        e["ceremony"] = _plan_id(e)

    rewrite_json(record, "e2e/election.json", change)
    result = verified(record)
    assert not result.ledger.outcomes[Check.BASE_HASH].failed
    assert "ceremony is not the pre-election record's" in first(result, Check.EXTENDED_HASH)


def test_an_election_json_of_another_election_fails(record: Path) -> None:
    rewrite_json(record, "e2e/election.json", lambda e: e.update(election="other"))
    assert "of election 'other'" in first(verified(record), Check.MANIFEST)


@pytest.mark.parametrize("shown", [{}, 18446744073709551616, "sandogh/e2e-election@2", None])
def test_an_election_json_of_another_format_fails(record: Path, shown: object) -> None:
    # the outside review: `format` {} passed; each e2e file's format is held to its one value
    rewrite_json(record, "e2e/election.json", lambda e: e.update(format=shown))
    assert "format" in first(verified(record), Check.MANIFEST)


@pytest.mark.parametrize("shown", [18446744073709551616, {}, "sandogh/e2e-manifest@2"])
def test_a_manifest_of_another_format_fails(record: Path, shown: object) -> None:
    document = _manifest(record)
    document["format"] = shown
    _write_manifest_doc(record, document)
    assert "format" in first(verified(record), Check.MANIFEST)


@pytest.mark.parametrize("shown", [{}, 1, "sandogh/e2e-chain@2"])
def test_a_chain_of_another_format_fails(record: Path, shown: object) -> None:
    rewrite_chain(record, "ST-1", lambda lines: lines[0].update(format=shown))
    result = verified(record)
    assert "'format' is not sandogh/e2e-chain@1" in first(result, Check.CHAIN_START)
    assert not result.ledger.outcomes[Check.CONFIRMATION_CODES].failed  # the chain goes on
