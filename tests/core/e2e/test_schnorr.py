"""The guardians' Schnorr proofs (`docs/e2e.md` §5, step 1): complete, and sound against forged
transcripts."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sandogh.core.e2e.group import RISTRETTO255
from sandogh.core.e2e.schnorr import SchnorrProof, prove_knowledge, verify_knowledge

G = RISTRETTO255
BASE = bytes(range(32))
scalars = st.integers(min_value=0, max_value=G.q - 1)


@settings(max_examples=25)
@given(scalars, scalars, st.integers(1, 9), st.integers(0, 9))
def test_a_proof_verifies(secret: int, nonce: int, guardian: int, index: int) -> None:
    proof = prove_knowledge(G, BASE, guardian, index, secret=secret, nonce=nonce)
    key = G.base_exp(secret)
    assert verify_knowledge(G, BASE, guardian, index, key=key, proof=proof)


@settings(max_examples=25)
@given(scalars, scalars, scalars, scalars)
def test_a_forged_transcript_fails(secret: int, nonce: int, c: int, v: int) -> None:
    """Any (c, v) not made with the secret fails; so does a true proof moved to another guardian,
    index, key or election."""
    key = G.base_exp(secret)
    proof = prove_knowledge(G, BASE, 1, 0, secret=secret, nonce=nonce)
    if (c, v) != (proof.challenge, proof.response):
        assert not verify_knowledge(G, BASE, 1, 0, key=key, proof=SchnorrProof(c, v))
    assert not verify_knowledge(G, BASE, 2, 0, key=key, proof=proof)
    assert not verify_knowledge(G, BASE, 1, 1, key=key, proof=proof)
    assert not verify_knowledge(G, bytes(32), 1, 0, key=key, proof=proof)
    other = G.op(key, G.generator)
    assert not verify_knowledge(G, BASE, 1, 0, key=other, proof=proof)


def test_out_of_range_scalars_fail() -> None:
    proof = prove_knowledge(G, BASE, 1, 0, secret=5, nonce=7)
    shifted = SchnorrProof(proof.challenge, proof.response + G.q)
    assert not verify_knowledge(G, BASE, 1, 0, key=G.base_exp(5), proof=shifted)
