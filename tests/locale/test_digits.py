"""Digits and numbers with the Kerman 1403 figures (reference/seed-facts.md)."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from persiantools import digits as persiantools_digits

from sandogh.locale.digits import (
    format_int,
    format_percent,
    format_points,
    format_ratio_percent,
    to_ascii_digits,
    to_persian_digits,
)
from sandogh.locale.language import Lang

ELIGIBLE = 2_324_254
CAST_ROUND_1 = 1_070_286
CAST_ROUND_2 = 1_276_092


def test_digits_convert_both_ways_and_accept_arabic_indic() -> None:
    assert to_persian_digits("0123456789") == "۰۱۲۳۴۵۶۷۸۹"
    assert to_persian_digits("٠١٢٣٤٥٦٧٨٩") == "۰۱۲۳۴۵۶۷۸۹"
    assert to_ascii_digits("۰۱۲۳۴۵۶۷۸۹") == "0123456789"
    assert to_ascii_digits("٠١٢٣٤٥٦٧٨٩") == "0123456789"
    assert to_ascii_digits("شعبه ۱۲ / ١٣") == "شعبه 12 / 13"


@pytest.mark.parametrize(
    ("number", "fa", "en"),
    [
        (1_276_092, "۱٬۲۷۶٬۰۹۲", "1,276,092"),
        (23_252, "۲۳٬۲۵۲", "23,252"),
        (294_349, "۲۹۴٬۳۴۹", "294,349"),
        (999, "۹۹۹", "999"),
        (0, "۰", "0"),
        (-148_119, "-۱۴۸٬۱۱۹", "-148,119"),
    ],
)
def test_format_int(number: int, fa: str, en: str) -> None:
    assert format_int(number, "fa") == fa
    assert format_int(number, "en") == en


def test_kerman_turnout_as_printed() -> None:
    round_1 = Fraction(CAST_ROUND_1, ELIGIBLE)
    round_2 = Fraction(CAST_ROUND_2, ELIGIBLE)
    assert format_percent(round_2, "en") == "54.9%"
    assert format_percent(round_2, "fa") == "۵۴٫۹٪"
    assert format_percent(round_2, "en", places=0) == "55%"
    assert format_percent(round_1, "fa", places=0) == "۴۶٪"
    assert format_points(round_2 - round_1, "en") == "+9 points"
    assert format_points(round_2 - round_1, "fa") == "+۹ واحد درصد"
    assert format_points(round_1 - round_2, "en", places=1) == "-8.9 points"


@pytest.mark.parametrize(
    ("share", "places", "expected"),
    [
        (Fraction(1, 8), 1, "12.5%"),  # exact, nothing to round
        (Fraction(1, 8), 0, "13%"),  # 12.5 rounds half up
        (Fraction(1, 40), 0, "3%"),  # 2.5 rounds half up (banker's rounding would give 2)
        (Fraction(1249, 10000), 1, "12.5%"),  # 12.49 is below the half
        (Fraction(1, 3), 2, "33.33%"),
        (Fraction(2, 3), 2, "66.67%"),
        (Fraction(0), 1, "0.0%"),
        (Fraction(123456, 100), 0, "123,456%"),
    ],
)
def test_format_percent_rounds_half_up_exactly(share: Fraction, places: int, expected: str) -> None:
    assert format_percent(share, "en", places) == expected


def test_points_sign_and_singular() -> None:
    assert format_points(Fraction(1, 100), "en") == "+1 point"
    assert format_points(Fraction(-1, 100), "en") == "-1 point"
    assert format_points(Fraction(1, 1000), "en") == "0 points"  # 0.1 point rounds to no change
    assert format_points(Fraction(-1, 1000), "fa") == "۰ واحد درصد"
    assert format_points(Fraction(1, 100), "en", places=1) == "+1.0 points"


def test_negative_places_are_refused() -> None:
    with pytest.raises(ValueError, match="places"):
        format_percent(Fraction(1, 2), "en", places=-1)


def _parse_english(printed: str) -> Fraction:
    return Fraction(printed.removesuffix("%").replace(",", ""))


@given(
    st.fractions(min_value=0, max_value=10, max_denominator=10**7),
    st.integers(min_value=0, max_value=4),
)
def test_percent_is_the_nearest_and_ties_go_up(share: Fraction, places: int) -> None:
    printed = _parse_english(format_percent(share, "en", places))
    half_unit = Fraction(1, 2 * 10**places)
    assert printed - half_unit <= share * 100 < printed + half_unit


@given(
    st.fractions(min_value=-10, max_value=10, max_denominator=10**6),
    st.integers(min_value=0, max_value=3),
    st.sampled_from(["fa", "en"]),
)
def test_persian_is_english_with_persian_symbols(share: Fraction, places: int, lang: Lang) -> None:
    english = format_percent(share, "en", places)
    persian = to_persian_digits(english.replace(",", "٬").replace(".", "٫").replace("%", "٪"))
    assert format_percent(share, "fa", places) == persian
    assert format_int(share.numerator, lang) == (
        to_persian_digits(f"{share.numerator:,}".replace(",", "٬"))
        if lang == "fa"
        else f"{share.numerator:,}"
    )


@given(st.integers(min_value=0, max_value=10**15))
def test_digits_round_trip(number: int) -> None:
    assert to_ascii_digits(to_persian_digits(str(number))) == str(number)
    assert to_ascii_digits(format_int(number, "fa")).replace("٬", "") == str(number)


@given(
    st.integers(min_value=-(10**9), max_value=10**9),
    st.integers(min_value=1, max_value=10**9),
    st.integers(min_value=0, max_value=4),
    st.sampled_from(["fa", "en"]),
)
def test_a_ratio_is_printed_as_its_fraction(
    numerator: int, denominator: int, places: int, lang: Lang
) -> None:
    """The results site prints a share from its two whole numbers, not reduced: the same text
    as the `Fraction` it stands for."""
    assert format_ratio_percent(numerator, denominator, lang, places) == format_percent(
        Fraction(numerator, denominator), lang, places
    )


@given(st.text(alphabet="0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹abc٬٫٪,. -"))
def test_persian_digits_as_persiantools_writes_them(text: str) -> None:
    """One table for both kinds of digits writes what persiantools' two steps write."""
    two_steps = persiantools_digits.en_to_fa(persiantools_digits.ar_to_fa(text))
    assert to_persian_digits(text) == two_steps
