"""Exponential ElGamal (`docs/e2e.md` §3): the encryption of ballots and tallies.

Cramer, Gennaro, Schoenmakers, "A secure and optimally efficient multi-authority election
scheme" (EUROCRYPT 1997): a value v under key K with nonce ξ is (α, β) = (g^ξ, g^v · K^ξ), and
the product of encryptions encrypts the sum of their values. ElectionGuard 2.1 §3.3 writes
β = K^(v+ξ) instead; g^v is kept here so that a tally is read with one table of g's powers for
every election (`dlog`), and a 0 or 1 costs no exponentiation.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sandogh.core.e2e.group import Group


@dataclass(frozen=True, slots=True)
class Ciphertext:
    """(α, β) as canonical element bytes."""

    alpha: bytes
    beta: bytes


def encrypt(group: Group, key: bytes, value: int, nonce: int) -> Ciphertext:
    """(g^ξ, g^v · K^ξ): `value` v under `key` K with `nonce` ξ."""
    masked = group.exp(key, nonce)
    if value == 1:
        beta = group.op(group.generator, masked)
    elif value == 0:
        beta = masked
    else:
        beta = group.op(group.base_exp(value), masked)
    return Ciphertext(group.base_exp(nonce), beta)


def add(group: Group, a: Ciphertext, b: Ciphertext) -> Ciphertext:
    """The encryption of the sum: (α_a·α_b, β_a·β_b)."""
    return Ciphertext(group.op(a.alpha, b.alpha), group.op(a.beta, b.beta))


def accumulate(group: Group, ciphertexts: Iterable[Ciphertext]) -> Ciphertext:
    """The product of `ciphertexts`: (1, 1), the encryption of 0 with nonce 0, for none."""
    alphas: list[bytes] = []
    betas: list[bytes] = []
    for ciphertext in ciphertexts:
        alphas.append(ciphertext.alpha)
        betas.append(ciphertext.beta)
    return Ciphertext(group.product(alphas), group.product(betas))


def scale(group: Group, ciphertext: Ciphertext, factor: int) -> Ciphertext:
    """The encryption of `factor` times the value: (α^f, β^f)."""
    return Ciphertext(group.exp(ciphertext.alpha, factor), group.exp(ciphertext.beta, factor))


def shift(group: Group, ciphertext: Ciphertext, by: int) -> Ciphertext:
    """The encryption of the value plus `by` (any sign) under the same nonce: (α, β·g^by)."""
    return Ciphertext(ciphertext.alpha, group.op(ciphertext.beta, group.base_exp(by)))
