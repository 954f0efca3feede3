"""The site's labels: both languages say the same things with the same placeholders."""

from __future__ import annotations

import pytest

from sandogh.locale.messages import MessageValuesError, placeholders
from sandogh.publish.site.labels import EN, FA, label


def test_persian_and_english_have_the_same_keys_and_placeholders() -> None:
    assert FA.keys() == EN.keys()
    assert {k: placeholders(v) for k, v in FA.items()} == {
        k: placeholders(v) for k, v in EN.items()
    }


def test_a_label_fills_numbers_in_the_language_digits() -> None:
    assert label("of", "fa", reported=812, total=2427) == "۸۱۲ از ۲٬۴۲۷"
    assert label("of", "en", reported=812, total=2427) == "812 of 2,427"
    assert label("stations_reported", "fa", reported=3, total=4) == "۳ شعبه از ۴ شعبه گزارش داده‌اند"


def test_a_label_refuses_missing_values() -> None:
    with pytest.raises(MessageValuesError):
        label("of", "en", reported=1)
