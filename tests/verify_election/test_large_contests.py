"""`verify_election` over a record with a large contest (`large_record.py`; docs/e2e.md §11, §10
V21–V25): it passes, and a changed mix output, a dropped row, a wrong decryption of a row or a
forged slot fail, each named. A tampered mix file is signed again with its guardian's key, as a
guardian cheating would, so that the check the test is about is the one that catches it.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sandogh.core.canonical_json import canonical_json
from sandogh.core.e2e.signed_json import SIGNATURE, signed_bytes
from sandogh.verify_election.checks import Check
from tests.verify_election.large_record import LARGE_DEFINITION, build_large
from tests.verify_election.record import BALLOTS, Built, _key, build
from tests.verify_election.test_tampering import (
    failing,
    first,
    rewrite_chain,
    rewrite_json,
    verified,
)

MIXES = "e2e/mixes/majlis/M1.json"


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_large(tmp_path_factory.mktemp("large"))


@pytest.fixture
def record(original: Built, tmp_path: Path) -> Path:
    shutil.copytree(original.root, tmp_path / "snapshot")
    return tmp_path / "snapshot" / "data" / original.folder.name


def _resign(mix: dict[str, Any]) -> None:
    rest = {k: v for k, v in mix.items() if k != SIGNATURE}
    key = _key(f"guardian {mix['guardian']}")
    mix[SIGNATURE] = key.sign(signed_bytes(mix["format"], rest)).hex()


def _change_mix(index: int, change: Callable[[dict[str, Any]], None]) -> Callable[[Any], None]:
    def changed(document: Any) -> None:
        change(document["mixes"][index])
        _resign(document["mixes"][index])

    return changed


def test_the_honest_record_with_a_large_contest_passes(original: Built) -> None:
    result = verified(original.folder)
    assert result.passed, result.ledger.first_failure()
    counts = {check: outcome.checked for check, outcome in result.ledger.outcomes.items()}
    assert counts[Check.SLOT_BALLOTS] == 5 * (3 * 9 + 1)  # 5 slot contests, 27 bits and a sum
    assert counts[Check.SHUFFLES] == 2 + 2 + 1  # two mixes: signature, proof; the T ≥ 1
    assert counts[Check.LARGE_COUNT] == 2 * 4 + 2  # four rows, each two ways; then the sums


def test_a_changed_mix_output_fails_its_shuffle(record: Path) -> None:
    def swap(mix: dict[str, Any]) -> None:
        rows = mix["rows"]
        rows[0][0], rows[1][0] = rows[1][0], rows[0][0]  # slots moved between two ballots

    rewrite_json(record, MIXES, _change_mix(1, swap))
    result = verified(record)
    assert failing(result) == {Check.SHUFFLES}
    assert first(result, Check.SHUFFLES).startswith("majlis/M1, mix 2: the shuffle proof")


def test_a_mix_changed_without_its_guardian_fails_its_signature(record: Path) -> None:
    def change(document: Any) -> None:
        document["mixes"][0]["rows"].reverse()

    rewrite_json(record, MIXES, change)
    assert "mix 1: its guardian's signature" in first(verified(record), Check.SHUFFLES)


def test_a_row_dropped_by_a_mixer_fails_its_shuffle(record: Path) -> None:
    rewrite_json(record, MIXES, _change_mix(0, lambda mix: mix["rows"].pop()))
    assert "mix 1: 3 rows out of 4 in" in first(verified(record), Check.SHUFFLES)


def test_a_row_dropped_from_the_decryption_fails_it(record: Path) -> None:
    rewrite_json(record, MIXES, lambda document: document["rows"]["contests"].pop(2))
    result = verified(record)
    assert failing(result) == {Check.ROW_DECRYPTION}
    assert "3 decrypted rows, the last mix has 4" in first(result, Check.ROW_DECRYPTION)


def test_a_wrong_decryption_of_a_row_fails_naming_the_slot(record: Path) -> None:
    def change(document: Any) -> None:
        document["rows"]["contests"][1]["options"][0]["value"] += 1

    rewrite_json(record, MIXES, change)
    result = verified(record)
    assert Check.ROW_DECRYPTION in failing(result)
    assert first(result, Check.ROW_DECRYPTION).startswith("majlis/M1, row 2, slot 1")
    assert "do not decrypt to" in first(result, Check.ROW_DECRYPTION)


def test_a_station_left_out_of_the_mix_input_fails_it(record: Path) -> None:
    rewrite_json(record, MIXES, lambda document: document["stations"].pop())
    assert "majlis/M1: stations" in first(verified(record), Check.MIX_INPUT)


def test_a_forged_slot_bit_fails_its_proof_and_the_chain(record: Path) -> None:
    def change(lines: list[Any]) -> None:
        bits = lines[1]["ballot"]["contests"][2]["slots"][0]
        bits[0]["beta"], bits[1]["beta"] = bits[1]["beta"], bits[0]["beta"]

    rewrite_chain(record, "ST-1", change)
    result = verified(record)
    assert "ST-1 ballot at line 2" in first(result, Check.SLOT_BALLOTS)
    assert "majlis bit #1.0" in first(result, Check.SLOT_BALLOTS)
    assert Check.CONFIRMATION_CODES in failing(result)


def test_signed_figures_that_are_not_the_rows_counts_fail_naming_the_candidates(
    record: Path,
) -> None:
    def change(signed: Any) -> None:  # the box signs a Majlis vote for 1004 instead of 1003
        votes = signed["report"]["sheets"]["majlis"]["votes"]
        votes["1003"] -= 1
        votes["1004"] += 1
        line = b"sandogh/station-report@1 device\n" + canonical_json(signed["report"])
        signed["device_signature"] = _key("box ST-1").sign(line).hex()

    rewrite_json(record, "reports/ST-1/final.json", change)
    result = verified(record)
    assert failing(result) == {Check.LARGE_COUNT}
    assert "majlis/M1: the decrypted rows' counts of 1003, 1004" in first(result, Check.LARGE_COUNT)


def test_a_large_contest_no_card_carried_has_nothing_to_mix(tmp_path: Path) -> None:
    built = build(tmp_path, LARGE_DEFINITION, BALLOTS)  # no ballot carries the Majlis
    result = verified(built.folder)
    assert result.passed, result.ledger.first_failure()
    assert not (built.folder / "e2e" / "mixes").exists()
    assert result.ledger.outcomes[Check.LARGE_COUNT].checked == 2  # figures there, all zero
