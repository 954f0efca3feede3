"""What `sandogh station …` says (`locale.box_commands`): both languages alike; the Persian with
no English word but the options it names (issue 13)."""

from __future__ import annotations

import re

from sandogh.locale.box_commands import EN, FA
from sandogh.locale.messages import placeholders


def test_both_languages_have_the_same_keys_and_placeholders() -> None:
    assert {k: placeholders(v) for k, v in FA.items()} == {
        k: placeholders(v) for k, v in EN.items()
    }


def test_the_persian_lines_say_nothing_in_english() -> None:
    words = {key: re.sub(r"\{\w+\}|--staff", "", line) for key, line in FA.items()}
    assert [key for key, line in words.items() if re.search("[A-Za-z]{3,}", line)] == []
