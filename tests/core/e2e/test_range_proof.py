"""The range proof of `docs/e2e.md` §6: completeness, and soundness against forged transcripts."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sandogh.core.e2e import elgamal
from sandogh.core.e2e.group import RISTRETTO255
from sandogh.core.e2e.range_proof import (
    RangeProof,
    RangeProofError,
    derived_randomness,
    prove_range,
    verify_range,
)

G = RISTRETTO255
KEY = G.base_exp(0x5EC12E7)
HE = hashlib.sha256(b"an election").digest()
BALLOT_NONCE = bytes(range(32))
scalars = st.integers(min_value=0, max_value=G.q - 1)
nonce_bytes = st.binary(min_size=32, max_size=32)


def _prove(
    value: int, nonce: int, bound: int, *, encrypted: int | None = None, option: str = "21"
) -> tuple[elgamal.Ciphertext, RangeProof]:
    """A proof labelled (president, `option`) that claims `value`; the ciphertext encrypts
    `encrypted` (by default `value` itself)."""
    ciphertext = elgamal.encrypt(G, KEY, value if encrypted is None else encrypted, nonce)
    randomness = derived_randomness(G, HE, BALLOT_NONCE, "president", option)
    proof = prove_range(
        G,
        KEY,
        HE,
        ciphertext,
        value=value,
        nonce=nonce,
        bound=bound,
        contest="president",
        option=option,
        randomness=randomness,
    )
    return ciphertext, proof


def _verify(ciphertext: elgamal.Ciphertext, proof: RangeProof, bound: int) -> bool:
    return verify_range(
        G, KEY, HE, ciphertext, proof, bound=bound, contest="president", option="21"
    )


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 3).flatmap(lambda r: st.tuples(st.just(r), st.integers(0, r))), scalars)
def test_an_honest_proof_verifies(bound_and_value: tuple[int, int], nonce: int) -> None:
    bound, value = bound_and_value
    ciphertext, proof = _prove(value, nonce, bound)
    assert len(proof.c) == len(proof.v) == bound + 1
    assert _verify(ciphertext, proof, bound)


@settings(max_examples=10, deadline=None)
@given(st.integers(0, 1), scalars, nonce_bytes)
def test_a_zero_one_proof_with_any_ballot_nonce_verifies(
    value: int, nonce: int, ballot_nonce: bytes
) -> None:
    ciphertext = elgamal.encrypt(G, KEY, value, nonce)
    randomness = derived_randomness(G, HE, ballot_nonce, "president", "21")
    proof = prove_range(
        G,
        KEY,
        HE,
        ciphertext,
        value=value,
        nonce=nonce,
        bound=1,
        contest="president",
        option="21",
        randomness=randomness,
    )
    assert _verify(ciphertext, proof, 1)


def test_the_exact_zero_case_of_a_one_seat_contest() -> None:
    ciphertext, proof = _prove(0, 12345, 0)
    assert _verify(ciphertext, proof, 0)
    one = elgamal.encrypt(G, KEY, 1, 12345)
    assert not _verify(one, proof, 0)


@settings(max_examples=8, deadline=None)
@given(st.sampled_from([(2, 0), (2, 1), (3, 1), (7, 0)]), scalars)
def test_a_value_out_of_range_cannot_be_proved_in_range(
    encrypted_and_claimed: tuple[int, int], nonce: int
) -> None:
    """The honest prover run on a lie: the ciphertext encrypts 2 (or 3, 7), the prover claims a
    value in 0..1 with the true nonce."""
    encrypted, claimed = encrypted_and_claimed
    ciphertext, proof = _prove(claimed, nonce, 1, encrypted=encrypted)
    assert not _verify(ciphertext, proof, 1)


def test_a_value_outside_the_range_is_refused_by_the_prover() -> None:
    with pytest.raises(RangeProofError):
        _prove(2, 1, 1)
    with pytest.raises(RangeProofError):
        _prove(0, 1, -1)


@settings(max_examples=8, deadline=None)
@given(st.integers(0, 1), scalars, scalars)
def test_a_proof_moved_to_another_ciphertext_fails(value: int, nonce: int, other: int) -> None:
    ciphertext, proof = _prove(value, nonce, 1)
    moved = elgamal.encrypt(G, KEY, value, other)
    if moved != ciphertext:
        assert not _verify(moved, proof, 1)


def test_a_proof_moved_to_another_label_election_key_or_range_fails() -> None:
    ciphertext, proof = _prove(1, 99, 1)
    assert not verify_range(
        G, KEY, HE, ciphertext, proof, bound=1, contest="president", option="22"
    )
    assert not verify_range(
        G, KEY, HE, ciphertext, proof, bound=1, contest="parliament", option="21"
    )
    assert not verify_range(
        G, KEY, bytes(32), ciphertext, proof, bound=1, contest="president", option="21"
    )
    assert not verify_range(
        G, G.generator, HE, ciphertext, proof, bound=1, contest="president", option="21"
    )
    assert not _verify(ciphertext, proof, 2)
    assert not _verify(ciphertext, replace(proof, c=(*proof.c, 0), v=(*proof.v, 0)), 2)


@settings(max_examples=10, deadline=None)
@given(
    st.integers(0, 1),
    st.sampled_from(["c", "v"]),
    st.integers(0, 1),
    st.integers(1, G.q - 1),
)
def test_a_tampered_challenge_or_response_fails(
    value: int, part: str, index: int, delta: int
) -> None:
    ciphertext, proof = _prove(value, 4242, 1)
    numbers = list(getattr(proof, part))
    numbers[index] = (numbers[index] + delta) % G.q
    assert not _verify(ciphertext, replace(proof, **{part: tuple(numbers)}), 1)


def test_a_scalar_written_above_q_is_refused() -> None:
    ciphertext, proof = _prove(1, 7, 1)
    assert not _verify(ciphertext, replace(proof, v=(proof.v[0] + G.q, proof.v[1])), 1)
    assert not _verify(ciphertext, replace(proof, c=(proof.c[0], proof.c[1] - G.q)), 1)


def test_a_ciphertext_off_the_group_is_refused() -> None:
    ciphertext, proof = _prove(1, 7, 1)
    assert not _verify(replace(ciphertext, beta=b"\xff" * 32), proof, 1)


def _simulate(
    ciphertext: elgamal.Ciphertext, challenges: list[int], responses: list[int]
) -> tuple[list[bytes], int]:
    """Every branch simulated: the commitments and the Fiat–Shamir challenge over them, computed
    here from §6's formulas with hmac itself."""
    commitments: list[bytes] = []
    for j, (c, v) in enumerate(zip(challenges, responses, strict=True)):
        shifted = G.div(ciphertext.beta, G.base_exp(j))
        commitments.append(G.op(G.base_exp(v), G.exp(ciphertext.alpha, c)))
        commitments.append(G.op(G.exp(KEY, v), G.exp(shifted, c)))
    parts = [b"president", b"21", (len(challenges) - 1).to_bytes(4, "big")]
    parts += [ciphertext.alpha, ciphertext.beta, *commitments]
    message = b"".join(len(p).to_bytes(4, "big") + p for p in parts)
    wide = b"".join(hmac.digest(HE, bytes([0x21, i]) + message, hashlib.sha256) for i in (0, 1))
    return commitments, int.from_bytes(wide, "big") % G.q


