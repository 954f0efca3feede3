"""`verify_election` over a small record made with the prover's code (`record.py`): it passes,
and each tampering of issue 10 fails, naming the station, ballot or proof (docs/e2e.md §10).

Each tampering rewrites the manifest after it, as a publisher hiding it would, so that the check
the test is about is the one that catches it (an untouched manifest catches everything: V1).
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sandogh.verify_election.checks import Check
from sandogh.verify_election.run import ElectionVerification, verify_election
from tests.verify_election.record import Built, build, write_manifest


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(tmp_path_factory.mktemp("record"))


@pytest.fixture
def record(original: Built, tmp_path: Path) -> Path:
    """A fresh copy of the record's snapshot to tamper with; its `data/<election>/` folder."""
    shutil.copytree(original.root, tmp_path / "snapshot")
    return tmp_path / "snapshot" / "data" / original.folder.name


def verified(folder: Path, workers: int = 1) -> ElectionVerification:
    (result,) = verify_election(str(folder.parent.parent), workers=workers).elections
    return result


def chain_lines(folder: Path, station: str) -> list[Any]:
    path = folder / "e2e" / "ballots" / f"{station}.jsonl"
    return [json.loads(line) for line in path.read_bytes().splitlines()]


def rewrite_chain(folder: Path, station: str, change: Callable[[list[Any]], None]) -> None:
    lines = chain_lines(folder, station)
    change(lines)
    data = b"".join(
        json.dumps(x, sort_keys=True, separators=(",", ":")).encode() + b"\n" for x in lines
    )
    (folder / "e2e" / "ballots" / f"{station}.jsonl").write_bytes(data)
    write_manifest(folder)


def rewrite_json(folder: Path, relative: str, change: Callable[[Any], None]) -> None:
    path = folder / relative
    document = json.loads(path.read_bytes())
    change(document)
    path.write_bytes(json.dumps(document, sort_keys=True, separators=(",", ":")).encode())
    write_manifest(folder)


def first(result: ElectionVerification, check: Check) -> str:
    outcome = result.ledger.outcomes[check]
    assert outcome.failed, f"{check.label} did not fail"
    assert outcome.first is not None
    return f"{outcome.first.where}: {outcome.first.detail}"


def failing(result: ElectionVerification) -> set[Check]:
    return {check for check, outcome in result.ledger.outcomes.items() if outcome.failed}


def test_the_record_made_by_the_prover_passes_every_check(original: Built) -> None:
    result = verified(original.folder)
    assert result.passed, result.ledger.first_failure()
    assert (result.stations, result.cast, result.challenged) == (2, 5, 1)
    counts = {check: outcome.checked for check, outcome in result.ledger.outcomes.items()}
    assert counts[Check.SELECTION_PROOFS] == 38  # (3 + 4) × 4 + 3 + 3 + 4 selections
    assert counts[Check.CHALLENGED] == 1
    assert counts[Check.PARTIAL_DECRYPTIONS] > 0


def test_the_pool_of_workers_gives_the_same_verdict(original: Built) -> None:
    assert verified(original.folder, workers=2).ledger == verified(original.folder).ledger


def test_a_file_changed_without_its_manifest_fails_the_manifest(record: Path) -> None:
    tally = record / "e2e" / "tallies" / "ST-2.json"
    tally.write_bytes(tally.read_bytes().replace(b'"value":2', b'"value":3', 1))
    result = verified(record)
    assert "tallies/ST-2.json" in first(result, Check.MANIFEST)


def test_a_changed_ciphertext_fails_its_proof_and_the_chain(record: Path) -> None:
    def change(lines: list[Any]) -> None:
        selections = lines[1]["ballot"]["contests"][0]["selections"]
        selections[0]["beta"], selections[1]["beta"] = selections[1]["beta"], selections[0]["beta"]

    rewrite_chain(record, "ST-1", change)
    result = verified(record)
    assert not result.passed
    assert "ST-1 ballot at line 2" in first(result, Check.SELECTION_PROOFS)
    assert "president/21" in first(result, Check.SELECTION_PROOFS)
    assert "ST-1 ballot at line 2" in first(result, Check.CONFIRMATION_CODES)
    assert result.ledger.first_failure() is not None
    assert result.ledger.first_failure()[0] is Check.SELECTION_PROOFS  # type: ignore[index]


