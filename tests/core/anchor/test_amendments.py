import dataclasses
import re

import pytest

from sandogh.core.anchor import (
    AMENDMENT_LINE,
    Amendment,
    OfficialSignature,
    RecordError,
    SignedAmendment,
    decode_amendment,
    decode_amendments,
    encode_amendment,
    encode_amendments,
    next_amendment,
    sign_bytes,
    verify_amendments,
)
from sandogh.core.report import SigningKey, StaffRole

from ..report.build import DEVICE, OTHER_DEVICE, SECRETARY, STATION
from .build import BOARD_CHAIR, BOARD_MEMBER, HQ_CHIEF, record, staff

NEW_BOX = SigningKey.from_seed(b"n" * 32)
NEW_SECRETARY = SigningKey.from_seed(b"t" * 32)


def _signed(amendment: Amendment, *keys: SigningKey) -> SignedAmendment:
    data = encode_amendment(amendment)
    return SignedAmendment(
        amendment,
        tuple(
            sign_bytes(AMENDMENT_LINE, data, key)
            for key in keys or (HQ_CHIEF, BOARD_CHAIR, BOARD_MEMBER)
        ),
    )


def _chain() -> list[SignedAmendment]:
    box = next_amendment(
        record(),
        [],
        station=STATION,
        reason="the box failed at 10:20; replaced",
        device=NEW_BOX.public_key,
        replaces=DEVICE.public_key,
    )
    secretary = next_amendment(
        record(),
        [box],
        station=STATION,
        reason="the secretary fell ill",
        staff=staff(STATION, "Secretary Two", StaffRole.SECRETARY, NEW_SECRETARY),
        replaces=SECRETARY.public_key,
    )
    return [_signed(box), _signed(secretary)]


def test_a_chain_of_signed_amendments_verifies_and_reads_back() -> None:
    chain = _chain()
    assert verify_amendments(record(), chain) == []
    assert decode_amendments(encode_amendments(chain)) == tuple(chain)
    data = encode_amendment(chain[1].amendment)
    assert decode_amendment(data) == chain[1].amendment


def test_a_forged_amendment_is_refused() -> None:
    forger = SigningKey.from_seed(b"f" * 32)
    forged = next_amendment(
        record(), [], station=STATION, reason="late enrolment", device=forger.public_key
    )
    signatures = (
        *_signed(forged, HQ_CHIEF).signatures,
        OfficialSignature(
            BOARD_CHAIR.public_key, forger.sign(AMENDMENT_LINE + encode_amendment(forged))
        ),
        sign_bytes(AMENDMENT_LINE, encode_amendment(forged), forger),
    )
    problems = verify_amendments(record(), [SignedAmendment(forged, signatures)])
    assert [p.message for p in problems] == [
        "the signature of رئیس هیئت نظارت does not verify",
        f"{forger.public_key.text} is no official of the record",
        "1 valid signatures of distinct officials; the record asks for 3",
        "no official of the supervisory-board signed",
    ]


def test_an_amendment_cut_from_the_chain_breaks_the_next() -> None:
    chain = _chain()
    problems = [str(p) for p in verify_amendments(record(), chain[1:])]
    assert problems == [
        f"amendments[0].amendment.previous: is {chain[1].amendment.previous}, the chain holds None"
    ]


def test_an_amendment_of_another_record_or_with_a_key_on_record_is_refused() -> None:
    other = dataclasses.replace(
        next_amendment(record(2), [], station=STATION, reason="x", device=OTHER_DEVICE.public_key),
        replaces=SECRETARY.public_key,
    )
    problems = [str(p) for p in verify_amendments(record(), [_signed(other)])]
    assert problems[0].startswith("amendments[0].amendment.record: amends sha256:")
    assert (
        f"amendments[0].amendment.key: {OTHER_DEVICE.public_key.text} is already on record"
        in problems
    )
    assert (
        f"amendments[0].amendment.replaces: {SECRETARY.public_key.text} is no box of {STATION} "
        "on record" in problems
    )


def test_amendments_json_is_read_strictly() -> None:
    data = encode_amendments(_chain())
    with pytest.raises(RecordError, match="canonical"):
        decode_amendments(data + b" ")
    one = encode_amendment(_chain()[0].amendment)
    with pytest.raises(RecordError, match="exactly one of device and staff"):
        decode_amendment(re.sub(rb'"device":"ed25519:[0-9a-f]+"', b'"device":null', one))
