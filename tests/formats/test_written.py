"""What a file wrote, shown back: controls, direction controls and half characters escaped,
Persian text (ZWNJ, RLM) as it is, and a number with an exponent as it was written."""

from __future__ import annotations

from decimal import Decimal

from sandogh.formats.scalars import shown
from sandogh.formats.written import WrittenDecimal, exact_number, visible


def test_only_what_would_not_show_is_escaped() -> None:
    assert visible("fo\x00rmat\x1b[2J\u202e\ud800") == "fo\\x00rmat\\x1b[2J\\u202e\\ud800"
    assert visible("کتاب‌خانه \u200f(۲)") == "کتاب‌خانه \u200f(۲)"


def test_a_number_with_an_exponent_keeps_its_text_and_its_value() -> None:
    number = exact_number("1449E0")
    assert isinstance(number, WrittenDecimal)
    assert (number, shown(number)) == (Decimal(1449), "1449E0")
    assert type(exact_number("0.25")) is Decimal
