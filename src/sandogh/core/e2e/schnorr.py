"""The guardians' Schnorr proofs of knowledge of a coefficient (`docs/e2e.md` §5, step 1).

Schnorr, "Efficient signature generation by smart cards" (J. Cryptology, 1991), made
non-interactive by Fiat–Shamir as ElectionGuard 2.1 §3.2.2 does: for K = g^a, u a nonce,
h = g^u, c = Hq(HB; 0x10, u32(i), u32(j), el(K), el(h)), v = u − c·a. The same proof, with
j = k, shows knowledge of a guardian's ceremony key. The prover's nonce is an argument.
"""

from __future__ import annotations

from dataclasses import dataclass

from sandogh.core.e2e.group import Group
from sandogh.core.e2e.hashing import Domain, hash_to_scalar, u32


@dataclass(frozen=True, slots=True)
class SchnorrProof:
    """(c, v), two scalars."""

    challenge: int
    response: int


def _challenge(group: Group, base: bytes, guardian: int, index: int, *elements: bytes) -> int:
    return hash_to_scalar(
        group, base, Domain.COEFFICIENT_PROOF, u32(guardian), u32(index), *elements
    )


def prove_knowledge(
    group: Group, base: bytes, guardian: int, index: int, *, secret: int, nonce: int
) -> SchnorrProof:
    """Guardian `guardian`'s proof that it knows `secret`, the log of its `index`-th key."""
    key = group.base_exp(secret)
    challenge = _challenge(group, base, guardian, index, key, group.base_exp(nonce))
    return SchnorrProof(challenge, (nonce - challenge * secret) % group.q)


def verify_knowledge(
    group: Group, base: bytes, guardian: int, index: int, *, key: bytes, proof: SchnorrProof
) -> bool:
    """Whether `proof` shows knowledge of log_g `key` for this guardian and index: c =
    Hq(HB; 0x10, u32(i), u32(j), el(K), el(g^v · K^c))."""
    if not (0 <= proof.challenge < group.q and 0 <= proof.response < group.q):
        return False
    h = group.op(group.base_exp(proof.response), group.exp(key, proof.challenge))
    return _challenge(group, base, guardian, index, key, h) == proof.challenge
