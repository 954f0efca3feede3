"""The verifier's own shuffle verification (`verify_election/mixnet.py`, written from
docs/e2e.md §11.4) against proofs made by the prover's `core.e2e.shuffle`: it accepts every
honest one, and refuses a changed output row, a changed response, another label or another key."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from sandogh.core.e2e.elgamal import encrypt
from sandogh.core.e2e.group import RISTRETTO255 as G
from sandogh.core.e2e.shuffle import MixContext, prove_shuffle, shuffle
from sandogh.verify_election.mixnet import Proof, shuffle_fails

HE = bytes(range(32))
KEY = G.base_exp(987654321)
LABEL = "majlis/M1/1"


Rows = list[list[tuple[bytes, bytes]]]


def _made(values: list[list[int]], order: list[int]) -> tuple[Rows, Rows, Proof]:
    rows = [
        tuple(encrypt(G, KEY, x, 1000 * n + k + 1) for k, x in enumerate(row))
        for n, row in enumerate(values)
    ]
    nonces = [[7 * n + k + 3 for k in range(len(values[0]))] for n in range(len(values))]
    out = shuffle(G, KEY, rows, permutation=order, nonces=nonces)
    p = prove_shuffle(
        MixContext(G, KEY, HE, LABEL), rows, out, permutation=order, nonces=nonces, seed=bytes(32)
    )
    proof = Proof(
        list(p.commitments), list(p.chain), p.challenge, p.s1, p.s2, p.s3,
        list(p.s4), list(p.s_hat), list(p.s_prime),
    )  # fmt: skip
    pairs = [[(c.alpha, c.beta) for c in row] for row in rows]
    outs = [[(c.alpha, c.beta) for c in row] for row in out]
    return pairs, outs, proof


@settings(max_examples=5, deadline=None)
@given(
    st.integers(1, 5).flatmap(
        lambda n: st.tuples(
            st.lists(st.lists(st.integers(0, 300), min_size=2, max_size=2), min_size=n, max_size=n),
            st.permutations(list(range(n))),
        )
    )
)
def test_an_honest_shuffle_verifies(case: tuple[list[list[int]], list[int]]) -> None:
    values, order = case
    rows, out, proof = _made(values, order)
    assert shuffle_fails(HE, KEY, LABEL, rows, out, proof=proof) is None


def test_a_forged_transcript_is_refused() -> None:
    rows, out, proof = _made([[1, 5], [2, 3], [4, 7]], [2, 0, 1])
    swapped = [list(r) for r in out]
    swapped[0][1], swapped[1][1] = swapped[1][1], swapped[0][1]
    assert shuffle_fails(HE, KEY, LABEL, rows, swapped, proof=proof) is not None
    tweaked = dataclasses.replace(proof, s1=(proof.s1 + 1) % G.q)
    assert shuffle_fails(HE, KEY, LABEL, rows, out, proof=tweaked) is not None
    assert shuffle_fails(HE, KEY, "majlis/M1/2", rows, out, proof=proof) is not None
    assert shuffle_fails(HE, G.base_exp(5), LABEL, rows, out, proof=proof) is not None
    assert "2 rows out of 3" in str(shuffle_fails(HE, KEY, LABEL, rows, out[:2], proof=proof))
