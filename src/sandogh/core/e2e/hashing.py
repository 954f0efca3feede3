"""The protocol's hash functions and their domain bytes (`docs/e2e.md` §2).

As in ElectionGuard 2.1 §3.1.5 (its H is HMAC-SHA-256 keyed with a base hash), every hash here is
HMAC-SHA-256 keyed with the hash that fixes its context (the parameters, the election, or the
election with its joint key), and its message starts with one domain byte naming the use, so
that no hash of one use is ever the hash of another. Each part of the message is prefixed with
its length (4 bytes, big-endian), so no two lists of parts give one message.

`hash_to_scalar` gives a scalar for a challenge or a derived nonce. q is close to 2^252 for
Ristretto255, so 32 bytes taken mod q would be biased (values below 2^256 mod q come up once
more often, out of 16): two HMACs make 64 bytes and those are reduced, as RFC 9496 §4.4 reduces
64 uniform bytes. A domain byte is used either by `hash_bytes` or by `hash_to_scalar`, never both
(the table in §2 says which).
"""

from __future__ import annotations

import hashlib
import hmac
from enum import IntEnum

from sandogh.core.e2e.group import Group

#: the key of the parameter base hash: the protocol's name and version
PROTOCOL = b"sandogh-e2e/1"


class Domain(IntEnum):
    """One byte per use of a hash; `docs/e2e.md` §2 lists each with its inputs."""

    PARAMETERS = 0x00
    ELECTION = 0x01
    EXTENDED = 0x02
    COEFFICIENT_PROOF = 0x10
    SHARE_KEY = 0x11
    SHARE_MAC = 0x12
    CEREMONY = 0x13
    SELECTION_NONCE = 0x20
    RANGE_PROOF = 0x21
    BALLOT = 0x22
    CONFIRMATION = 0x23
    CHAIN_START = 0x24
    CHAIN_CLOSE = 0x25
    PROOF_NONCE = 0x26
    BOX = 0x27
    DECRYPTION_PROOF = 0x30
    TALLY = 0x32
    SHUFFLE_GENERATORS = 0x40
    SHUFFLE_CHALLENGE = 0x41
    SHUFFLE_PERMUTATION_CHALLENGE = 0x42
    SLOT_NONCE = 0x43
    SHUFFLE_STATEMENT = 0x44
    SHUFFLE_NONCE = 0x45


def encode(*parts: bytes) -> bytes:
    """The message of a hash: each part with its 4-byte big-endian length before it."""
    return b"".join(len(part).to_bytes(4, "big") + part for part in parts)


def u32(value: int) -> bytes:
    """An index or a count as a hash part: 4 bytes, big-endian."""
    return value.to_bytes(4, "big")


def text(value: str) -> bytes:
    """A name or an identifier as a hash part: its UTF-8 bytes."""
    return value.encode("utf-8")


def hash_bytes(key: bytes, domain: Domain, *parts: bytes) -> bytes:
    """H(key; domain, parts) = HMAC-SHA-256(key, domain ‖ encode(parts)): 32 bytes."""
    return hmac.digest(key, bytes([domain]) + encode(*parts), hashlib.sha256)


def hash_to_scalar(group: Group, key: bytes, domain: Domain, *parts: bytes) -> int:
    """Hq(key; domain, parts): HMAC-SHA-256(key, domain ‖ 0x00 ‖ m) ‖ HMAC-SHA-256(key, domain ‖
    0x01 ‖ m), m = encode(parts), read big-endian as a 512-bit integer and reduced mod q."""
    message = encode(*parts)
    wide = hmac.digest(key, bytes([domain, 0]) + message, hashlib.sha256) + hmac.digest(
        key, bytes([domain, 1]) + message, hashlib.sha256
    )
    return int.from_bytes(wide, "big") % group.q


def parameter_hash(group: Group) -> bytes:
    """HP = H(PROTOCOL; 0x00, group name, q, g): what a proof made over another group or another
    version of this protocol can never match."""
    return hash_bytes(
        PROTOCOL,
        Domain.PARAMETERS,
        text(group.name),
        group.q.to_bytes((group.q.bit_length() + 7) // 8, "big"),
        group.generator,
    )
