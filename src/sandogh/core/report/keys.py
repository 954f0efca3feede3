"""Ed25519 keys of ballot boxes and station staff (RFC 8032, through PyNaCl and libsodium).

DESIGN.md §6: a box holds an Ed25519 key registered at enrolment, and every report it makes is
signed. The core draws no randomness (DESIGN.md §2): a signing key is made from the 32-byte seed of
RFC 8032 §5.1.5, which the caller supplies (the station app passes `os.urandom(32)`); the same
seed always gives the same key, which is what keeps the tests deterministic. A public key is
written `ed25519:` and its 64 lowercase hex digits.

A staff member's key also receives what is sealed to them (the station's count key, split among
the staff: `station.count_key`): libsodium maps an Ed25519 key pair to an X25519 one
(`crypto_sign_ed25519_pk_to_curve25519` and `…_sk_to_curve25519`), so one registered key serves
both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import nacl.exceptions
import nacl.public
import nacl.signing

from sandogh.core.definition.problems import Problem
from sandogh.core.report.errors import KeyMaterialError

KEY_BYTES = 32
SIGNATURE_BYTES = 64
KEY_TEXT = re.compile(r"ed25519:([0-9a-f]{64})")


@dataclass(frozen=True)
class PublicKey:
    """An Ed25519 public key: the id of a device, or of a member of the station staff."""

    raw: bytes

    def __post_init__(self) -> None:
        if len(self.raw) != KEY_BYTES:
            raise KeyMaterialError(
                [Problem("raw", f"a public key has {KEY_BYTES} bytes, not {len(self.raw)}")]
            )

    @classmethod
    def from_text(cls, text: str) -> PublicKey:
        """The key written by `text`; anything but `ed25519:` and 64 lowercase hex is refused."""
        match = KEY_TEXT.fullmatch(text)
        if match is None:
            raise KeyMaterialError([Problem("", f"{text!r} is not ed25519: and 64 hex digits")])
        return cls(bytes.fromhex(match[1]))

    @property
    def text(self) -> str:
        return "ed25519:" + self.raw.hex()

    def verifies(self, message: bytes, signature: bytes) -> bool:
        """Whether `signature` is this key's Ed25519 signature of `message`."""
        try:
            nacl.signing.VerifyKey(self.raw).verify(message, signature)
        except (nacl.exceptions.BadSignatureError, ValueError):
            # libsodium refuses a signature of the wrong length or a key off the curve with
            # ValueError; to a verifier these are signatures that do not verify
            return False
        return True

    def x25519(self) -> nacl.public.PublicKey:
        """The X25519 key libsodium derives from this key, to seal a box to its holder."""
        return nacl.signing.VerifyKey(self.raw).to_curve25519_public_key()


@dataclass(frozen=True, eq=False, repr=False)
class SigningKey:
    """An Ed25519 signing key. Make it with `from_seed`; its repr shows only the public key."""

    _key: nacl.signing.SigningKey

    @classmethod
    def from_seed(cls, seed: bytes) -> SigningKey:
        if len(seed) != KEY_BYTES:
            raise KeyMaterialError(
                [Problem("seed", f"a seed has {KEY_BYTES} bytes, not {len(seed)}")]
            )
        return cls(nacl.signing.SigningKey(seed))

    @property
    def public_key(self) -> PublicKey:
        return PublicKey(bytes(self._key.verify_key))

    def sign(self, message: bytes) -> bytes:
        """The 64-byte Ed25519 signature of `message` (deterministic, RFC 8032 §5.1.6)."""
        return self._key.sign(message).signature

    def x25519(self) -> nacl.public.PrivateKey:
        """The X25519 key libsodium derives from this key: it opens what `PublicKey.x25519`
        sealed."""
        return self._key.to_curve25519_private_key()

    def __repr__(self) -> str:
        return f"SigningKey({self.public_key.text})"
