"""The ports the operators' use cases check credentials through: password hashes and TOTP codes.

The adapters (`server.credentials`: argon2-cffi and pyotp; `server.server_key`) hold the
randomness (salts, secrets), the cost and the key that seals TOTP secrets at rest; the use cases
take them as given, like the clock (DESIGN.md §2).
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
    """TOTP codes. A secret is only ever stored sealed (with a key that is not in the database),
    for one username: it opens for that account's row alone."""

    def issue(self, username: str) -> tuple[bytes, str]:
        """A new random TOTP secret for `username`: sealed, as stored, and the `otpauth://`
        provisioning URI an authenticator app reads (as a QR code), to be shown once."""

    def seal(self, secret: str, username: str) -> bytes:
        """The secret (base32), sealed for `username`."""

    def opens(self, sealed: bytes, username: str) -> bool:
        """Whether `sealed` opens, with this key, for `username`."""

    def step(
        self, sealed: bytes | None, username: str, code: str | None, at: datetime.datetime
    ) -> int | None:
        """The RFC 6238 time step `code` belongs to at `at`, allowing one step of clock drift
        either way; None when it is none of them, when the secret or the code is missing, or
        when the secret does not open for `username`."""
