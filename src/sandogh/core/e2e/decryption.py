"""The guardians' decryption of a tally (`docs/e2e.md` §8; ElectionGuard 2.1 §3.6).

Guardian ℓ's partial decryption M_ℓ = α^{z_ℓ} of (α, β) comes with a Chaum–Pedersen proof
(Chaum, Pedersen, "Wallet databases with observers", CRYPTO 1992) that log_α M_ℓ = log_g K̂_ℓ,
made non-interactive with the challenge Hq(HE; 0x30, …). Any set Q of at least k guardians
recovers α^s = Π M_ℓ^{w_ℓ} with Lagrange's coefficients at 0 (Shamir, "How to share a secret",
CACM 1979), so up to n − k guardians may be missing; g^t = β / α^s. The proof nonce is an
argument.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sandogh.core.e2e.elgamal import Ciphertext
from sandogh.core.e2e.group import Group
from sandogh.core.e2e.hashing import Domain, hash_to_scalar, u32
from sandogh.core.errors import SandoghError


class CombinationError(SandoghError):
    """Partial decryptions that cannot be combined: too few, or one guardian twice."""


@dataclass(frozen=True, slots=True)
class ChaumPedersenProof:
    """(c, v), two scalars."""

    challenge: int
    response: int


@dataclass(frozen=True, slots=True)
class PartialDecryption:
    """Guardian `guardian`'s M_ℓ = α^{z_ℓ} of one ciphertext, with its proof."""

    guardian: int
    share: bytes
    proof: ChaumPedersenProof


def _challenge(group: Group, extended: bytes, guardian: int, *elements: bytes) -> int:
    """Hq(HE; 0x30, u32(ℓ), el(K̂_ℓ), el(α), el(β), el(M_ℓ), el(a), el(b))."""
    return hash_to_scalar(group, extended, Domain.DECRYPTION_PROOF, u32(guardian), *elements)


def partial_decrypt(
    group: Group,
    extended: bytes,
    guardian: int,
    secret_share: int,
    ciphertext: Ciphertext,
    *,
    nonce: int,
) -> PartialDecryption:
    """Guardian `guardian`'s M_ℓ of `ciphertext` with z_ℓ = `secret_share`, proven with `nonce`."""
    share = group.exp(ciphertext.alpha, secret_share)
    challenge = _challenge(
        group,
        extended,
        guardian,
        group.base_exp(secret_share),
        ciphertext.alpha,
        ciphertext.beta,
        share,
        group.base_exp(nonce),
        group.exp(ciphertext.alpha, nonce),
    )
    proof = ChaumPedersenProof(challenge, (nonce - challenge * secret_share) % group.q)
    return PartialDecryption(guardian, share, proof)


def verify_partial(
    group: Group,
    extended: bytes,
    share_key: bytes,
    ciphertext: Ciphertext,
    partial: PartialDecryption,
) -> bool:
    """Whether `partial` is guardian ℓ's M_ℓ of `ciphertext` for its public share key K̂_ℓ =
    `share_key`: c = Hq(HE; 0x30, …, el(g^v K̂_ℓ^c), el(α^v M_ℓ^c))."""
    c, v = partial.proof.challenge, partial.proof.response
    if not (0 <= c < group.q and 0 <= v < group.q and group.is_element(partial.share)):
        return False
    a = group.op(group.base_exp(v), group.exp(share_key, c))
    b = group.op(group.exp(ciphertext.alpha, v), group.exp(partial.share, c))
    return (
        _challenge(
            group,
            extended,
            partial.guardian,
            share_key,
            ciphertext.alpha,
            ciphertext.beta,
            partial.share,
            a,
            b,
        )
        == c
    )


def lagrange(group: Group, guardian: int, present: Sequence[int]) -> int:
    """w_ℓ = Π_{j ∈ Q, j ≠ ℓ} j / (j − ℓ) mod q."""
    numerator, denominator = 1, 1
    for other in present:
        if other != guardian:
            numerator = numerator * other % group.q
            denominator = denominator * (other - guardian) % group.q
    return numerator * pow(denominator, -1, group.q) % group.q


def combine(
    group: Group, ciphertext: Ciphertext, partials: Sequence[PartialDecryption], quorum: int
) -> bytes:
    """g^t = β / Π M_ℓ^{w_ℓ} from the (already verified) `partials` of at least `quorum`
    distinct guardians."""
    present = [partial.guardian for partial in partials]
    if len(set(present)) != len(present):
        raise CombinationError(f"a guardian is given twice among {sorted(present)}")
    if len(present) < quorum:
        raise CombinationError(f"{len(present)} guardians decrypted, the quorum is {quorum}")
    masked = group.product(
        group.exp(partial.share, lagrange(group, partial.guardian, present)) for partial in partials
    )
    return group.div(ciphertext.beta, masked)
