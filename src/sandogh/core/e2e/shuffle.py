"""A verifiable re-encryption shuffle of rows of ciphertexts (`docs/e2e.md` §11.4).

Terelius and Wikström, "Proofs of restricted shuffles" (AFRICACRYPT 2010), in the shape of
Wikström's "How to implement a stand-alone verifier for the Verificatum mix-net" (Algorithm 19),
with rows of w ciphertexts shuffled whole as Haines, "A description and proof of a generalised
and optimised variant of Wikström's mixnet" (2017), proves sound: one permutation commitment and
one challenge vector for the rows, one re-encryption response per column. The proof is written
in challenge form (γ and the responses; the verifier recomputes the commitments t and hashes
them), as every other proof of the protocol is.

Pure: the permutation, the re-encryption nonces and the seed the prover's randomness is derived
from are arguments; the mixer that calls draws them and erases them after publishing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import rbcl

from sandogh.core.e2e.elgamal import Ciphertext
from sandogh.core.e2e.group import Group, Ristretto255
from sandogh.core.e2e.hashing import Domain, hash_bytes, hash_to_scalar, text, u32
from sandogh.core.errors import SandoghError

Row = tuple[Ciphertext, ...]


class ShuffleError(SandoghError):
    """A shuffle that cannot be made or checked as asked: rows of unequal width, a permutation
    that is not one, nonces that do not match the rows, or a group with no mix-net."""


class ShuffleProofError(ShuffleError):
    """A shuffle proof that does not verify for its inputs and outputs."""


@dataclass(frozen=True, slots=True)
class MixContext:
    """What a shuffle's proof is bound to: the group, the joint key K, HE and the label
    (contest/constituency/mixer, §11.4)."""

    group: Group
    key: bytes
    extended_hash: bytes
    label: str


@dataclass(frozen=True, slots=True)
class ShuffleProof:
    """§11.4's proof: the permutation commitment c_i, the commitment chain ĉ_j, the challenge
    γ and the responses s_1, s_2, s_3, s_{4,k} (one per column), ŝ_j and s'_j."""

    commitments: tuple[bytes, ...]
    chain: tuple[bytes, ...]
    challenge: int
    s1: int
    s2: int
    s3: int
    s4: tuple[int, ...]
    s_hat: tuple[int, ...]
    s_prime: tuple[int, ...]


def generators(group: Group, extended_hash: bytes, count: int) -> tuple[bytes, ...]:
    """h_0 … h_{count−1}: RFC 9496's map of 64 hashed bytes, so that no discrete logarithm
    between any two of them or g is known to anyone."""
    if not isinstance(group, Ristretto255):
        raise ShuffleError(f"the mix-net runs over ristretto255, not {group.name}")
    found = []
    for i in range(count):
        wide = hash_bytes(extended_hash, Domain.SHUFFLE_GENERATORS, u32(i), u32(0)) + hash_bytes(
            extended_hash, Domain.SHUFFLE_GENERATORS, u32(i), u32(1)
        )
        found.append(bytes(rbcl.crypto_core_ristretto255_from_hash(wide)))
    return tuple(found)


def reencrypt(group: Group, key: bytes, ciphertext: Ciphertext, nonce: int) -> Ciphertext:
    """The same value under a fresh nonce: (α·g^ρ, β·K^ρ)."""
    return Ciphertext(
        group.op(ciphertext.alpha, group.base_exp(nonce)),
        group.op(ciphertext.beta, group.exp(key, nonce)),
    )


def shuffle(
    group: Group,
    key: bytes,
    rows: Sequence[Row],
    *,
    permutation: Sequence[int],
    nonces: Sequence[Sequence[int]],
) -> tuple[Row, ...]:
    """Output row π(i) is input row i re-encrypted with that output row's nonces:
    e'_{j,k} = e_{π⁻¹(j),k} · (g^{ρ_{j,k}}, K^{ρ_{j,k}}). Indices count from 0 here."""
    width = _width(rows)
    inverse = _inverse(permutation, len(rows))
    if len(nonces) != len(rows) or any(len(n) != width for n in nonces):
        raise ShuffleError("one re-encryption nonce per output ciphertext")
    return tuple(
        tuple(
            reencrypt(group, key, ciphertext, nonce)
            for ciphertext, nonce in zip(rows[inverse[j]], nonces[j], strict=True)
        )
        for j in range(len(rows))
    )


