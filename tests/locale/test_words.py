"""Numbers in words, checked against the figures of reference/seed-facts.md and the rules file."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sandogh.locale.words import LIMIT, in_words

FIGURES = [
    (
        1_276_092,  # Kerman round 2, ballots cast
        "یک میلیون و دویست و هفتاد و شش هزار و نود و دو",
        "one million two hundred seventy-six thousand ninety-two",
    ),
    (
        773_591,  # Jalili
        "هفتصد و هفتاد و سه هزار و پانصد و نود و یک",
        "seven hundred seventy-three thousand five hundred ninety-one",
    ),
    (
        479_249,  # Pezeshkian
        "چهارصد و هفتاد و نه هزار و دویست و چهل و نه",
        "four hundred seventy-nine thousand two hundred forty-nine",
    ),
    (
        23_252,  # invalid
        "بیست و سه هزار و دویست و پنجاه و دو",
        "twenty-three thousand two hundred fifty-two",
    ),
    (
        1_252_840,  # valid
        "یک میلیون و دویست و پنجاه و دو هزار و هشتصد و چهل",
        "one million two hundred fifty-two thousand eight hundred forty",
    ),
    (
        294_342,  # the true margin
        "دویست و نود و چهار هزار و سیصد و چهل و دو",
        "two hundred ninety-four thousand three hundred forty-two",
    ),
    (
        24_535_185,  # national round 1, ballots cast
        "بیست و چهار میلیون و پانصد و سی و پنج هزار و یکصد و هشتاد و پنج",
        "twenty-four million five hundred thirty-five thousand one hundred eighty-five",
    ),
    (
        12_267_593,  # the majority needed in round 1
        "دوازده میلیون و دویست و شصت و هفت هزار و پانصد و نود و سه",
        "twelve million two hundred sixty-seven thousand five hundred ninety-three",
    ),
    (0, "صفر", "zero"),
    (100, "یکصد", "one hundred"),
    (2_000_000_005, "دو میلیارد و پنج", "two billion five"),
    (
        61_452_321,
        "شصت و یک میلیون و چهارصد و پنجاه و دو هزار و سیصد و بیست و یک",
        "sixty-one million four hundred fifty-two thousand three hundred twenty-one",
    ),
]


@pytest.mark.parametrize(("number", "fa", "en"), FIGURES)
def test_words(number: int, fa: str, en: str) -> None:
    assert in_words(number, "fa") == fa
    assert in_words(number, "en") == en


@pytest.mark.parametrize("number", [-1, LIMIT])
def test_out_of_range_is_refused(number: int) -> None:
    with pytest.raises(ValueError, match="whole numbers"):
        in_words(number, "fa")


@given(st.integers(min_value=0, max_value=LIMIT - 1))
def test_persian_words_use_persian_letters(number: int) -> None:
    words = in_words(number, "fa")
    assert "ي" not in words
    assert "ك" not in words
    assert "  " not in words


@given(st.integers(min_value=1, max_value=LIMIT - 1))
def test_english_words_have_no_zero_and_no_stray_spaces(number: int) -> None:
    words = in_words(number, "en")
    assert "zero" not in words
    assert words == words.strip()
    assert "  " not in words
