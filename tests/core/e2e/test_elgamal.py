"""Exponential ElGamal's homomorphism (`docs/e2e.md` §3)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sandogh.core.e2e import elgamal
from sandogh.core.e2e.group import RISTRETTO255

G = RISTRETTO255
SECRET = 0x1234567890ABCDEF
KEY = G.base_exp(SECRET)
nonces = st.integers(min_value=0, max_value=G.q - 1)


def _plain(ciphertext: elgamal.Ciphertext) -> bytes:
    return G.div(ciphertext.beta, G.exp(ciphertext.alpha, SECRET))


@given(st.lists(st.tuples(st.integers(0, 5), nonces), max_size=6))
def test_the_product_encrypts_the_sum(votes: list[tuple[int, int]]) -> None:
    total = elgamal.accumulate(G, (elgamal.encrypt(G, KEY, v, n) for v, n in votes))
    assert _plain(total) == G.base_exp(sum(v for v, _ in votes))


@given(st.integers(0, 3), nonces, st.integers(-3, 3), st.integers(0, 4))
def test_shift_and_scale_change_the_value(value: int, nonce: int, by: int, factor: int) -> None:
    ciphertext = elgamal.encrypt(G, KEY, value, nonce)
    assert _plain(elgamal.shift(G, ciphertext, by)) == G.base_exp(value + by)
    assert _plain(elgamal.scale(G, ciphertext, factor)) == G.base_exp(value * factor)
    assert _plain(elgamal.add(G, ciphertext, ciphertext)) == G.base_exp(2 * value)
