"""A box's chain of confirmation codes (`docs/e2e.md` §7; ElectionGuard 2.1 §3.4.4, chaining).

Every ballot a box encrypts and the voter decides on, cast or challenged, takes the next code
of its box's chain: H_0 from the station, the device's key and the signed zero report's hash;
H_i from H_{i−1} and the ballot's hash χ_i (§6); H_close from the last code and the numbers of
cast and challenged ballots. A ballot dropped, added or moved after its voter saw its code
breaks every later code and the close, which the station's final report signs. `code_key`
reads a code back as a voter types or pastes it, for the results site's look-up.
"""

from __future__ import annotations

from sandogh.core.e2e.hashing import Domain, hash_bytes, text, u32
from sandogh.core.errors import SandoghError

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


class CodeFormError(SandoghError):
    """Text that is neither a readable code nor a code's hex."""


#: what may stand between the groups of a typed or pasted code: spaces (no-break and thin
#: ones too), hyphens, and the invisible marks a right-to-left page puts around a number
_SEPARATORS = dict.fromkeys(map(ord, " \t\u00a0\u2009\u202f-\u2010\u2011\u200c\u200e\u200f"))
_SEPARATORS.update(dict.fromkeys(range(0x2066, 0x206A)))


def code_key(written: str) -> bytes:
    """What a code looked up by `written` starts with: its first 8 bytes from the readable form
    (20 digits, Latin or Persian, separators optional), or all 32 from its hex (64 digits, any
    case). Two codes may share their first 8 bytes, so a look-up by the readable form lists
    every code starting with them. Raises `CodeFormError` for anything else."""
    compact = written.strip().translate(_SEPARATORS)
    if len(compact) == 2 * CODE_BYTES and all(c in "0123456789abcdefABCDEF" for c in compact):
        return bytes.fromhex(compact)
    if len(compact) == READABLE_DIGITS and compact.isdecimal():
        value = int(compact)  # int reads every script's decimal digits, Persian ones included
        if value < 2**64:
            return value.to_bytes(8, "big")
    raise CodeFormError(
        f"not a confirmation code: {READABLE_DIGITS} digits or {2 * CODE_BYTES} hex digits"
    )
