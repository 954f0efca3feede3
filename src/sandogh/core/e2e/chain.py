"""A box's chain of confirmation codes (`docs/e2e.md` §7; ElectionGuard 2.1 §3.4.4, chaining).

Every ballot a box encrypts and the voter decides on, cast or challenged, takes the next code
of its box's chain: H_0 from the station, the device's key and the signed zero report's hash;
H_i from H_{i−1} and the ballot's hash χ_i (§6); H_close from the last code and the numbers of
cast and challenged ballots. A ballot dropped, added or moved after its voter saw its code
breaks every later code and the close, which the station's final report signs.
"""

from __future__ import annotations

from sandogh.core.e2e.hashing import Domain, hash_bytes, text, u32

CODE_BYTES = 32
#: the readable form: the code's first 8 bytes as 20 decimal digits, in groups of 4
READABLE_DIGITS = 20
READABLE_GROUP = 4


def chain_start(extended_hash: bytes, station: str, device: bytes, zero_report: bytes) -> bytes:
    """H_0 = H(HE; 0x24, text(station), device (32 bytes), zero_report (32 bytes))."""
    return hash_bytes(extended_hash, Domain.CHAIN_START, text(station), device, zero_report)


def confirmation_code(extended_hash: bytes, previous: bytes, ballot_hash: bytes) -> bytes:
    """H_i = H(HE; 0x23, H_{i−1}, χ_i)."""
    return hash_bytes(extended_hash, Domain.CONFIRMATION, previous, ballot_hash)


def chain_close(extended_hash: bytes, last: bytes, cast: int, challenged: int) -> bytes:
    """H_close = H(HE; 0x25, H_last, u32(cast), u32(challenged))."""
    return hash_bytes(extended_hash, Domain.CHAIN_CLOSE, last, u32(cast), u32(challenged))


def readable_code(code: bytes) -> str:
    """The form a person reads and compares: `0123 4567 8901 2345 6789` (Latin digits; the
    station writes them in Persian digits for a Persian screen or paper)."""
    digits = f"{int.from_bytes(code[:8], 'big'):0{READABLE_DIGITS}d}"
    return " ".join(
        digits[i : i + READABLE_GROUP] for i in range(0, READABLE_DIGITS, READABLE_GROUP)
    )
