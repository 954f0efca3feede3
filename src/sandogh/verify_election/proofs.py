"""The proofs of the record, checked again from `docs/e2e.md` alone.

- §5 step 1: a guardian's Schnorr proof of knowledge of a coefficient.
- §6: the disjunctive range proof (Cramer, Damgård, Schoenmakers 1994) that a ciphertext encrypts
  one of 0..R, keyed with the box's H_D (the chain's station and device key), and — for a
  challenged ballot (§7) — the same proof made again from the ballot nonce with the derived
  prover randomness, to compare with the published one.
- §8: a guardian's Chaum–Pedersen proof of a partial decryption, and the Lagrange coefficients
  that combine the partial decryptions of the guardians present.

Written apart from `sandogh.core.e2e` on purpose: only the group and the hash functions are
shared, so a mistake in the prover's proofs is not repeated here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sandogh.core.e2e.group import Group
from sandogh.core.e2e.hashing import Domain, hash_to_scalar, text, u32


@dataclass(frozen=True, slots=True)
class Statement:
    """What a range proof is about: (α, β) under `key` encrypts one of 0..`top`, labelled by
    contest and option (`"*"` for the contest's own proof)."""

    key: bytes
    contest: str
    option: str
    top: int
    alpha: bytes
    beta: bytes


def _commitments(
    group: Group, statement: Statement, challenges: Sequence[int], responses: Sequence[int]
) -> list[bytes]:
    """a_j = g^{v_j} α^{c_j}, b_j = K^{v_j} (β / g^j)^{c_j} for every j, flattened a_0, b_0, …"""
    parts: list[bytes] = []
    shifted = statement.beta
    for j, (c, v) in enumerate(zip(challenges, responses, strict=True)):
        if j:
            shifted = group.div(shifted, group.generator)  # β / g^j, one operation per j
        parts.append(group.op(group.base_exp(v), group.exp(statement.alpha, c)))
        parts.append(group.op(group.exp(statement.key, v), group.exp(shifted, c)))
    return parts


def _range_challenge(
    group: Group, box: bytes, statement: Statement, commitments: Sequence[bytes]
) -> int:
    """Hq(H_D; 0x21, c, o, u32(R), α, β, a_0, b_0, …): H_D, not HE, so that a ballot copied
    into another station's or box's chain fails there."""
    return hash_to_scalar(
        group,
        box,
        Domain.RANGE_PROOF,
        text(statement.contest),
        text(statement.option),
        u32(statement.top),
        statement.alpha,
        statement.beta,
        *commitments,
    )


def range_proof_holds(
    group: Group,
    box: bytes,
    statement: Statement,
    challenges: Sequence[int],
    responses: Sequence[int],
) -> bool:
    """§6: with every a_j, b_j recomputed, Σ_j c_j is the challenge hashed over them."""
    if len(challenges) != statement.top + 1 or len(responses) != statement.top + 1:
        return False
    commitments = _commitments(group, statement, challenges, responses)
    expected = _range_challenge(group, box, statement, commitments)
    return sum(challenges) % group.q == expected


def _derived(group: Group, box: bytes, nonce: bytes, label: Statement, *, j: int, t: int) -> int:
    """Hq(H_D; 0x26, ξ_B, c, o, u32(j), u32(t)): the prover's randomness, derived (§6)."""
    return hash_to_scalar(
        group,
        box,
        Domain.PROOF_NONCE,
        nonce,
        text(label.contest),
        text(label.option),
        u32(j),
        u32(t),
    )


def range_proof(
    group: Group,
    box: bytes,
    statement: Statement,
    *,
    value: int,
    encryption_nonce: int,
    ballot_nonce: bytes,
) -> tuple[list[int], list[int]]:
    """The range proof the box must have made for `value` under `encryption_nonce`, with its
    randomness derived from `ballot_nonce` (§6): (c_0..c_R, v_0..v_R)."""
    q = group.q
    challenges = [0] * (statement.top + 1)
    responses = [0] * (statement.top + 1)
    parts: list[bytes] = []
    shifted = statement.beta
    for j in range(statement.top + 1):
        if j == value:
            u = _derived(group, box, ballot_nonce, statement, j=j, t=0)
            parts += [group.base_exp(u), group.exp(statement.key, u)]
        else:
            c = challenges[j] = _derived(group, box, ballot_nonce, statement, j=j, t=0)
            v = responses[j] = _derived(group, box, ballot_nonce, statement, j=j, t=1)
            parts.append(group.op(group.base_exp(v), group.exp(statement.alpha, c)))
            parts.append(group.op(group.exp(statement.key, v), group.exp(shifted, c)))
        shifted = group.div(shifted, group.generator)
    total = _range_challenge(group, box, statement, parts)
    real = (total - sum(challenges)) % q
    challenges[value] = real
    responses[value] = (
        _derived(group, box, ballot_nonce, statement, j=value, t=0) - real * encryption_nonce
    ) % q
    return challenges, responses


def coefficient_proof_holds(
    group: Group, base: bytes, *, guardian: int, j: int, commitment: bytes, c: int, v: int
) -> bool:
    """§5 step 1: c = Hq(HB; 0x10, u32(i), u32(j), K_{i,j}, g^v · K_{i,j}^c)."""
    h = group.op(group.base_exp(v), group.exp(commitment, c))
    return c == hash_to_scalar(
        group, base, Domain.COEFFICIENT_PROOF, u32(guardian), u32(j), commitment, h
    )


@dataclass(frozen=True, slots=True)
class Share:
    """A guardian's partial decryption M_ℓ of one ciphertext, with its proof (c, v)."""

    guardian: int
    share: bytes
    c: int
    v: int


def share_proof_holds(
    group: Group, extended: bytes, share_key: bytes, ciphertext: tuple[bytes, bytes], share: Share
) -> bool:
    alpha, beta = ciphertext
    """§8: c = Hq(HE; 0x30, u32(ℓ), K̂_ℓ, α, β, M_ℓ, g^v K̂_ℓ^c, α^v M_ℓ^c)."""
    a = group.op(group.base_exp(share.v), group.exp(share_key, share.c))
    b = group.op(group.exp(alpha, share.v), group.exp(share.share, share.c))
    return share.c == hash_to_scalar(
        group,
        extended,
        Domain.DECRYPTION_PROOF,
        u32(share.guardian),
        share_key,
        alpha,
        beta,
        share.share,
        a,
        b,
    )


def lagrange(q: int, present: Sequence[int]) -> dict[int, int]:
    """w_ℓ = Π_{j ∈ Q, j ≠ ℓ} j / (j − ℓ) mod q for every ℓ of the guardians present Q."""
    weights: dict[int, int] = {}
    for ell in present:
        numerator, denominator = 1, 1
        for j in present:
            if j != ell:
                numerator = numerator * j % q
                denominator = denominator * (j - ell) % q
        weights[ell] = numerator * pow(denominator, -1, q) % q
    return weights


def share_key(group: Group, commitments: Sequence[Sequence[bytes]], guardian: int) -> bytes:
    """K̂_ℓ = Π_i Π_j K_{i,j}^{ℓ^j} (§5 step 4), from every guardian's commitments."""
    total = group.identity
    for row in commitments:
        for j, commitment in enumerate(row):
            total = group.op(total, group.exp(commitment, pow(guardian, j, group.q)))
    return total
