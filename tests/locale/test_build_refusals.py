"""A build decision's refusals: both languages complete with the same placeholders, Persian
letters only (no Arabic ي or ك), and English words on no Persian line but for what it names."""

from __future__ import annotations

import re

from sandogh.locale.build_refusals import EN, FA
from sandogh.locale.messages import placeholders


def test_both_languages_have_the_same_keys_and_placeholders() -> None:
    assert FA.keys() == EN.keys()
    assert {k: placeholders(v) for k, v in FA.items()} == {
        k: placeholders(v) for k, v in EN.items()
    }
    assert [k for k, v in FA.items() if "ي" in v or "ك" in v] == []


def test_no_english_word_on_a_persian_line() -> None:
    named = re.compile(r"\{\w+\}|sha256:|sandogh [a-z -]+|--label|--lang en")
    assert [k for k, v in FA.items() if re.search("[A-Za-z]", named.sub("", v))] == []
