"""The guardians' key ceremony (`docs/e2e.md` §5; ElectionGuard 2.1 §3.2).

Feldman's verifiable secret sharing ("A practical scheme for non-interactive verifiable secret
sharing", FOCS 1987) run by every guardian at once, as Pedersen's distributed key generation
("A threshold cryptosystem without a trusted party", EUROCRYPT 1991) does: guardian i's secret
polynomial P_i of degree k − 1, its commitments K_{i,j} = g^{a_{i,j}} with Schnorr proofs, its
share P_i(ℓ) for each guardian ℓ, checked against the commitments. The joint key is the product
of the constant commitments; each guardian's share of the joint secret is the sum of the shares
it received, and its public share key is computed by anyone from the commitments. The
polynomial's coefficients and every proof nonce are arguments: the adapter draws them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sandogh.core.definition.problems import Problem
from sandogh.core.e2e.group import Group
from sandogh.core.e2e.schnorr import SchnorrProof, prove_knowledge, verify_knowledge


@dataclass(frozen=True, slots=True)
class ProvenKey:
    """A public key g^a with the Schnorr proof that its guardian knows a."""

    key: bytes
    proof: SchnorrProof


@dataclass(frozen=True)
class GuardianSecret:
    """What guardian `guardian` draws and keeps to itself: its polynomial's coefficients
    a_{i,0}..a_{i,k−1} and its ceremony (communication) key κ_i."""

    guardian: int
    coefficients: tuple[int, ...]
    ceremony_secret: int

    def share_for(self, group: Group, recipient: int) -> int:
        """P_i(ℓ), the share for guardian `recipient` (Horner's rule, mod q)."""
        return evaluate(group, self.coefficients, recipient)


@dataclass(frozen=True)
class GuardianPublic:
    """What guardian `guardian` publishes: its commitments K_{i,0}..K_{i,k−1} and its ceremony
    key Κ_i, each with its proof."""

    guardian: int
    commitments: tuple[ProvenKey, ...]
    ceremony_key: ProvenKey

    @property
    def keys(self) -> tuple[bytes, ...]:
        return tuple(each.key for each in self.commitments)


def evaluate(group: Group, coefficients: Sequence[int], x: int) -> int:
    """Σ_j a_j x^j mod q."""
    value = 0
    for coefficient in reversed(coefficients):
        value = (value * x + coefficient) % group.q
    return value


def publish(
    group: Group, base: bytes, secret: GuardianSecret, nonces: Sequence[int]
) -> GuardianPublic:
    """The commitments and ceremony key of `secret`, proven with `nonces` (k + 1 of them: one
    per coefficient, then the ceremony key's)."""
    quorum = len(secret.coefficients)
    if len(nonces) != quorum + 1:
        raise ValueError(f"{quorum + 1} proof nonces are needed, not {len(nonces)}")
    secrets = (*secret.coefficients, secret.ceremony_secret)
    proven = tuple(
        ProvenKey(
            group.base_exp(a),
            prove_knowledge(group, base, secret.guardian, j, secret=a, nonce=nonces[j]),
        )
        for j, a in enumerate(secrets)
    )
    return GuardianPublic(secret.guardian, proven[:quorum], proven[quorum])


def public_problems(
    group: Group, base: bytes, quorum: int, public: GuardianPublic, path: str = ""
) -> list[Problem]:
    """Every commitment or ceremony key of `public` that is not an element or whose proof fails,
    and a count of commitments other than the quorum."""
    problems = []
    if len(public.commitments) != quorum:
        problems.append(
            Problem(
                f"{path}commitments", f"{len(public.commitments)} given, not the quorum {quorum}"
            )
        )
    proven = [(f"commitments[{j}]", j, each) for j, each in enumerate(public.commitments)]
    proven.append(("ceremony_key", quorum, public.ceremony_key))
    for where, index, each in proven:
        if not group.is_element(each.key):
            problems.append(Problem(f"{path}{where}.key", "not an element of the group"))
        elif not verify_knowledge(
            group, base, public.guardian, index, key=each.key, proof=each.proof
        ):
            problems.append(
                Problem(f"{path}{where}.proof", f"guardian {public.guardian}'s proof fails")
            )
    return problems


def share_key(group: Group, commitments: Sequence[bytes], recipient: int) -> bytes:
    """Π_j K_{i,j}^{ℓ^j} = g^{P_i(ℓ)}: the log guardian i's share for `recipient` must have."""
    return group.product(
        group.exp(key, pow(recipient, j, group.q)) for j, key in enumerate(commitments)
    )


def share_checks(group: Group, commitments: Sequence[bytes], recipient: int, share: int) -> bool:
    """Feldman's check: g^{P_i(ℓ)} = Π_j K_{i,j}^{ℓ^j}."""
    return group.base_exp(share) == share_key(group, commitments, recipient)


def joint_key(group: Group, publics: Iterable[GuardianPublic]) -> bytes:
    """K = Π_i K_{i,0}."""
    return group.product(public.commitments[0].key for public in publics)


def public_share_key(group: Group, publics: Iterable[GuardianPublic], guardian: int) -> bytes:
    """K̂_ℓ = Π_i Π_j K_{i,j}^{ℓ^j} = g^{z_ℓ}."""
    return group.product(share_key(group, public.keys, guardian) for public in publics)


def secret_share(group: Group, shares: Iterable[int]) -> int:
    """z_ℓ = Σ_i P_i(ℓ) mod q: guardian ℓ's share of the joint secret, from every share it
    received and its own."""
    return sum(shares) % group.q
