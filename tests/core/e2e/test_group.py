"""The group law and encodings of Ristretto255, against RFC 9496's own vectors."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sandogh.core.e2e.group import RISTRETTO255, NotAnElementError

G = RISTRETTO255
scalars = st.integers(min_value=0, max_value=G.q - 1)

#: RFC 9496 Appendix A.1: encodings of B·0 .. B·4 (the first is the identity)
MULTIPLES_OF_GENERATOR = (
    "0000000000000000000000000000000000000000000000000000000000000000",
    "e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76",
    "6a493210f7499cd17fecb510ae0cea23a110e8d5b901f8acadd3095c73a3b919",
    "94741f5d5d52755ece4f23f044ee27d5d1ea1e2bd196b462166b16152a9d0259",
    "da80862773358b466ffadfe0b3293ab3d9fd53c5ea6c955358f568322daf6a57",
)

#: RFC 9496 Appendix A.2: bad encodings that must be rejected (non-canonical, negative, …)
BAD_ENCODINGS = (
    "00ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
    "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "0100000000000000000000000000000000000000000000000000000000000000",
    "26948d35ca62e643e26a83177332e6b6afeb9d08e4268b650f1f5bbd8d81d371",
)


@pytest.mark.parametrize(("multiple", "encoding"), list(enumerate(MULTIPLES_OF_GENERATOR)))
def test_multiples_of_the_generator_are_the_rfc_vectors(multiple: int, encoding: str) -> None:
    assert G.base_exp(multiple).hex() == encoding


@pytest.mark.parametrize("encoding", BAD_ENCODINGS)
def test_a_bad_encoding_is_refused(encoding: str) -> None:
    with pytest.raises(NotAnElementError):
        G.element(bytes.fromhex(encoding))


def test_bytes_of_another_length_are_not_an_element() -> None:
    assert not G.is_element(G.generator[:31])


@given(scalars, scalars)
def test_exponents_add_under_the_group_operation(a: int, b: int) -> None:
    assert G.op(G.base_exp(a), G.base_exp(b)) == G.base_exp(a + b)


@given(scalars, scalars)
def test_exponentiation_composes(a: int, b: int) -> None:
    assert G.exp(G.base_exp(a), b) == G.base_exp(a * b)


@given(scalars)
def test_an_element_over_itself_is_the_identity(a: int) -> None:
    element = G.base_exp(a)
    assert G.div(element, element) == G.identity
    assert G.op(element, G.inverse(element)) == G.identity


def test_the_order_sends_the_generator_to_the_identity() -> None:
    assert G.base_exp(G.q) == G.identity
    assert G.exp(G.generator, G.q - 1) == G.inverse(G.generator)


@given(scalars)
def test_a_scalar_reads_back_from_its_bytes(s: int) -> None:
    assert G.scalar(G.scalar_bytes(s)) == s


def test_a_scalar_at_or_above_the_order_is_refused() -> None:
    with pytest.raises(ValueError, match="not a scalar"):
        G.scalar(G.q.to_bytes(32, "big"))


@given(st.lists(scalars, max_size=4))
def test_a_product_adds_the_exponents(exponents: list[int]) -> None:
    assert G.product(G.base_exp(e) for e in exponents) == G.base_exp(sum(exponents))
