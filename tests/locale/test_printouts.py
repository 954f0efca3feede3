"""The box's printed words (`locale.printouts`): both languages alike; the Persian in the
headquarters' words, with no Latin letter of its own (issue 13)."""

from __future__ import annotations

import re

from sandogh.locale.messages import placeholders
from sandogh.locale.printouts import EN, FA


def test_both_languages_have_the_same_keys_and_placeholders() -> None:
    assert {k: placeholders(v) for k, v in FA.items()} == {
        k: placeholders(v) for k, v in EN.items()
    }


def test_the_persian_pages_say_nothing_in_english() -> None:
    words = {key: re.sub(r"\{\w+\}", "", line) for key, line in FA.items()}
    assert [key for key, line in words.items() if re.search("[A-Za-z]{3,}", line)] == []
    assert FA["print_zero"] == "صورتجلسه آغاز رأی‌گیری"
