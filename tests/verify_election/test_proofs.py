"""The verifier's own proof checks (`verify_election.proofs`) on values made by hand from
docs/e2e.md: each holds for an honest transcript and fails for a forged one."""

from __future__ import annotations

import hashlib

from hypothesis import given, settings
from hypothesis import strategies as st

from sandogh.core.e2e.group import RISTRETTO255
from sandogh.core.e2e.hashing import Domain, hash_to_scalar, u32
from sandogh.verify_election.proofs import (
    Share,
    Statement,
    coefficient_proof_holds,
    lagrange,
    range_proof,
    range_proof_holds,
    share_key,
    share_proof_holds,
)

G = RISTRETTO255
HE = hashlib.sha256(b"an extended base hash").digest()
SECRET = 123456789
KEY = G.base_exp(SECRET)
nonces = st.integers(min_value=1, max_value=G.q - 1)


def _statement(value: int, nonce: int, top: int) -> Statement:
    alpha = G.base_exp(nonce)
    beta = G.op(G.base_exp(value), G.exp(KEY, nonce))
    return Statement(KEY, "president", "21", top, alpha, beta)


@settings(max_examples=10, deadline=None)
@given(st.integers(0, 3), nonces, st.binary(min_size=32, max_size=32))
def test_a_range_proof_made_from_the_spec_verifies(value: int, nonce: int, seed: bytes) -> None:
    statement = _statement(value, nonce, 3)
    challenges, responses = range_proof(
        G, HE, statement, value=value, encryption_nonce=nonce, ballot_nonce=seed
    )
    assert range_proof_holds(G, HE, statement, challenges, responses)


@settings(max_examples=10, deadline=None)
@given(nonces, st.binary(min_size=32, max_size=32), st.integers(0, 1))
def test_a_range_proof_for_a_value_out_of_range_fails(
    nonce: int, seed: bytes, pretend: int
) -> None:
    """A prover of 2 who runs the 0..1 proof as if it were `pretend` makes no valid proof."""
    statement = _statement(2, nonce, 1)
    challenges, responses = range_proof(
        G, HE, statement, value=pretend, encryption_nonce=nonce, ballot_nonce=seed
    )
    assert not range_proof_holds(G, HE, statement, challenges, responses)


@settings(max_examples=10, deadline=None)
@given(nonces, st.integers(0, 1), st.integers(1, G.q - 1))
def test_a_changed_challenge_or_label_fails(nonce: int, which: int, shift: int) -> None:
    statement = _statement(1, nonce, 1)
    challenges, responses = range_proof(
        G, HE, statement, value=1, encryption_nonce=nonce, ballot_nonce=bytes(32)
    )
    forged = list(challenges)
    forged[which] = (forged[which] + shift) % G.q
    assert not range_proof_holds(G, HE, statement, forged, responses)
    relabelled = Statement(KEY, "president", "25", 1, statement.alpha, statement.beta)
    assert not range_proof_holds(G, HE, relabelled, challenges, responses)
    assert not range_proof_holds(G, HE, statement, challenges[:1], responses[:1])


def test_a_coefficient_proof_by_hand_verifies_and_binds_its_index() -> None:
    base = hashlib.sha256(b"HB").digest()
    secret, u = 987654321, 55555
    commitment = G.base_exp(secret)
    c = hash_to_scalar(G, base, Domain.COEFFICIENT_PROOF, u32(2), u32(1), commitment, G.base_exp(u))
    v = (u - c * secret) % G.q

    def holds(j: int, v: int) -> bool:
        return coefficient_proof_holds(G, base, guardian=2, j=j, commitment=commitment, c=c, v=v)

    assert holds(1, v)
    assert not holds(0, v)
    assert not holds(1, (v + 1) % G.q)


def test_shares_by_hand_combine_with_lagrange_and_a_wrong_share_fails() -> None:
    # two guardians, quorum 2: P_1(x) = 3 + 5x, P_2(x) = 7 + 11x; s = 10
    commitments = [[G.base_exp(3), G.base_exp(5)], [G.base_exp(7), G.base_exp(11)]]
    z = {ell: (3 + 5 * ell) + (7 + 11 * ell) for ell in (1, 2)}
    assert all(share_key(G, commitments, ell) == G.base_exp(z[ell]) for ell in (1, 2))
    alpha = G.base_exp(42)
    beta = G.op(G.base_exp(4), G.exp(G.base_exp(10), 42))  # 4 under K = g^10
    shares = []
    for ell in (1, 2):
        u = 1000 + ell
        m = G.exp(alpha, z[ell])
        k_hat = share_key(G, commitments, ell)
        c = hash_to_scalar(
            G,
            HE,
            Domain.DECRYPTION_PROOF,
            u32(ell),
            k_hat,
            alpha,
            beta,
            m,
            G.base_exp(u),
            G.exp(alpha, u),
        )
        shares.append(Share(ell, m, c, (u - c * z[ell]) % G.q))
        assert share_proof_holds(G, HE, k_hat, (alpha, beta), shares[-1])
    weights = lagrange(G.q, [1, 2])
    combined = G.product(G.exp(s.share, weights[s.guardian]) for s in shares)
    assert G.div(beta, combined) == G.base_exp(4)
    wrong = Share(1, G.exp(alpha, z[1] + 1), shares[0].c, shares[0].v)
    assert not share_proof_holds(G, HE, share_key(G, commitments, 1), (alpha, beta), wrong)
