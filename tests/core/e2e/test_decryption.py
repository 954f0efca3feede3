"""Partial decryption and combination (`docs/e2e.md` §8): any 2 of 3 guardians decrypt; a wrong
partial decryption's proof fails."""

from __future__ import annotations

import dataclasses
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sandogh.core.e2e.ceremony import evaluate, public_share_key
from sandogh.core.e2e.decryption import (
    ChaumPedersenProof,
    CombinationError,
    combine,
    partial_decrypt,
    verify_partial,
)
from sandogh.core.e2e.dlog import discrete_log
from sandogh.core.e2e.elgamal import encrypt
from tests.core.e2e.ceremony_build import G, run

CEREMONY = run()
PUBLICS = list(CEREMONY.publics.values())
EXTENDED = bytes(range(1, 33))
SECRET = sum(s.coefficients[0] for s in CEREMONY.secrets.values()) % G.q
KEY = G.base_exp(SECRET)
Z = {
    ell: sum(evaluate(G, s.coefficients, ell) for s in CEREMONY.secrets.values()) % G.q
    for ell in CEREMONY.secrets
}
SHARE_KEYS = {ell: public_share_key(G, PUBLICS, ell) for ell in CEREMONY.secrets}
scalars = st.integers(min_value=0, max_value=G.q - 1)


@pytest.mark.parametrize("quorum", [*itertools.combinations([1, 2, 3], 2), (1, 2, 3)])
def test_any_two_of_three_decrypt(quorum: tuple[int, ...]) -> None:
    ciphertext = encrypt(G, KEY, 4321, 99)
    partials = [
        partial_decrypt(G, EXTENDED, ell, Z[ell], ciphertext, nonce=7 + ell) for ell in quorum
    ]
    assert all(verify_partial(G, EXTENDED, SHARE_KEYS[p.guardian], ciphertext, p) for p in partials)
    assert discrete_log(G, combine(G, ciphertext, partials, 2)) == 4321


def test_one_guardian_or_one_twice_is_too_few() -> None:
    ciphertext = encrypt(G, KEY, 1, 5)
    one = partial_decrypt(G, EXTENDED, 1, Z[1], ciphertext, nonce=3)
    with pytest.raises(CombinationError):
        combine(G, ciphertext, [one], 2)
    with pytest.raises(CombinationError):
        combine(G, ciphertext, [one, one], 2)


@settings(max_examples=15)
@given(st.integers(0, 1000), scalars, scalars)
def test_a_partial_decryption_verifies(value: int, nonce: int, proof_nonce: int) -> None:
    ciphertext = encrypt(G, KEY, value, nonce)
    partial = partial_decrypt(G, EXTENDED, 2, Z[2], ciphertext, nonce=proof_nonce)
    assert verify_partial(G, EXTENDED, SHARE_KEYS[2], ciphertext, partial)


@settings(max_examples=15)
@given(scalars, scalars, scalars, scalars)
def test_a_wrong_partial_decryption_fails(nonce: int, proof_nonce: int, c: int, v: int) -> None:
    """A wrong M_ℓ with its own proof, a forged (c, v), or a true one moved to another
    ciphertext, guardian or election: each fails."""
    ciphertext = encrypt(G, KEY, 3, nonce)
    partial = partial_decrypt(G, EXTENDED, 2, Z[2], ciphertext, nonce=proof_nonce)
    wrong = partial_decrypt(G, EXTENDED, 2, Z[2] + 1, ciphertext, nonce=proof_nonce)
    assert not verify_partial(G, EXTENDED, SHARE_KEYS[2], ciphertext, wrong)
    moved = dataclasses.replace(partial, share=G.op(partial.share, G.generator))
    assert not verify_partial(G, EXTENDED, SHARE_KEYS[2], ciphertext, moved)
    if (c, v) != (partial.proof.challenge, partial.proof.response):
        forged = dataclasses.replace(partial, proof=ChaumPedersenProof(c, v))
        assert not verify_partial(G, EXTENDED, SHARE_KEYS[2], ciphertext, forged)
    other = encrypt(G, KEY, 3, nonce + 1)
    assert not verify_partial(G, EXTENDED, SHARE_KEYS[2], other, partial)
    assert not verify_partial(G, EXTENDED, SHARE_KEYS[3], ciphertext, partial)
    assert not verify_partial(G, bytes(32), SHARE_KEYS[2], ciphertext, partial)


def test_a_wrong_partial_decryption_gives_a_wrong_total() -> None:
    """Why the proofs are checked before combining: a wrong share changes the value."""
    ciphertext = encrypt(G, KEY, 10, 11)
    good = partial_decrypt(G, EXTENDED, 1, Z[1], ciphertext, nonce=1)
    bad = partial_decrypt(G, EXTENDED, 2, Z[2] + 1, ciphertext, nonce=2)
    assert combine(G, ciphertext, [good, bad], 2) != G.base_exp(10)
