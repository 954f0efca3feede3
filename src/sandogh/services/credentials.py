"""The ports the operators' use cases check credentials through: password hashes and TOTP codes.

The adapters (`server.credentials`: argon2-cffi and pyotp) hold the randomness (salts, secrets)
and the cost; the use cases take them as given, like the clock (DESIGN.md §2).
"""

from __future__ import annotations

import datetime
from typing import Protocol


class PasswordHasher(Protocol):
    def hash(self, password: str) -> str:
        """A new salted hash of `password` (an argon2id string, RFC 9106)."""

    def verify(self, stored: str | None, password: str) -> bool:
        """Whether `password` is the one `stored` hashes. With None (no such account) it checks
        against a dummy hash of the same cost and answers False, so that an unknown account takes
        as long as a known one."""

    def needs_rehash(self, stored: str) -> bool:
        """Whether `stored` was made with another cost than the hasher's own."""


class SecondFactor(Protocol):
    def new_secret(self) -> str:
        """A new random TOTP secret (base32)."""

    def uri(self, secret: str, username: str) -> str:
        """The `otpauth://` provisioning URI an authenticator app reads (as a QR code)."""

    def step(self, secret: str | None, code: str | None, at: datetime.datetime) -> int | None:
        """The RFC 6238 time step `code` belongs to at `at`, allowing one step of clock drift
        either way; None when it is none of them, or when the secret or the code is missing."""
