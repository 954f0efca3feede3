"""The operators' credentials: argon2id password hashes (argon2-cffi) and TOTP codes (pyotp).

They implement `services.credentials`. Passwords are hashed with argon2id (RFC 9106) at the cost
`OperatorSettings` gives; a dummy hash made at the same cost (at the first check of any password)
is what an unknown account's password is checked against, so that it takes as long as a known
one. TOTP is RFC 6238 with its defaults (SHA-1, 6 digits, 30-second steps: what authenticator
apps read from the provisioning URI), one step of clock drift allowed either way; a TOTP secret
is stored only sealed with the server key (`server.server_key`).
"""

from __future__ import annotations

import datetime
import functools
import hmac
import secrets

import argon2
import pyotp
from argon2.exceptions import InvalidHashError, VerificationError

from sandogh.locale.digits import to_ascii_digits
from sandogh.server.server_key import ServerKey
from sandogh.server.settings import OperatorSettings

ISSUER = "sandogh"
CODE_DIGITS = 6
DRIFT_STEPS = 1


class Argon2Passwords:
    """Password hashes of one cost; see `services.credentials.PasswordHasher`."""

    def __init__(self, *, time_cost: int, memory_kib: int, parallelism: int) -> None:
        self._hasher = argon2.PasswordHasher(
            time_cost=time_cost, memory_cost=memory_kib, parallelism=parallelism
        )

    @classmethod
    def of(cls, settings: OperatorSettings) -> Argon2Passwords:
        return cls(
            time_cost=settings.argon2_time_cost,
            memory_kib=settings.argon2_memory_kib,
            parallelism=settings.argon2_parallelism,
        )

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    @functools.cached_property
    def _dummy(self) -> str:
        # made at the first check of any password, known account or not, so that a centre that
        # never sees a log-in never pays for it, and no one answer takes the longer for it
        return self._hasher.hash(secrets.token_urlsafe(16))

    def verify(self, stored: str | None, password: str) -> bool:
        dummy = self._dummy  # first, whatever `stored` is
        try:
            matched = self._hasher.verify(dummy if stored is None else stored, password)
        except (VerificationError, InvalidHashError):  # a mismatch is a VerificationError too
            return False
        return matched and stored is not None

    def needs_rehash(self, stored: str) -> bool:
        try:
            return self._hasher.check_needs_rehash(stored)
        except InvalidHashError:
            return True


def provisioning_uri(secret: str, username: str) -> str:
    """The `otpauth://` URI of a secret in clear, as an authenticator app reads it."""
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=ISSUER)


class TotpFactor:
    """TOTP codes, their secrets sealed with `key`; see `services.credentials.SecondFactor`."""

    def __init__(self, key: ServerKey) -> None:
        self._key = key

    def new_secret(self) -> str:
        """A new random secret, in clear (base32)."""
        return pyotp.random_base32()

    def issue(self, username: str) -> tuple[bytes, str]:
        secret = self.new_secret()
        return self._key.seal(secret, username), provisioning_uri(secret, username)

    def seal(self, secret: str, username: str) -> bytes:
        return self._key.seal(secret, username)

    def opens(self, sealed: bytes, username: str) -> bool:
        return self._key.open(sealed, username) is not None

    def step(
        self, sealed: bytes | None, username: str, code: str | None, at: datetime.datetime
    ) -> int | None:
        secret = None if sealed is None else self._key.open(sealed, username)
        if secret is None or code is None:
            return None
        # a Persian or Arabic keyboard types the same code in its own digits (issue 9)
        code = to_ascii_digits(code.strip())
        if len(code) != CODE_DIGITS or not (code.isascii() and code.isdigit()):
            return None
        totp = pyotp.TOTP(secret)
        now = totp.timecode(at)
        for step in range(now - DRIFT_STEPS, now + DRIFT_STEPS + 1):
            if hmac.compare_digest(totp.generate_otp(step), code):
                return step
        return None