def test_a_proof_from_another_ballot_fails_naming_the_selection(record: Path) -> None:
    def change(lines: list[Any]) -> None:
        donor = lines[3]["ballot"]["contests"][0]["selections"][0]["proof"]
        lines[1]["ballot"]["contests"][0]["selections"][0]["proof"] = donor

    rewrite_chain(record, "ST-1", change)
    result = verified(record)
    assert failing(result) == {Check.SELECTION_PROOFS}  # χ does not cover proofs (§6)
    assert first(result, Check.SELECTION_PROOFS).startswith("ST-1 ballot at line 2")
    assert "president/21" in first(result, Check.SELECTION_PROOFS)


def test_a_dropped_ballot_breaks_the_chain_at_the_next(record: Path) -> None:
    rewrite_chain(record, "ST-1", lambda lines: lines.pop(2))
    result = verified(record)
    assert first(result, Check.CONFIRMATION_CODES).startswith("ST-1 ballot at line 3")
    assert "ST-1" in first(result, Check.CHAIN_CLOSE)


def test_a_dropped_cast_ballot_changes_the_committed_tally(record: Path) -> None:
    rewrite_chain(record, "ST-2", lambda lines: lines.pop(2))  # the last ballot, before the close
    result = verified(record)
    assert "ST-2" in first(result, Check.CHAIN_CLOSE)
    assert "tally_hash" in first(result, Check.REPORT_COMMITMENT)
    assert "ST-2" in first(result, Check.STATION_TALLY)


def test_a_reordered_chain_fails_at_the_first_moved_ballot(record: Path) -> None:
    def change(lines: list[Any]) -> None:
        lines[1], lines[3] = lines[3], lines[1]

    rewrite_chain(record, "ST-1", change)
    result = verified(record)
    assert failing(result) == {Check.CONFIRMATION_CODES}
    assert first(result, Check.CONFIRMATION_CODES).startswith("ST-1 ballot at line 2")


def test_a_replayed_ballot_is_a_duplicate_and_fails_its_proofs(record: Path) -> None:
    """Finding S17-1: a ballot copied from ST-1's chain into ST-2's, relabelled; its proofs are
    keyed with ST-1's box (H_D, §6), so they fail in ST-2's chain, naming the ballot."""
    copied = chain_lines(record, "ST-1")[1]
    copied["ballot"]["station"] = "ST-2"
    rewrite_chain(record, "ST-2", lambda lines: lines.insert(1, copied))
    result = verified(record)
    assert "also appears in ST-1 ballot at line 2" in first(result, Check.NO_DUPLICATES)
    assert first(result, Check.NO_DUPLICATES).startswith("ST-2 ballot at line 2")
    for check in (Check.SELECTION_PROOFS, Check.CONTEST_PROOFS):
        assert first(result, check).startswith("ST-2 ballot at line 2")


def test_a_wrong_partial_decryption_fails_naming_the_guardian(record: Path) -> None:
    def change(tally: Any) -> None:
        options = tally["contests"][0]["options"]
        options[0]["shares"][0]["share"] = options[1]["shares"][0]["share"]

    rewrite_json(record, "e2e/tallies/ST-1.json", change)
    result = verified(record)
    assert first(result, Check.PARTIAL_DECRYPTIONS).startswith("ST-1, president/21, guardian 1")


def test_swapped_tallies_of_two_stations_fail(record: Path) -> None:
    one, two = (record / "e2e" / "tallies" / f"ST-{n}.json" for n in (1, 2))
    data = one.read_bytes()
    one.write_bytes(two.read_bytes())
    two.write_bytes(data)
    write_manifest(record)
    result = verified(record)
    assert "the tally of ST-2" in first(result, Check.STATION_TALLY)


