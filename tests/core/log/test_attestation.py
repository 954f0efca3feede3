"""The log key's attestation of the files no box signs (`core.log.attestation`)."""

from __future__ import annotations

import datetime
import hashlib
import json

import pytest

from sandogh.core.canonical_json import canonical_json
from sandogh.core.log import Checkpoint
from sandogh.core.log.attestation import (
    DOMAIN,
    AttestationFormatError,
    attest,
    attestation_json,
    attestation_message,
    attestation_verifies,
    read_attestation,
)
from sandogh.core.log.checkpoints import SignedCheckpoint
from sandogh.core.report import SigningKey

KEY = SigningKey.from_seed(b"l" * 32)
OTHER = SigningKey.from_seed(b"o" * 32)
AT = datetime.datetime(2024, 7, 6, 9, 30, tzinfo=datetime.UTC)
CHECKPOINT = SignedCheckpoint(7, "ab" * 32, AT, b"\0" * 64)
FILES = {"data/e/supervision.json": b'{"voids": []}'}


def test_the_message_is_the_domain_and_the_canonical_json_the_docstring_gives() -> None:
    digest = hashlib.sha256(FILES["data/e/supervision.json"]).hexdigest()
    expected = DOMAIN + canonical_json(
        {
            "files": {"data/e/supervision.json": digest},
            "head": "ab" * 32,
            "sequence": 7,
            "time": "2024-07-06T09:30:00.000000Z",
        }
    )
    assert DOMAIN == b"sandogh/log-attestation@1\n"
    assert attestation_message(7, "ab" * 32, AT, {"data/e/supervision.json": digest}) == expected
    made = attest(KEY, CHECKPOINT, AT, FILES)
    assert KEY.public_key.verifies(expected, made.signature)


def test_it_verifies_under_its_key_only_and_vouches_for_the_bytes_it_listed() -> None:
    made = attest(KEY, CHECKPOINT, AT, FILES)
    assert attestation_verifies(KEY.public_key, made)
    assert not attestation_verifies(OTHER.public_key, made)
    assert made.vouches_for("data/e/supervision.json", FILES["data/e/supervision.json"])
    assert not made.vouches_for("data/e/supervision.json", b'{"voids": [1]}')
    assert not made.vouches_for("data/f/supervision.json", FILES["data/e/supervision.json"])
    assert Checkpoint(made.sequence, made.head) == CHECKPOINT.checkpoint


def test_it_reads_back_as_written_and_a_changed_listing_no_longer_verifies() -> None:
    made = attest(KEY, CHECKPOINT, AT, FILES)
    document = json.loads(json.dumps(attestation_json(made)))
    assert read_attestation(document) == made
    document["files"]["data/e/supervision.json"] = "0" * 64
    assert not attestation_verifies(KEY.public_key, read_attestation(document))


def test_every_wrong_part_is_named() -> None:
    with pytest.raises(AttestationFormatError) as raised:
        read_attestation(
            {
                "format": "sandogh/log-attestation@9",
                "sequence": 0,
                "head": "AB",
                "time": "yesterday",
                "files": {"data/e/supervision.json": "xyz"},
                "signature": "00",
            }
        )
    paths = [p.path for p in raised.value.problems]
    assert paths == [
        "format",
        "files.data/e/supervision.json",
        "sequence",
        "head",
        "time",
        "signature",
    ]
    with pytest.raises(AttestationFormatError, match="must be a JSON object"):
        read_attestation([])