@settings(max_examples=6, deadline=None)
@given(st.lists(scalars, min_size=4, max_size=4), scalars)
def test_a_transcript_simulated_in_every_branch_fails(numbers: list[int], nonce: int) -> None:
    ciphertext = elgamal.encrypt(G, KEY, 2, nonce)
    challenges, responses = numbers[:2], numbers[2:]
    _, challenge = _simulate(ciphertext, challenges, responses)
    # as drawn, the challenges do not sum to the hash; forced to, they change the hash
    assert not _verify(ciphertext, RangeProof(tuple(challenges), tuple(responses)), 1)
    challenges[1] = (challenge - challenges[0]) % G.q
    assert not _verify(ciphertext, RangeProof(tuple(challenges), tuple(responses)), 1)


def test_an_honest_proof_matches_the_formulas_of_the_spec() -> None:
    """The challenge recomputed independently from §6 is the sum of the proof's challenges, and
    the derived randomness is §6's Hq(HE; 0x26, …)."""
    ciphertext, proof = _prove(1, 31337, 1)
    _, challenge = _simulate(ciphertext, list(proof.c), list(proof.v))
    assert sum(proof.c) % G.q == challenge
    parts = [BALLOT_NONCE, b"president", b"21", (0).to_bytes(4, "big"), (1).to_bytes(4, "big")]
    message = b"".join(len(p).to_bytes(4, "big") + p for p in parts)
    wide = b"".join(hmac.digest(HE, bytes([0x26, i]) + message, hashlib.sha256) for i in (0, 1))
    # j = 0 is the simulated branch of a proof of 1: v_0 is drawn with t = 1
    assert proof.v[0] == int.from_bytes(wide, "big") % G.q