def test_swapped_values_of_two_candidates_fail_the_combination_and_the_report(
    record: Path,
) -> None:
    def change(tally: Any) -> None:
        options = tally["contests"][0]["options"]
        options[0]["value"], options[1]["value"] = options[1]["value"], options[0]["value"]

    rewrite_json(record, "e2e/tallies/ST-2.json", change)  # 21 has 2 votes there, 25 none
    result = verified(record)
    assert first(result, Check.COMBINATION).startswith("ST-2, president/21")
    assert "ST-2, president" in first(result, Check.REPORT_FIGURES)


def test_a_challenged_ballot_with_other_choices_fails(record: Path) -> None:
    def change(lines: list[Any]) -> None:
        lines[2]["choices"]["president"] = ["21"]

    rewrite_chain(record, "ST-1", change)
    result = verified(record)
    # and the code index, made from the chain before, no longer shows what it opened to (V10)
    assert failing(result) == {Check.CHALLENGED, Check.CONFIRMATION_CODES}
    assert first(result, Check.CHALLENGED).startswith("ST-1 ballot at line 3")


def test_an_aggregate_with_another_value_fails(record: Path) -> None:
    def change(aggregate: Any) -> None:
        aggregate["contests"][0]["options"][0]["value"] += 1

    rewrite_json(record, "e2e/aggregates/president/IR.json", change)
    result = verified(record)
    assert first(result, Check.AGGREGATES).startswith("president/IR/21")


def test_a_station_left_out_of_the_record_is_named(record: Path) -> None:
    (record / "e2e" / "ballots" / "ST-2.jsonl").unlink()
    (record / "e2e" / "tallies" / "ST-2.json").unlink()
    write_manifest(record)
    result = verified(record)
    assert first(result, Check.COMPLETE).startswith("ST-2")


def test_a_line_of_another_shape_fails_the_station_not_the_run(record: Path) -> None:
    def change(lines: list[Any]) -> None:
        lines[1] = 5
        lines[2]["ballot"]["contests"][0]["selections"][0]["proof"]["c"] = [7, 7]

    rewrite_chain(record, "ST-1", change)
    result = verified(record)
    assert first(result, Check.WELL_FORMED).startswith("data/e2e-small/e2e/ballots/ST-1.jsonl:2")
    assert result.ledger.outcomes[Check.WELL_FORMED].failed == 2
    assert result.stations == 2  # ST-2 is still checked


def test_the_record_is_read_over_http_as_from_a_folder(original: Built) -> None:
    handler = functools.partial(_Quiet, directory=str(original.root))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            url = f"http://127.0.0.1:{server.server_address[1]}/"
            (result,) = verify_election(url, workers=1).elections
        finally:
            server.shutdown()
    assert result.passed, result.ledger.first_failure()
    assert result.ledger == verified(original.folder).ledger


class _Quiet(http.server.SimpleHTTPRequestHandler):
    """Serves the folder without a line on standard error per request."""

    def log_message(self, *_: Any) -> None:
        return None


def test_every_file_the_manifest_lists_is_hashed(record: Path) -> None:
    index = record / "e2e" / "codes" / "00.json"  # beside the index: held to the manifest only
    index.write_bytes(b"{}")
    write_manifest(record)
    assert verified(record).passed
    index.write_bytes(b"[]")
    assert first(verified(record), Check.MANIFEST).startswith("codes/00.json")


def test_a_chain_started_from_the_inner_report_hash_is_named_so(record: Path) -> None:
    zero = json.loads((record / "reports" / "ST-1" / "zero.json").read_bytes())
    inner = hashlib.sha256(
        json.dumps(zero["report"], sort_keys=True, separators=(",", ":")).encode()
    ).hexdigest()

    def change(lines: list[Any]) -> None:
        lines[0]["zero_report"] = "sha256:" + inner

    rewrite_chain(record, "ST-1", change)
    assert "not of the signed file's bytes" in first(verified(record), Check.CHAIN_START)
