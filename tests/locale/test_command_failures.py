from __future__ import annotations

from sandogh.locale.command_failures import EN, FA, say
from sandogh.locale.messages import placeholders


def test_both_languages_have_the_same_keys_and_persian_leaves_the_exception_out() -> None:
    assert FA.keys() == EN.keys()
    for key, english in EN.items():
        assert placeholders(FA[key]) == placeholders(english) - {"error"}


def test_a_persian_line_carries_no_exception_text() -> None:
    said = say("unexpected", "fa", command="demo", error="ValueError: bad", report="/r.txt")
    assert "ValueError" not in said
    assert said.endswith("/r.txt نوشته شد.")
