"""The message catalogue: both languages complete, Persian spelt with Persian letters."""

from __future__ import annotations

import pytest

from sandogh.locale.messages import (
    EN,
    FA,
    Lang,
    MessageValuesError,
    UnknownMessageError,
    placeholders,
    text,
    text_in,
)


def test_both_languages_have_the_same_keys() -> None:
    assert FA.keys() == EN.keys()


@pytest.mark.parametrize("key", sorted(FA))
def test_both_languages_have_the_same_placeholders(key: str) -> None:
    assert placeholders(FA[key]) == placeholders(EN[key])


@pytest.mark.parametrize("key", sorted(FA))
def test_persian_uses_persian_letters(key: str) -> None:
    assert "ي" not in FA[key]
    assert "ك" not in FA[key]


def test_a_results_table_has_its_labels() -> None:
    for key in [
        "cast", "valid", "invalid", "invalid_blank", "invalid_illegible", "invalid_non_candidate",
        "invalid_multiple_names", "void", "papers_received", "papers_used", "papers_unused",
        "papers_spoiled", "eligible_voters", "turnout", "turnout_by_papers", "stations_reported",
        "elected", "advances_to_runoff", "alternate", "margin", "agrees", "disagrees", "province",
        "county", "station", "nation", "round", "change_in_points",
    ]:  # fmt: skip
        assert key in FA


def test_labels_and_zwnj() -> None:
    assert text("cast", "fa") == "آرای مأخوذه"
    assert text("invalid", "fa") == "آرای باطله"
    assert text("papers_received", "fa") == "تعرفه\u200cهای دریافتی"
    assert text("alternate", "fa") == "علی\u200cالبدل"
    assert text("turnout_by_papers", "en") == "Turnout by ballot papers"


def test_whole_numbers_are_written_in_the_language_digits() -> None:
    assert text("stations_reported", "en", reported=2427, total=2427) == (
        "2,427 of 2,427 stations reported"
    )
    assert text("stations_reported", "fa", reported=1200, total="۲٬۴۲۷") == (
        "۱٬۲۰۰ شعبه از ۲٬۴۲۷ شعبه گزارش داده\u200cاند"
    )
    assert text("round", "fa", number=2) == "دور ۲"


def test_unknown_key() -> None:
    with pytest.raises(UnknownMessageError) as caught:
        text("no-such-label", "fa")
    assert caught.value.key == "no-such-label"


def test_values_must_match_the_placeholders() -> None:
    with pytest.raises(MessageValuesError) as caught:
        text("stations_reported", "en", reported=1, counties=3)
    assert caught.value.missing == {"total"}
    assert caught.value.unexpected == {"counties"}


def test_an_adapters_own_catalogue_comes_first_then_the_main_one() -> None:
    own: dict[Lang, dict[str, str]] = {
        "fa": {"reported": "{n} شعبه"},
        "en": {"reported": "{n} stations"},
    }
    assert text_in(own, "reported", "fa", n=1403) == "۱٬۴۰۳ شعبه"
    assert text_in(own, "reported", "en", n=1403) == "1,403 stations"
    plain = next(key for key, template in EN.items() if not placeholders(template))
    assert text_in(own, plain, "fa") == text(plain, "fa")
    with pytest.raises(MessageValuesError):
        text_in(own, "reported", "en")
