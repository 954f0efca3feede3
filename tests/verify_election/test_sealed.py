"""V0 (docs/e2e.md §10): `verify-election --anchor` holds the snapshot's sealed pre-election
record to the fingerprint carried apart, its officials' k of n and its signed amendments' chain;
V5 and V20 then rest on that record. Each attack a publisher could mount on `anchor/` is mounted
here; without `--anchor` every one of them is self-consistent, and passes, unauthenticated.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from sandogh.core.canonical_json import canonical_json
from sandogh.verify_election.checks import Check
from sandogh.verify_election.officials import sha256_text
from sandogh.verify_election.run import ElectionVerification, verify_election
from sandogh.verify_election.sealed import short_fingerprint
from tests.verify_election.record import Built, Seal, build, seal

RECORD = "data/e2e-small/anchor/record.json"
SIGNATURES = "data/e2e-small/anchor/signatures.json"
AMENDMENTS = "data/e2e-small/anchor/amendments.json"


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> tuple[Built, Seal]:
    built = build(tmp_path_factory.mktemp("record"))
    return built, seal(built.folder)


@pytest.fixture
def snapshot(original: tuple[Built, Seal], tmp_path: Path) -> Path:
    shutil.copytree(original[0].root, tmp_path / "snapshot")
    return tmp_path / "snapshot"


@pytest.fixture
def sealed(original: tuple[Built, Seal]) -> Seal:
    return original[1]


def verified(root: Path, *anchors: str) -> ElectionVerification:
    (result,) = verify_election(str(root), workers=1, anchors=anchors).elections
    return result


def failure(result: ElectionVerification) -> tuple[str, str]:
    outcome = result.ledger.outcomes[Check.ANCHOR]
    assert outcome.first is not None, "V0 did not fail"
    assert result.sealed is not None
    assert not result.sealed.authenticated
    return outcome.first.where, outcome.first.detail


def rewrite(root: Path, relative: str, change: Any) -> None:
    path = root / relative
    document = json.loads(path.read_bytes())
    change(document)
    path.write_bytes(canonical_json(document))


def test_the_right_fingerprint_authenticates_the_record(snapshot: Path, sealed: Seal) -> None:
    persian = short_fingerprint(sealed.fingerprint).translate(
        str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
    )
    for given in (sealed.fingerprint, persian):
        result = verified(snapshot, given)
        assert result.passed, result.ledger.first_failure()
        assert result.sealed is not None
        assert result.sealed.authenticated
        assert (result.sealed.vouched, result.sealed.published) == (0, 1)
        assert result.completeness is not None
        assert result.completeness.sealed
    # the amendment's head vouches for the record and the amendment
    by_head = verified(snapshot, sealed.head)
    assert by_head.passed
    assert by_head.sealed is not None
    assert by_head.sealed.vouched == 1


def test_without_anchor_the_record_is_used_unauthenticated(snapshot: Path) -> None:
    result = verified(snapshot)
    assert result.passed
    assert result.sealed is not None
    assert not result.sealed.given
    assert not result.sealed.authenticated
    assert result.ledger.outcomes[Check.ANCHOR].checked == 0


def test_a_record_sealed_by_other_keys_is_not_the_one_carried(snapshot: Path, sealed: Seal) -> None:
    """The attack: anchor/ rewritten with a record sealed by keys the publisher holds. It is
    self-consistent — without --anchor it passes — but its fingerprint is another."""
    seal(snapshot / "data" / "e2e-small", officials="impostor")
    assert verified(snapshot).passed
    where, detail = failure(verified(snapshot, sealed.fingerprint))
    assert where == RECORD
    assert detail.startswith("its fingerprint is sha256:")
    assert sealed.fingerprint in detail


def test_a_signature_dropped_below_the_quorum_fails(snapshot: Path, sealed: Seal) -> None:
    rewrite(snapshot, SIGNATURES, lambda d: d["signatures"].pop())
    result = verified(snapshot, sealed.fingerprint)
    assert failure(result) == (
        SIGNATURES,
        "1 valid signatures of distinct officials; the record asks for 2",
    )
    assert result.ledger.outcomes[Check.ANCHOR].failed == 2  # and one body signed alone


def test_a_signature_that_does_not_verify_is_named(snapshot: Path, sealed: Seal) -> None:
    def corrupt(document: Any) -> None:
        signature = document["signatures"][0]["signature"]
        document["signatures"][0]["signature"] = ("0" if signature[0] != "0" else "1") + signature[
            1:
        ]

    rewrite(snapshot, SIGNATURES, corrupt)
    where, detail = failure(verified(snapshot, sealed.fingerprint))
    assert where == f"{SIGNATURES}: signatures[0]"
    assert detail.endswith("does not verify")


def test_a_forged_amendment_fails_its_signatures(snapshot: Path, sealed: Seal) -> None:
    """The attack: the amendment's box swapped for one the publisher holds, its officials'
    signatures kept (and their `signed` made to name the new bytes)."""

    def forge(document: Any) -> None:
        entry = document["amendments"][0]
        entry["amendment"]["device"] = "ed25519:" + "11" * 32
        entry["signatures"]["signed"] = sha256_text(canonical_json(entry["amendment"]))

    rewrite(snapshot, AMENDMENTS, forge)
    result = verified(snapshot, sealed.fingerprint)
    where, detail = failure(result)
    assert where == f"{AMENDMENTS}: amendments[0].signatures: signatures[0]"
    assert detail.endswith("does not verify")
    # the head observers carry no longer matches a forged chain
    where, detail = failure(verified(snapshot, sealed.head))
    assert where == RECORD


def test_an_amendment_out_of_its_chain_fails(snapshot: Path, sealed: Seal) -> None:
    rewrite(
        snapshot,
        AMENDMENTS,
        lambda d: d["amendments"][0]["amendment"].update(previous="sha256:" + "ab" * 32),
    )
    where, detail = failure(verified(snapshot, sealed.fingerprint))
    assert where == f"{AMENDMENTS}: amendments[0]"
    assert detail.startswith("previous is sha256:abab")


def test_anchor_deleted_with_anchor_given_fails_naming_the_file(
    snapshot: Path, sealed: Seal
) -> None:
    shutil.rmtree(snapshot / "data" / "e2e-small" / "anchor")
    assert verified(snapshot).passed  # V20 falls back to the snapshot's listing, and says so
    result = verified(snapshot, sealed.fingerprint)
    assert failure(result) == (RECORD, "missing: --anchor was given")
    assert result.completeness is not None
    assert not result.completeness.sealed


def test_the_signatures_deleted_with_anchor_given_fail_naming_the_file(
    snapshot: Path, sealed: Seal
) -> None:
    (snapshot / SIGNATURES).unlink()
    assert failure(verified(snapshot, sealed.fingerprint)) == (
        SIGNATURES,
        "missing: --anchor was given",
    )
