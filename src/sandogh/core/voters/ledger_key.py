"""The key under which the voted-ledger records that a voter voted: never the national code.

DESIGN.md §3 (secrecy by construction): "The voted-ledger stores a keyed hash of the national
code, not the code." HMAC-SHA-256 (RFC 2104) with a secret the election authority holds: without
the secret nobody can test a national code against the ledger, which a plain hash of a 10-digit
code (10^10 possibilities) would allow in minutes.
"""

from __future__ import annotations

import hashlib
import hmac

from sandogh.core.errors import SandoghError
from sandogh.core.voters.national_code import NationalCode

MIN_SECRET_BYTES = 32


class LedgerSecretError(SandoghError):
    def __init__(self, length: int) -> None:
        super().__init__(
            f"the ledger secret must be at least {MIN_SECRET_BYTES} bytes, this one is {length}"
        )


def voter_key(secret: bytes, code: NationalCode) -> str:
    """Hex HMAC-SHA-256 of the ten-digit national code under `secret`."""
    if len(secret) < MIN_SECRET_BYTES:
        raise LedgerSecretError(len(secret))
    return hmac.digest(secret, code.digits.encode("ascii"), hashlib.sha256).hex()
