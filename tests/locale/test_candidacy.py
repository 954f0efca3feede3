import datetime

from sandogh.core.candidacy.calendar import OutsideWindowError, Stage, Window
from sandogh.core.candidacy.conditions import Unmet
from sandogh.core.candidacy.process import CandidacyRefusedError, Refusal
from sandogh.core.definition.model import Name
from sandogh.locale.candidacy import EN, FA, outside_window_text, refused_text
from sandogh.locale.messages import placeholders

D = datetime.date


def test_both_languages_have_the_same_messages() -> None:
    assert FA.keys() == EN.keys()
    assert all(placeholders(FA[k]) == placeholders(EN[k]) for k in FA)


def test_a_refused_stage_names_the_stage_and_its_jalali_window() -> None:
    window = Window(Stage.CAMPAIGN, D(2024, 5, 2), D(2024, 5, 9), datetime.time(8))
    refused = OutsideWindowError("majlis", Stage.CAMPAIGN, window, D(2024, 5, 9))
    assert outside_window_text(refused, "fa") == (
        "تبلیغات برای «majlis» در ۲۰ اردیبهشت ۱۴۰۳ پذیرفته نیست: "
        "بازه آن از ۱۳ اردیبهشت ۱۴۰۳ تا ساعت ۰۸:۰۰ ۲۰ اردیبهشت ۱۴۰۳ است."
    )
    assert outside_window_text(refused, "en") == (
        "the campaign for majlis is refused on 20 Ordibehesht 1403: "
        "its window is from 13 Ordibehesht 1403 to 08:00 on 20 Ordibehesht 1403."
    )


def test_a_missing_document_is_worded_in_both_languages() -> None:
    missing = Unmet("document", Name("ماده ۵۴", "Art. 54"), "", "گواهی سلامت")
    refused = CandidacyRefusedError(Refusal.INELIGIBLE, None, unmet=(missing,))
    # a kind the catalogue does not name is shown as the calendar gives it
    assert "مدرک «گواهی سلامت» داده نشده است (ماده ۵۴)" in refused_text(refused, "fa")
    assert "document «گواهی سلامت» not handed in (Art. 54)" in refused_text(refused, "en")
    named = Unmet("document", Name("ماده ۵۴", "Art. 54"), "", "birth-certificate")
    said = refused_text(CandidacyRefusedError(Refusal.INELIGIBLE, None, unmet=(named,)), "fa")
    assert said.endswith("شناسنامه داده نشده است (ماده ۵۴)")  # S20 F2: not «مدرک (birth-…»
    assert "ماده ۵۴" in refused_text(refused, "fa")
    assert "Art. 54" in refused_text(refused, "en")
    assert "Art. 54" not in refused_text(refused, "fa")
