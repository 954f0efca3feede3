"""The re-encryption shuffle of rows and its proof (`docs/e2e.md` §11.4): completeness, and
soundness against a shuffle that drops, duplicates or alters a row and against a proof moved to
other inputs or tampered with."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sandogh.core.e2e import shuffle as mix
from sandogh.core.e2e.elgamal import Ciphertext, encrypt
from sandogh.core.e2e.group import RISTRETTO255

G = RISTRETTO255
SECRET = 0x5EC2E7
KEY = G.base_exp(SECRET)
HE = bytes(range(32))
LABEL = "majlis/tehran/1"
CONTEXT = mix.MixContext(G, KEY, HE, LABEL)
KNOWN_CHALLENGE = "0b2f4752e17c4e46faf0f9aecbdd845368eff04ea96d99a13f19f0da60b8abc6"


def _rows(n: int, width: int, salt: int = 0) -> tuple[mix.Row, ...]:
    return tuple(
        tuple(encrypt(G, KEY, 1 + i * width + k, 7919 * (i + 1) + k + salt) for k in range(width))
        for i in range(n)
    )


def _nonces(n: int, width: int) -> list[list[int]]:
    return [[104729 * (j + 1) + 31 * k for k in range(width)] for j in range(n)]


def _plain(ciphertext: Ciphertext) -> bytes:
    return G.div(ciphertext.beta, G.exp(ciphertext.alpha, SECRET))


def _mixed(
    n: int = 5, width: int = 3
) -> tuple[tuple[mix.Row, ...], tuple[mix.Row, ...], list[int], list[list[int]], mix.ShuffleProof]:
    rows = _rows(n, width)
    permutation = [(3 * i + 2) % n for i in range(n)]
    nonces = _nonces(n, width)
    shuffled = mix.shuffle(G, KEY, rows, permutation=permutation, nonces=nonces)
    proof = mix.prove_shuffle(
        CONTEXT, rows, shuffled, permutation=permutation, nonces=nonces, seed=b"seed"
    )
    return rows, shuffled, permutation, nonces, proof


def _rejects(rows: object, shuffled: object, proof: mix.ShuffleProof, label: str = LABEL) -> None:
    with pytest.raises(mix.ShuffleProofError):
        mix.check_shuffle(dataclasses.replace(CONTEXT, label=label), rows, shuffled, proof)  # type: ignore[arg-type]


def test_generators_are_rfc_9496_from_hash_of_two_hmacs() -> None:
    # computed independently: from_hash(HMAC(HE, 0x40 ‖ u32 parts i, 0) ‖ HMAC(…, i, 1))
    # with HE = 32 zero bytes
    h = mix.generators(G, bytes(32), 2)
    assert h[0].hex() == "0082aedc6760d1c6bda3d1ec4038111ce24726b70d97035a452d8c8849b69604"
    assert h[1].hex() == "68039b85ff9083c88d7478db0a79ea52492a00bbc82a80d7447c82ba22268644"


@settings(max_examples=8, deadline=None)
@given(st.data(), st.integers(1, 6), st.integers(1, 3))
def test_an_honest_shuffle_verifies_and_keeps_each_row_whole(
    data: st.DataObject, n: int, width: int
) -> None:
    rows = _rows(n, width)
    permutation = data.draw(st.permutations(range(n)))
    nonces = data.draw(
        st.lists(
            st.lists(st.integers(0, G.q - 1), min_size=width, max_size=width),
            min_size=n,
            max_size=n,
        )
    )
    shuffled = mix.shuffle(G, KEY, rows, permutation=permutation, nonces=nonces)
    proof = mix.prove_shuffle(
        CONTEXT, rows, shuffled, permutation=permutation, nonces=nonces, seed=b"s"
    )
    mix.check_shuffle(CONTEXT, rows, shuffled, proof)
    for i, row in enumerate(rows):
        assert [_plain(c) for c in shuffled[permutation[i]]] == [_plain(c) for c in row]


def test_a_dropped_row_replaced_by_a_duplicate_fails() -> None:
    rows, shuffled, _, _, proof = _mixed()
    duplicated = (*shuffled[:-1], shuffled[0])
    _rejects(rows, duplicated, proof)


def test_a_duplicated_row_fails_even_with_a_proof_made_for_it() -> None:
    # the cheat proves a "permutation" that sends two inputs to one output: not a permutation
    rows, _, permutation, nonces, _ = _mixed()
    cheat = [permutation[0], *permutation[1:-1], permutation[0]]
    inverse = {j: i for i, j in enumerate(cheat)}
    missing = next(j for j in range(len(rows)) if j not in inverse)
    inverse[missing] = 0
    output = tuple(
        tuple(mix.reencrypt(G, KEY, c, nonces[j][k]) for k, c in enumerate(rows[inverse[j]]))
        for j in range(len(rows))
    )
    with pytest.raises(mix.ShuffleError):
        mix.prove_shuffle(CONTEXT, rows, output, permutation=cheat, nonces=nonces, seed=b"seed")
    honest_looking = mix.prove_shuffle(
        CONTEXT, rows, output, permutation=permutation, nonces=nonces, seed=b"seed"
    )
    _rejects(rows, output, honest_looking)


def test_a_dropped_row_fails() -> None:
    rows, shuffled, _, _, proof = _mixed()
    _rejects(rows, shuffled[:-1], proof)


def test_an_altered_ciphertext_fails() -> None:
    rows, shuffled, _, _, proof = _mixed()
    altered = Ciphertext(shuffled[2][1].alpha, G.op(shuffled[2][1].beta, G.generator))
    tampered = (*shuffled[:2], (shuffled[2][0], altered, shuffled[2][2]), *shuffled[3:])
    _rejects(rows, tampered, proof)


def test_a_row_with_its_ciphertexts_swapped_fails() -> None:
    rows, shuffled, _, _, proof = _mixed()
    swapped = (*shuffled[:1], (shuffled[1][1], shuffled[1][0], shuffled[1][2]), *shuffled[2:])
    _rejects(rows, swapped, proof)


def test_a_proof_for_other_inputs_fails() -> None:
    _, shuffled, _, _, proof = _mixed()
    _rejects(_rows(5, 3, salt=1), shuffled, proof)


def test_a_proof_under_another_label_or_election_fails() -> None:
    rows, shuffled, _, _, proof = _mixed()
    _rejects(rows, shuffled, proof, label="majlis/tehran/2")
    with pytest.raises(mix.ShuffleProofError):
        mix.check_shuffle(
            dataclasses.replace(CONTEXT, extended_hash=bytes(32)), rows, shuffled, proof
        )


@pytest.mark.parametrize(
    "field", ["commitments", "chain", "challenge", "s1", "s2", "s3", "s4", "s_hat", "s_prime"]
)
def test_each_part_of_the_proof_is_bound(field: str) -> None:
    rows, shuffled, _, _, proof = _mixed()
    value = getattr(proof, field)
    if isinstance(value, int):
        changed: Any = (value + 1) % G.q
    elif isinstance(value[0], int):
        changed = ((value[0] + 1) % G.q, *value[1:])
    else:
        changed = (G.op(value[0], G.generator), *value[1:])
    _rejects(rows, shuffled, dataclasses.replace(proof, **{field: changed}))


def test_a_proof_of_the_wrong_shape_or_with_bad_elements_fails() -> None:
    rows, shuffled, _, _, proof = _mixed()
    _rejects(rows, shuffled, dataclasses.replace(proof, s4=proof.s4[:-1]))
    _rejects(rows, shuffled, dataclasses.replace(proof, s1=G.q))
    _rejects(rows, shuffled, dataclasses.replace(proof, chain=(b"\xff" * 32, *proof.chain[1:])))
    _rejects((), (), proof)


def test_bad_arguments_are_refused() -> None:
    rows = _rows(3, 2)
    with pytest.raises(mix.ShuffleError):
        mix.shuffle(G, KEY, rows, permutation=[0, 0, 1], nonces=_nonces(3, 2))
    with pytest.raises(mix.ShuffleError):
        mix.shuffle(G, KEY, rows, permutation=[0, 1, 2], nonces=_nonces(3, 1))
    with pytest.raises(mix.ShuffleError):
        mix.shuffle(G, KEY, (*rows[:2], rows[2][:1]), permutation=[0, 1, 2], nonces=_nonces(3, 2))


@settings(max_examples=10, deadline=None)
@given(st.integers(0, 4), st.integers(0, 2), st.booleans())
def test_any_one_altered_output_ciphertext_fails(row: int, column: int, alpha: bool) -> None:
    rows, shuffled, _, _, proof = _mixed()
    old = shuffled[row][column]
    new = (
        Ciphertext(G.op(old.alpha, G.generator), old.beta)
        if alpha
        else Ciphertext(old.alpha, G.op(old.beta, G.generator))
    )
    changed = tuple(
        tuple(new if (j, k) == (row, column) else c for k, c in enumerate(r))
        for j, r in enumerate(shuffled)
    )
    _rejects(rows, changed, proof)


def test_the_proof_is_a_function_of_its_arguments() -> None:
    # a known answer for §11.4's hash inputs: any change to D, u, γ or the derived randomness
    # moves it
    _, _, _, _, proof = _mixed()
    assert G.scalar_bytes(proof.challenge).hex() == KNOWN_CHALLENGE
