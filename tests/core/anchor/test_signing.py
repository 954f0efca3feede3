import pytest

from sandogh.core.anchor import (
    RECORD_LINE,
    RecordError,
    decode_signatures,
    encode_record,
    encode_signatures,
    sign_record,
    verify_record,
)

from ..report.build import DEVICE
from .build import BOARD_CHAIR, BOARD_MEMBER, HQ_CHIEF, HQ_DEPUTY, LOG_KEY, record


def test_k_signatures_of_both_bodies_seal_the_record() -> None:
    signatures = [sign_record(record(), key) for key in (HQ_CHIEF, BOARD_CHAIR, BOARD_MEMBER)]
    assert verify_record(record(), signatures) == []
    assert HQ_CHIEF.public_key.verifies(
        RECORD_LINE + encode_record(record()), signatures[0].signature
    )


def test_k_minus_one_signatures_are_refused() -> None:
    signatures = [sign_record(record(), key) for key in (HQ_CHIEF, BOARD_CHAIR)]
    assert [str(p) for p in verify_record(record(), signatures)] == [
        "signatures: 2 valid signatures of distinct officials; the record asks for 3"
    ]


def test_one_official_signing_twice_counts_once() -> None:
    signatures = [sign_record(record(), key) for key in (HQ_CHIEF, HQ_CHIEF, BOARD_CHAIR)]
    assert "record asks for 3" in str(verify_record(record(), signatures)[-1])


def test_a_signature_by_a_non_official_is_refused() -> None:
    signatures = [
        sign_record(record(), key) for key in (HQ_CHIEF, BOARD_CHAIR, BOARD_MEMBER, DEVICE, LOG_KEY)
    ]
    problems = [str(p) for p in verify_record(record(), signatures)]
    assert problems == [
        f"signatures[3]: {DEVICE.public_key.text} is no official of the record",
        f"signatures[4]: {LOG_KEY.public_key.text} is no official of the record",
    ]


def test_one_body_alone_cannot_seal() -> None:
    signatures = [sign_record(record(2), key) for key in (HQ_CHIEF, HQ_DEPUTY)]
    assert [str(p) for p in verify_record(record(2), signatures)] == [
        "signatures: no official of the supervisory-board signed"
    ]


def test_a_signature_over_other_bytes_does_not_verify() -> None:
    other = sign_record(record(2), BOARD_CHAIR)  # a record with another threshold
    signatures = [sign_record(record(), HQ_CHIEF), sign_record(record(), BOARD_MEMBER), other]
    assert "signatures[2]: the signature of رئیس هیئت نظارت does not verify" in [
        str(p) for p in verify_record(record(), signatures)
    ]


def test_a_signature_file_reads_back_for_its_record_only() -> None:
    data = encode_record(record())
    signatures = [sign_record(record(), key) for key in (BOARD_CHAIR, HQ_CHIEF)]
    document = encode_signatures(data, signatures)
    assert set(decode_signatures(document, data)) == set(signatures)
    with pytest.raises(RecordError, match="signed: signs sha256:"):
        decode_signatures(document, encode_record(record(2)))
