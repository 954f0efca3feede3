"""HB and HE (`docs/e2e.md` §4): each input changes them."""

from __future__ import annotations

import pytest

from sandogh.core.e2e.context import base_hash, extended_hash
from sandogh.core.e2e.group import RISTRETTO255
from sandogh.core.e2e.hashing import Domain, hash_bytes, parameter_hash, u32

G = RISTRETTO255
DEFINITION = bytes(range(32))


def test_the_base_hash_is_the_formula_and_binds_each_input() -> None:
    hb = base_hash(G, DEFINITION, 3, 2)
    assert hb == hash_bytes(parameter_hash(G), Domain.ELECTION, DEFINITION, u32(3), u32(2))
    others = {base_hash(G, DEFINITION, 3, 3), base_hash(G, DEFINITION, 4, 2)}
    others.add(base_hash(G, bytes(32), 3, 2))
    assert hb not in others
    assert len(others) == 3


def test_a_definition_hash_is_32_bytes() -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        base_hash(G, DEFINITION[:31], 3, 2)


def test_the_extended_hash_binds_the_key_and_every_commitment() -> None:
    a, b = G.base_exp(2), G.base_exp(3)
    he = extended_hash(DEFINITION, G.base_exp(5), [[a, b], [b, a]])
    assert he == hash_bytes(DEFINITION, Domain.EXTENDED, G.base_exp(5), a, b, b, a)
    assert he != extended_hash(DEFINITION, G.base_exp(5), [[b, a], [a, b]])
