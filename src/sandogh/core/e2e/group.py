"""The prime-order groups of the E2E protocol (`docs/e2e.md` §1).

The protocol is written once over `Group` and runs over two: Ristretto255 (de Valence, Grigg,
Hamburg, Lovecruft, Tankersley, Valsorda, "The ristretto255 and decaf448 Groups", RFC 9496),
through libsodium's `crypto_core_ristretto255_*` as bundled by rbcl, which is the election's
group; and ElectionGuard 2.1's 4096-bit integer group (`integer_group.py`), which `bench/e2e.py`
runs beside it. Elements travel as their canonical bytes and scalars as `int` in [0, q): one
representation for both groups, and the one that is hashed and published. The spec writes the
group multiplicatively (g^x, a·b), as ElectionGuard does; libsodium writes Ristretto additively.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from typing import Final

import rbcl


class NotAnElementError(ValueError):
    """Bytes that are not the canonical encoding of an element of the group."""


class Group(ABC):
    """A cyclic group of prime order `q` with generator `generator`."""

    name: str
    q: int
    element_size: int
    #: a scalar's size in hashes and files: both groups have q < 2^256
    scalar_size: Final = 32
    generator: bytes
    identity: bytes

    @abstractmethod
    def op(self, a: bytes, b: bytes) -> bytes:
        """a·b, the group operation."""

    @abstractmethod
    def exp(self, a: bytes, s: int) -> bytes:
        """a^s, for any integer s (taken mod q)."""

    @abstractmethod
    def base_exp(self, s: int) -> bytes:
        """g^s, for any integer s (taken mod q)."""

    @abstractmethod
    def inverse(self, a: bytes) -> bytes:
        """a^-1."""

    @abstractmethod
    def is_element(self, data: bytes) -> bool:
        """Whether `data` is the canonical encoding of an element."""

    def element(self, data: bytes) -> bytes:
        """`data` itself once checked to be an element: every element read from outside goes
        through here, so that no operation ever sees a point off the group."""
        if not self.is_element(data):
            raise NotAnElementError(f"not an element of {self.name}")
        return data

    def div(self, a: bytes, b: bytes) -> bytes:
        return self.op(a, self.inverse(b))

    def product(self, elements: Iterable[bytes]) -> bytes:
        # from the first element, not from 1: one operation fewer, which counts in a contest's
        # product of a few selections (each Ristretto255 operation decodes and encodes points)
        iterator = iter(elements)
        total = next(iterator, self.identity)
        for element in iterator:
            total = self.op(total, element)
        return total

    def scalar_bytes(self, s: int) -> bytes:
        """A scalar as hashed and published: 32 bytes, big-endian, reduced mod q."""
        return (s % self.q).to_bytes(self.scalar_size, "big")

    def scalar(self, data: bytes) -> int:
        """A published scalar back: exactly 32 big-endian bytes below q, or `ValueError`."""
        value = int.from_bytes(data, "big")
        if len(data) != self.scalar_size or value >= self.q:
            raise ValueError(f"not a scalar of {self.name}")
        return value


class Ristretto255(Group):
    """RFC 9496's prime-order group over Curve25519, of order q = 2^252 + 2774231777737235353585
    1937790883648493."""

    name = "ristretto255"
    q = 2**252 + 27742317777372353535851937790883648493
    element_size = 32
    generator = rbcl.crypto_scalarmult_ristretto255_base(
        (1).to_bytes(rbcl.crypto_core_ristretto255_SCALARBYTES, "little")
    )
    identity = bytes(32)

    def op(self, a: bytes, b: bytes) -> bytes:
        result: bytes = rbcl.crypto_core_ristretto255_add(a, b)
        return result

    def exp(self, a: bytes, s: int) -> bytes:
        result: bytes = rbcl.crypto_scalarmult_ristretto255_allow_scalar_zero(
            (s % self.q).to_bytes(32, "little"), a
        )
        return result

    def base_exp(self, s: int) -> bytes:
        result: bytes = rbcl.crypto_scalarmult_ristretto255_base_allow_scalar_zero(
            (s % self.q).to_bytes(32, "little")
        )
        return result

    def inverse(self, a: bytes) -> bytes:
        result: bytes = rbcl.crypto_core_ristretto255_sub(self.identity, a)
        return result

    def div(self, a: bytes, b: bytes) -> bytes:
        result: bytes = rbcl.crypto_core_ristretto255_sub(a, b)
        return result

    def is_element(self, data: bytes) -> bool:
        return (
            isinstance(data, bytes)
            and len(data) == self.element_size
            and bool(rbcl.crypto_core_ristretto255_is_valid_point(data))
        )


RISTRETTO255: Final = Ristretto255()
