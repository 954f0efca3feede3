"""A ballot card's code reads back as drawn, however it is copied within Crockford's rules, and
no slip of one character or swap of two neighbours reads as another card (review S23 A3)."""

from __future__ import annotations

import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sandogh.core.station.card_codes import (
    ALPHABET,
    BITS,
    LENGTH,
    RANDOM_BYTES,
    MistypedCodeError,
    card_code,
    read_card_code,
)

CODES = [card_code(os.urandom(RANDOM_BYTES)) for _ in range(20)]


def test_a_code_is_at_least_80_random_bits_in_five_groups_of_four() -> None:
    assert BITS >= 80
    for code in CODES:
        groups = code.split("-")
        assert [len(group) for group in groups] == [4] * 5
        assert set("".join(groups)) <= set(ALPHABET)
        assert not set("ILOU") & set(code)
    assert len(set(CODES)) == len(CODES)


@given(st.binary(min_size=RANDOM_BYTES, max_size=RANDOM_BYTES))
def test_a_code_reads_back_however_it_is_written(random: bytes) -> None:
    code = card_code(random)
    plain = code.replace("-", "")
    for written in (
        code,
        code.lower(),
        plain,
        " ".join(code.split("-")),
        f"  {plain.lower()}\n",
        code.replace("0", "o").replace("1", "l"),
        code.replace("1", "I"),
    ):
        assert read_card_code(written) == code


def test_every_miscopied_character_is_refused() -> None:
    for code in CODES[:5]:
        plain = code.replace("-", "")
        for at in range(LENGTH):
            for other in ALPHABET:
                if other != plain[at]:
                    with pytest.raises(MistypedCodeError):
                        read_card_code(plain[:at] + other + plain[at + 1 :])


def test_swapped_neighbours_are_refused_but_zero_and_z() -> None:
    for code in CODES:
        plain = code.replace("-", "")
        for at in range(LENGTH - 1):
            a, b = plain[at], plain[at + 1]
            if a == b or {a, b} == {"0", "Z"}:  # Luhn mod 32's one blind pair
                continue
            with pytest.raises(MistypedCodeError):
                read_card_code(plain[:at] + b + a + plain[at + 2 :])


def test_a_code_too_short_too_long_or_of_other_letters_is_refused() -> None:
    plain = CODES[0].replace("-", "")
    for wrong in ("", plain[:-1], plain + "0", plain[:-1] + "U", "jMqjpynRxJfoQH4OcnHJVw", "۱۲۳"):
        with pytest.raises(MistypedCodeError):
            read_card_code(wrong)
    with pytest.raises(ValueError, match="random bytes"):
        card_code(b"short")


def _luhn_32(values: list[int]) -> int:
    """Luhn's check character mod 32, step by step as the rule states it."""
    total = 0
    for i, value in enumerate(reversed(values)):
        doubled = value * 2 if i % 2 == 0 else value
        total += doubled // 32 + doubled % 32
    return -total % 32


@given(st.binary(min_size=RANDOM_BYTES, max_size=RANDOM_BYTES))
def test_the_check_character_is_luhn_s_mod_32(random: bytes) -> None:
    # the code is drawn at every check-in, by tables (issue 14): the same characters as the rule
    number = int.from_bytes(random, "big") >> (8 * RANDOM_BYTES - BITS)
    values = [(number >> (5 * i)) & 31 for i in reversed(range(BITS // 5))]
    plain = "".join(ALPHABET[v] for v in [*values, _luhn_32(values)])
    assert card_code(random) == "-".join(plain[i : i + 4] for i in range(0, LENGTH, 4))
