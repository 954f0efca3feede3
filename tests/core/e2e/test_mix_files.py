"""The mix-net's files (docs/e2e.md §11.4, §11.5 "Files"; `core.e2e.mix_files`): the mix input and
a mixer's signed mix file read back as written, and refused when another key signed it or a field
is changed; the last rows as a tally of slots."""

from __future__ import annotations

import json

import pytest

from sandogh.core.canonical_json import canonical_json
from sandogh.core.e2e.elgamal import encrypt
from sandogh.core.e2e.group import RISTRETTO255 as G
from sandogh.core.e2e.mix_files import (
    Mix,
    MixInput,
    decode_input,
    decode_mix,
    encode_input,
    encode_mix,
    mix_input,
    rows_tally,
)
from sandogh.core.e2e.shuffle import MixContext, prove_shuffle, shuffle
from sandogh.core.e2e.signed_json import GuardianFileError
from sandogh.core.report.keys import SigningKey

KEY = G.base_exp(424242)
HE = bytes(range(32))
GUARDIAN = SigningKey.from_seed(b"g" * 32)
ROWS = tuple(tuple(encrypt(G, KEY, x, 3 * x + 1) for x in row) for row in ((1, 5), (2, 3)))


def _mix() -> Mix:
    order, nonces = [1, 0], [[11, 12], [13, 14]]
    out = shuffle(G, KEY, ROWS, permutation=order, nonces=nonces)
    context = MixContext(G, KEY, HE, "majlis/M1/1")
    proof = prove_shuffle(context, ROWS, out, permutation=order, nonces=nonces, seed=bytes(32))
    return Mix("majlis", "M1", 1, 2, HE, out, proof)


def test_the_input_reads_back_with_its_stations_in_code_order() -> None:
    made = mix_input("majlis", "M1", [("S2", ROWS[1:]), ("S1", ROWS[:1])])
    assert made.stations == (("S1", 1), ("S2", 1))
    assert made.rows == ROWS
    assert decode_input(G, encode_input(made), "input") == made


def test_an_input_without_rows_is_refused() -> None:
    with pytest.raises(GuardianFileError, match="rows"):
        decode_input(G, encode_input(MixInput("majlis", "M1", (("S1", 0),), ())), "input")


def test_a_mix_reads_back_signed_by_its_guardian() -> None:
    made = _mix()
    data = encode_mix(G, made, GUARDIAN)
    assert decode_mix(G, data, "mix", {2: GUARDIAN.public_key}) == made
    assert made.label == "majlis/M1/1"


def test_a_mix_signed_by_another_key_or_changed_is_refused() -> None:
    data = encode_mix(G, _mix(), GUARDIAN)
    other = SigningKey.from_seed(b"o" * 32).public_key
    with pytest.raises(GuardianFileError, match="signature"):
        decode_mix(G, data, "mix", {2: other})
    document = json.loads(data)
    document["mixer"] = 2
    with pytest.raises(GuardianFileError, match="signature"):
        decode_mix(G, canonical_json(document), "mix", {2: GUARDIAN.public_key})
    with pytest.raises(GuardianFileError, match="no guardian of the record"):
        decode_mix(G, data, "mix", {1: GUARDIAN.public_key})


def test_the_rows_are_a_tally_of_slots() -> None:
    tally = rows_tally("majlis", "M1", ROWS)
    assert tally.station == "majlis/M1"
    assert [(c.contest, c.ballots, [o for o, _ in c.options]) for c in tally.contests] == [
        ("majlis", 1, ["1", "2"]),
        ("majlis", 1, ["1", "2"]),
    ]
