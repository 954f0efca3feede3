"""The shuffle proof of `docs/e2e.md` §11.4, verified again from the spec's text (Terelius and
Wikström 2010, in the form of Wikström's stand-alone verifier, Algorithm 19; rows of w
ciphertexts as Haines 2017): the generators h_i, the statement D, the challenge vector u and the
commitments t recomputed from the responses, whose hash must be γ.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import rbcl

from sandogh.core.e2e.hashing import Domain, hash_bytes, hash_to_scalar, text, u32
from sandogh.verify_election.election import GROUP

Pair = tuple[bytes, bytes]
Rows = Sequence[Sequence[Pair]]


@dataclass(frozen=True, slots=True)
class Proof:
    """(c_1..c_N, ĉ_1..ĉ_N, γ, s_1, s_2, s_3, s_{4,1..w}, ŝ_1..ŝ_N, s'_1..s'_N)."""

    commitments: list[bytes]
    chain: list[bytes]
    challenge: int
    s1: int
    s2: int
    s3: int
    s4: list[int]
    s_hat: list[int]
    s_prime: list[int]


def _generators(extended: bytes, count: int) -> list[bytes]:
    """h_i = FromHash(H(HE; 0x40, u32(i), u32(0)) ‖ H(HE; 0x40, u32(i), u32(1)))."""
    return [
        bytes(
            rbcl.crypto_core_ristretto255_from_hash(
                hash_bytes(extended, Domain.SHUFFLE_GENERATORS, u32(i), u32(0))
                + hash_bytes(extended, Domain.SHUFFLE_GENERATORS, u32(i), u32(1))
            )
        )
        for i in range(count)
    ]


def _flat(rows: Rows) -> list[bytes]:
    return [part for row in rows for pair in row for part in pair]


def _power_product(bases: Sequence[bytes], exponents: Sequence[int]) -> bytes:
    return GROUP.product(GROUP.exp(b, e) for b, e in zip(bases, exponents, strict=True))


def shuffle_fails(
    extended: bytes, key: bytes, label: str, rows: Rows, shuffled: Rows, *, proof: Proof
) -> str | None:
    """Why the proof does not show that `shuffled` re-encrypts a permutation of `rows` under
    `label`, or None when it does. Elements are decoded and scalars below q already."""
    n = len(rows)
    width = len(rows[0]) if rows else 0
    if n == 0 or width == 0 or any(len(r) != width for r in (*rows, *shuffled)):
        return "the rows are not N ≥ 1 rows of one width"
    if len(shuffled) != n:
        return f"{len(shuffled)} rows out of {n} in"
    if (
        len(proof.commitments) != n
        or len(proof.chain) != n
        or len(proof.s_hat) != n
        or len(proof.s_prime) != n
        or len(proof.s4) != width
    ):
        return "the proof's vectors are not of the rows' lengths"
    q = GROUP.q
    h = _generators(extended, n + 1)
    digest = hash_bytes(
        extended,
        Domain.SHUFFLE_STATEMENT,
        text(label),
        u32(n),
        u32(width),
        *_flat(rows),
        *_flat(shuffled),
        *proof.commitments,
    )
    u = [
        hash_to_scalar(GROUP, extended, Domain.SHUFFLE_PERMUTATION_CHALLENGE, digest, u32(i))
        for i in range(1, n + 1)
    ]
    u_product = 1
    for ui in u:
        u_product = u_product * ui % q
    minus = (-proof.challenge) % q
    c_bar = GROUP.div(GROUP.product(proof.commitments), GROUP.product(h[1:]))
    c_hat = GROUP.div(proof.chain[-1], GROUP.exp(h[0], u_product))
    c_tilde = _power_product(proof.commitments, u)
    t1 = GROUP.op(GROUP.exp(c_bar, minus), GROUP.base_exp(proof.s1))
    t2 = GROUP.op(GROUP.exp(c_hat, minus), GROUP.base_exp(proof.s2))
    t3 = GROUP.product(
        (
            GROUP.exp(c_tilde, minus),
            GROUP.base_exp(proof.s3),
            _power_product(h[1:], proof.s_prime),
        )
    )
    t4: list[bytes] = []
    for k in range(width):
        e_alpha = _power_product([row[k][0] for row in rows], u)
        e_beta = _power_product([row[k][1] for row in rows], u)
        out_alpha = _power_product([row[k][0] for row in shuffled], proof.s_prime)
        out_beta = _power_product([row[k][1] for row in shuffled], proof.s_prime)
        t4.append(
            GROUP.product((GROUP.exp(e_alpha, minus), GROUP.base_exp(-proof.s4[k] % q), out_alpha))
        )
        t4.append(
            GROUP.product((GROUP.exp(e_beta, minus), GROUP.exp(key, -proof.s4[k] % q), out_beta))
        )
    t_hat = [
        GROUP.product(
            (
                GROUP.exp(proof.chain[j], minus),
                GROUP.base_exp(proof.s_hat[j]),
                GROUP.exp(h[0] if j == 0 else proof.chain[j - 1], proof.s_prime[j]),
            )
        )
        for j in range(n)
    ]
    gamma = hash_to_scalar(
        GROUP,
        extended,
        Domain.SHUFFLE_CHALLENGE,
        digest,
        *proof.chain,
        t1,
        t2,
        t3,
        *t4,
        *t_hat,
    )
    if gamma != proof.challenge:
        return "the shuffle proof does not verify (γ is not the hash of its commitments)"
    return None
