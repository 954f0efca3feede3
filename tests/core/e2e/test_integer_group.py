"""ElectionGuard 2.1's integer group: its constants against the spec's own description of them
(EG §3.1.1), and the group law through the same interface as Ristretto255."""

from __future__ import annotations

from decimal import Decimal, getcontext, localcontext

import gmpy2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sandogh.core.e2e.group import NotAnElementError
from sandogh.core.e2e.hashing import parameter_hash
from sandogh.core.e2e.integer_group import ELECTIONGUARD_INTEGER, G, P, Q, R

GROUP = ELECTIONGUARD_INTEGER
scalars = st.integers(min_value=0, max_value=Q - 1)

#: EG §3.1.1: p's δ, the distance from ln 2's bits to the first p with the four properties
DELTA = 287975203778583638958138611533602521491887169409704874643524560756486080635197037903


def _ln2_bits(bits: int) -> int:
    """⌊2^bits · ln 2⌋, from a Decimal ln 2 with digits to spare."""
    with localcontext(getcontext()) as context:
        context.prec = bits * 30 // 100 + 40
        return int((Decimal(2) ** bits * Decimal(2).ln()).to_integral_value(rounding="ROUND_FLOOR"))


def test_q_is_the_largest_256_bit_prime() -> None:
    assert Q == 2**256 - 189
    assert gmpy2.is_prime(Q, 50)
    assert not any(gmpy2.is_prime(n, 25) for n in range(Q + 2, 2**256, 2))


def test_p_is_the_published_form_with_ln_2_between_two_runs_of_ones() -> None:
    published = 2**4096 - 2**3840 + 2**256 * (_ln2_bits(3584) + DELTA) + (2**256 - 1)
    assert published == P
    assert P.bit_length() == 4096
    assert P >> 3840 == 2**256 - 1
    assert P % 2**256 == 2**256 - 1
    assert P.to_bytes(512, "big")[32:36].hex() == "b17217f7"


def test_p_and_its_cofactor_are_as_the_spec_requires() -> None:
    assert (P - 1) % Q == 0
    assert R == (P - 1) // Q
    assert R.to_bytes(481, "big")[:5].hex() == "0100000000"
    assert R % 2**32 == 0xD4A7F52A
    assert gmpy2.is_prime(P, 25)
    assert gmpy2.is_prime((P - 1) // (2 * Q), 25)


def test_g_is_two_to_the_cofactor_and_has_order_q() -> None:
    assert pow(2, R, P) == G
    assert G >> 4064 == 0x36036FED
    assert G % 2**32 == 0xB9D8AE0F
    assert pow(G, Q, P) == 1
    assert G != 1


def test_the_group_speaks_in_512_big_endian_bytes() -> None:
    assert GROUP.generator == G.to_bytes(512, "big")
    assert GROUP.identity == (1).to_bytes(512, "big")
    assert GROUP.base_exp(0) == GROUP.identity
    assert GROUP.base_exp(Q) == GROUP.identity
    assert GROUP.base_exp(1) == GROUP.generator


def test_its_parameter_hash_is_not_ristretto255s() -> None:
    assert parameter_hash(GROUP) != bytes.fromhex(
        "78e88a5bc1a3c5b6544d27a8661c379fc11f62f17c47e498a4b680e437dc95d6"
    )


@pytest.mark.parametrize(
    "number",
    [0, P, P + 1, 2**4096 - 1, P - 1, 2],  # out of range, or in Z_p^* but not of order q
)
def test_what_is_not_in_the_subgroup_is_refused(number: int) -> None:
    with pytest.raises(NotAnElementError):
        GROUP.element(number.to_bytes(512, "big"))


def test_bytes_of_another_length_are_not_an_element() -> None:
    assert not GROUP.is_element(GROUP.generator[1:])
    assert not GROUP.is_element(b"\x00" + GROUP.generator)


@settings(max_examples=10, deadline=None)
@given(scalars, scalars)
def test_exponents_add_and_compose(a: int, b: int) -> None:
    ga, gb = GROUP.base_exp(a), GROUP.base_exp(b)
    assert GROUP.op(ga, gb) == GROUP.base_exp(a + b)
    assert GROUP.exp(ga, b) == GROUP.base_exp(a * b)
    assert GROUP.div(ga, gb) == GROUP.base_exp(a - b)
    assert GROUP.product([ga, gb, GROUP.inverse(ga)]) == gb
    assert GROUP.is_element(ga)
