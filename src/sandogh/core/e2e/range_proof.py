"""The disjunctive Chaum–Pedersen range proof (`docs/e2e.md` §6): (α, β) encrypts one of 0..R.

Cramer, Damgård, Schoenmakers, "Proofs of partial knowledge and simplified design of witness
hiding protocols" (CRYPTO 1994), as ElectionGuard 2.1 §3.3.5 uses it: one Chaum–Pedersen proof
per value j in 0..R that log_g α = log_K (β / g^j), all simulated but the true one, and the
challenges summing to one Fiat–Shamir hash keyed with the box's H_D (the election, the station
and the box's key), over the labels, R, the ciphertext and every commitment. A selection is
proved in 0..1; a contest's shifted product in 0..L−1.

The prover's randomness is an argument (`Randomness`): the box derives it from the ballot nonce
(`derived_randomness`, §6), so that a challenged ballot encrypts again to the same bytes (§7).
β / g^j is computed by dividing by g once per step rather than by raising g to j, so that
verifying a 0..1 proof costs one division beyond its 2 fixed-base and 6 variable-base
exponentiations.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sandogh.core.e2e.elgamal import Ciphertext
from sandogh.core.e2e.group import Group
from sandogh.core.e2e.hashing import Domain, hash_to_scalar, text, u32
from sandogh.core.errors import SandoghError

#: (j, t) → a scalar: u for the true branch j (t = 0), else c_j (t = 0) and v_j (t = 1)
Randomness = Callable[[int, int], int]


class RangeProofError(SandoghError):
    """A proof asked for a value outside 0..R, or for a negative R."""


@dataclass(frozen=True, slots=True)
class RangeProof:
    """The challenges c_0..c_R and responses v_0..v_R, scalars in [0, q)."""

    c: tuple[int, ...]
    v: tuple[int, ...]


def derived_randomness(
    group: Group, box: bytes, ballot_nonce: bytes, contest: str, option: str
) -> Randomness:
    """§6's derived prover randomness: Hq(H_D; 0x26, ξ_B, text(c), text(o), u32(j), u32(t))."""

    def draw(j: int, t: int) -> int:
        return hash_to_scalar(
            group,
            box,
            Domain.PROOF_NONCE,
            ballot_nonce,
            text(contest),
            text(option),
            u32(j),
            u32(t),
        )

    return draw


def prove_range(
    group: Group,
    key: bytes,
    box: bytes,
    ciphertext: Ciphertext,
    *,
    value: int,
    nonce: int,
    bound: int,
    contest: str,
    option: str,
    randomness: Randomness,
) -> RangeProof:
    """The proof that `ciphertext` = Enc_key(`value`; `nonce`) encrypts one of 0..`bound` (R),
    labelled (`contest`, `option`). The caller vouches that it does: a lie makes a proof that
    does not verify."""
    if bound < 0 or not 0 <= value <= bound:
        raise RangeProofError(f"cannot prove {value} is in 0..{bound}")
    statement = _Statement(group, key, box, ciphertext, bound, contest, option)
    q = group.q
    challenges = [0] * (bound + 1)
    responses = [0] * (bound + 1)
    commitments: list[bytes] = []
    u = 0
    for j in range(bound + 1):
        if j == value:
            u = randomness(j, 0) % q
            commitments += (group.base_exp(u), group.exp(key, u))
            continue
        c, v = randomness(j, 0) % q, randomness(j, 1) % q
        challenges[j], responses[j] = c, v
        # the prover knows ξ, so the simulated branch's (g^v α^c, K^v (β/g^j)^c) is
        # (g^w, K^w g^((value−j)c)) with w = v + ξc: the same bytes for three exponentiations
        # instead of four and no division (bench/e2e.py: a Kerman ballot 1.3× faster)
        w = (v + nonce * c) % q
        commitments += (
            group.base_exp(w),
            group.op(group.exp(key, w), group.base_exp((value - j) * c)),
        )
    challenges[value] = (statement.challenge(commitments) - sum(challenges)) % q
    responses[value] = (u - challenges[value] * nonce) % q
    return RangeProof(tuple(challenges), tuple(responses))


def verify_range(
    group: Group,
    key: bytes,
    box: bytes,
    ciphertext: Ciphertext,
    proof: RangeProof,
    *,
    bound: int,
    contest: str,
    option: str,
) -> bool:
    """Whether `proof` shows that `ciphertext` encrypts one of 0..`bound` under `key` (an element
    already checked), labelled (`contest`, `option`), made by the box whose H_D is `box`."""
    q = group.q
    if bound < 0 or len(proof.c) != bound + 1 or len(proof.v) != bound + 1:
        return False
    # a scalar outside [0, q) would verify as its residue: refused, so that a proof has one form
    if not all(0 <= s < q for s in proof.c) or not all(0 <= s < q for s in proof.v):
        return False
    if not (group.is_element(ciphertext.alpha) and group.is_element(ciphertext.beta)):
        return False
    statement = _Statement(group, key, box, ciphertext, bound, contest, option)
    commitments: list[bytes] = []
    shifted = ciphertext.beta
    for j in range(bound + 1):
        if j:
            shifted = group.div(shifted, group.generator)
        commitments += statement.commit(shifted, proof.c[j], proof.v[j])
    return sum(proof.c) % q == statement.challenge(commitments)


@dataclass(frozen=True, slots=True)
class _Statement:
    """What a proof is about: the ciphertext under the key, its range and its labels."""

    group: Group
    key: bytes
    box: bytes
    ciphertext: Ciphertext
    bound: int
    contest: str
    option: str

    def commit(self, shifted: bytes, c: int, v: int) -> tuple[bytes, bytes]:
        """(a_j, b_j) = (g^v · α^c, K^v · (β/g^j)^c), `shifted` being β/g^j."""
        group = self.group
        return (
            group.op(group.base_exp(v), group.exp(self.ciphertext.alpha, c)),
            group.op(group.exp(self.key, v), group.exp(shifted, c)),
        )

    def challenge(self, commitments: list[bytes]) -> int:
        """Hq(H_D; 0x21, text(c), text(o), u32(R), el(α), el(β), el(a_0), el(b_0), …)."""
        return hash_to_scalar(
            self.group,
            self.box,
            Domain.RANGE_PROOF,
            text(self.contest),
            text(self.option),
            u32(self.bound),
            self.ciphertext.alpha,
            self.ciphertext.beta,
            *commitments,
        )
