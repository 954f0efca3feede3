"""Known answers for the protocol's hashes (`docs/e2e.md` §2), worked out by hand with hmac."""

from __future__ import annotations

import hashlib
import hmac

from sandogh.core.e2e.group import RISTRETTO255
from sandogh.core.e2e.hashing import (
    Domain,
    encode,
    hash_bytes,
    hash_to_scalar,
    parameter_hash,
    text,
    u32,
)


def test_parts_are_length_prefixed_so_that_two_splits_differ() -> None:
    assert encode(b"ab", b"c") != encode(b"a", b"bc")
    assert encode(b"ab", b"c") == b"\x00\x00\x00\x02ab\x00\x00\x00\x01c"


def test_hash_bytes_is_hmac_of_the_domain_byte_and_the_parts() -> None:
    expected = hmac.digest(b"k", b"\x23" + b"\x00\x00\x00\x03abc", hashlib.sha256)
    assert hash_bytes(b"k", Domain.CONFIRMATION, b"abc") == expected


def test_a_scalar_is_two_hmacs_reduced_mod_q() -> None:
    message = b"\x00\x00\x00\x04" + u32(7)
    wide = hmac.digest(b"k", b"\x21\x00" + message, hashlib.sha256) + hmac.digest(
        b"k", b"\x21\x01" + message, hashlib.sha256
    )
    assert hash_to_scalar(RISTRETTO255, b"k", Domain.RANGE_PROOF, u32(7)) == int.from_bytes(
        wide, "big"
    ) % (RISTRETTO255.q)


def test_parameter_base_hash_of_ristretto255() -> None:
    assert parameter_hash(RISTRETTO255).hex() == (
        "78e88a5bc1a3c5b6544d27a8661c379fc11f62f17c47e498a4b680e437dc95d6"
    )


def test_text_is_utf8() -> None:
    assert text("کرمان") == "کرمان".encode()


def test_every_domain_byte_is_distinct() -> None:
    assert len({d.value for d in Domain}) == len(Domain)