def prove_shuffle(
    context: MixContext,
    rows: Sequence[Row],
    shuffled: Sequence[Row],
    *,
    permutation: Sequence[int],
    nonces: Sequence[Sequence[int]],
    seed: bytes,
) -> ShuffleProof:
    """§11.4's proof that `shuffled` is `shuffle(rows, permutation, nonces)`; the prover's
    randomness is Hq(HE; 0x45, seed, label, name, index)."""
    n, width = len(rows), _width(rows)
    inverse = _inverse(permutation, n)
    if len(shuffled) != n or _width(shuffled) != width:
        raise ShuffleError("as many output rows as input rows, of the same width")
    group, key, extended_hash, label = (
        context.group,
        context.key,
        context.extended_hash,
        context.label,
    )
    q = group.q

    def drawn(name: str, index: int) -> int:
        return hash_to_scalar(
            group, extended_hash, Domain.SHUFFLE_NONCE, seed, text(label), text(name), u32(index)
        )

    h = generators(group, extended_hash, n + 1)
    r = [drawn("r", i) for i in range(1, n + 1)]
    commitments = tuple(group.op(group.base_exp(r[i]), h[permutation[i] + 1]) for i in range(n))
    digest = _statement(context, rows, shuffled, commitments)
    u = _challenge_vector(group, extended_hash, digest, n)
    u_perm = [u[inverse[j]] for j in range(n)]

    r_hat = [drawn("rhat", j) for j in range(1, n + 1)]
    chain: list[bytes] = []
    previous = h[0]
    for j in range(n):
        previous = group.op(group.base_exp(r_hat[j]), group.exp(previous, u_perm[j]))
        chain.append(previous)

    w1, w2, w3 = drawn("w1", 0), drawn("w2", 0), drawn("w3", 0)
    w4 = [drawn("w4", k) for k in range(1, width + 1)]
    w_hat = [drawn("what", j) for j in range(1, n + 1)]
    w_prime = [drawn("wprime", j) for j in range(1, n + 1)]
    t1 = group.base_exp(w1)
    t2 = group.base_exp(w2)
    t3 = group.op(group.base_exp(w3), _multi_exp(group, h[1:], w_prime))
    t4 = tuple(
        _column_commitment(group, key, [row[k] for row in shuffled], w_prime, w4[k])
        for k in range(width)
    )
    t_hat = [
        group.op(group.base_exp(w_hat[j]), group.exp(h[0] if j == 0 else chain[j - 1], w_prime[j]))
        for j in range(n)
    ]
    gamma = _challenge(context, digest, chain, (t1, t2, t3, *_parts(t4), *t_hat))

    r_bar = sum(r) % q
    r_tilde = sum(ri * ui for ri, ui in zip(r, u, strict=True)) % q
    accumulated = 0
    for j in range(n):
        accumulated = (r_hat[j] + u_perm[j] * accumulated) % q
    rho_bar = [sum(nonces[j][k] * u_perm[j] for j in range(n)) % q for k in range(width)]
    return ShuffleProof(
        commitments=commitments,
        chain=tuple(chain),
        challenge=gamma,
        s1=(w1 + gamma * r_bar) % q,
        s2=(w2 + gamma * accumulated) % q,
        s3=(w3 + gamma * r_tilde) % q,
        s4=tuple((w4[k] + gamma * rho_bar[k]) % q for k in range(width)),
        s_hat=tuple((w_hat[j] + gamma * r_hat[j]) % q for j in range(n)),
        s_prime=tuple((w_prime[j] + gamma * u_perm[j]) % q for j in range(n)),
    )


