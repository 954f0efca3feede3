from __future__ import annotations

from sandogh.core.counting.conformity import Mismatch, NonconformingSheetsError, Nonconformity
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


def test_every_sheet_that_does_not_fit_is_said_in_both_languages() -> None:
    """`NonconformingSheetsError.said` names its first problem's kind: each has its line."""
    for mismatch in Mismatch:
        problem = Nonconformity(mismatch, 0, "ST-1", "president")
        key, values = NonconformingSheetsError((problem,)).said or ("", {})
        assert "۱ مشکل در صورتجلسه‌ها" in say(key, "fa", **values)
        assert "president" not in say(key, "fa", **values)
        assert "1 problem(s) with the tally sheets" in say(key, "en", **values)