def check_shuffle(
    context: MixContext,
    rows: Sequence[Row],
    shuffled: Sequence[Row],
    proof: ShuffleProof,
) -> None:
    """§11.4's verification: returns if `proof` shows that `shuffled` re-encrypts a permutation
    of `rows`, else raises `ShuffleProofError` saying which part does not fit."""
    group, key, extended_hash = context.group, context.key, context.extended_hash
    n = len(rows)
    try:
        width = _width(rows)
    except ShuffleError as error:
        raise ShuffleProofError(str(error)) from error
    if len(shuffled) != n or _width(shuffled) != width:
        raise ShuffleProofError("the output does not have the input's rows and width")
    if (
        len(proof.commitments) != n
        or len(proof.chain) != n
        or len(proof.s_hat) != n
        or len(proof.s_prime) != n
        or len(proof.s4) != width
    ):
        raise ShuffleProofError("the proof's vectors do not have the rows' lengths")
    scalars = (proof.challenge, proof.s1, proof.s2, proof.s3, *proof.s4, *proof.s_hat)
    if any(not 0 <= s < group.q for s in (*scalars, *proof.s_prime)):
        raise ShuffleProofError("a response is not a scalar")
    for element in (*proof.commitments, *proof.chain, *_elements(rows), *_elements(shuffled)):
        if not group.is_element(element):
            raise ShuffleProofError("an element of the shuffle is not in the group")

    h = generators(group, extended_hash, n + 1)
    digest = _statement(context, rows, shuffled, proof.commitments)
    u = _challenge_vector(group, extended_hash, digest, n)
    gamma = proof.challenge
    minus = group.q - gamma

    u_product = 1
    for ui in u:
        u_product = u_product * ui % group.q
    c_bar = group.div(group.product(proof.commitments), group.product(h[1:]))
    c_hat = group.div(proof.chain[-1], group.exp(h[0], u_product))
    c_tilde = _multi_exp(group, proof.commitments, u)

    t1 = group.op(group.exp(c_bar, minus), group.base_exp(proof.s1))
    t2 = group.op(group.exp(c_hat, minus), group.base_exp(proof.s2))
    t3 = group.product(
        (
            group.exp(c_tilde, minus),
            group.base_exp(proof.s3),
            _multi_exp(group, h[1:], proof.s_prime),
        )
    )
    t4 = []
    for k in range(width):
        column = [row[k] for row in rows]
        folded = Ciphertext(
            _multi_exp(group, [c.alpha for c in column], u),
            _multi_exp(group, [c.beta for c in column], u),
        )
        committed = _column_commitment(
            group, key, [row[k] for row in shuffled], proof.s_prime, proof.s4[k]
        )
        t4.append(
            Ciphertext(
                group.op(group.exp(folded.alpha, minus), committed.alpha),
                group.op(group.exp(folded.beta, minus), committed.beta),
            )
        )
    t_hat = [
        group.product(
            (
                group.exp(proof.chain[j], minus),
                group.base_exp(proof.s_hat[j]),
                group.exp(h[0] if j == 0 else proof.chain[j - 1], proof.s_prime[j]),
            )
        )
        for j in range(n)
    ]
    expected = _challenge(context, digest, proof.chain, (t1, t2, t3, *_parts(t4), *t_hat))
    if expected != gamma:
        raise ShuffleProofError("the shuffle proof's challenge does not match its commitments")


def _width(rows: Sequence[Row]) -> int:
    widths = {len(row) for row in rows}
    if len(widths) != 1 or 0 in widths:
        raise ShuffleError("a shuffle has rows, each of the same number of ciphertexts (≥ 1)")
    return widths.pop()


def _inverse(permutation: Sequence[int], n: int) -> list[int]:
    if sorted(permutation) != list(range(n)):
        raise ShuffleError(f"not a permutation of {n} rows")
    inverse = [0] * n
    for i, j in enumerate(permutation):
        inverse[j] = i
    return inverse


def _elements(rows: Sequence[Row]) -> list[bytes]:
    return [part for row in rows for part in _parts(row)]


def _parts(ciphertexts: Sequence[Ciphertext]) -> list[bytes]:
    return [part for c in ciphertexts for part in (c.alpha, c.beta)]


def _multi_exp(group: Group, bases: Sequence[bytes], exponents: Sequence[int]) -> bytes:
    return group.product(group.exp(b, e) for b, e in zip(bases, exponents, strict=True))


def _column_commitment(
    group: Group, key: bytes, column: Sequence[Ciphertext], exponents: Sequence[int], nonce: int
) -> Ciphertext:
    """(g^{−ω} · Π α_j^{x_j}, K^{−ω} · Π β_j^{x_j}): t_{4,k} of one column."""
    return Ciphertext(
        group.op(group.base_exp(-nonce), _multi_exp(group, [c.alpha for c in column], exponents)),
        group.op(group.exp(key, -nonce), _multi_exp(group, [c.beta for c in column], exponents)),
    )


def _statement(
    context: MixContext,
    rows: Sequence[Row],
    shuffled: Sequence[Row],
    commitments: Sequence[bytes],
) -> bytes:
    """D = H(HE; 0x44, label, N, w, the input's and the output's elements row by row, c_i)."""
    return hash_bytes(
        context.extended_hash,
        Domain.SHUFFLE_STATEMENT,
        text(context.label),
        u32(len(rows)),
        u32(len(rows[0])),
        *_elements(rows),
        *_elements(shuffled),
        *commitments,
    )


def _challenge_vector(group: Group, extended_hash: bytes, digest: bytes, n: int) -> list[int]:
    return [
        hash_to_scalar(group, extended_hash, Domain.SHUFFLE_PERMUTATION_CHALLENGE, digest, u32(i))
        for i in range(1, n + 1)
    ]


def _challenge(
    context: MixContext, digest: bytes, chain: Sequence[bytes], commitments: Sequence[bytes]
) -> int:
    """γ = Hq(HE; 0x41, D, ĉ_1..ĉ_N, t_1, t_2, t_3, t_{4,1..w} (α, β), t̂_1..t̂_N)."""
    return hash_to_scalar(
        context.group,
        context.extended_hash,
        Domain.SHUFFLE_CHALLENGE,
        digest,
        *chain,
        *commitments,
    )
