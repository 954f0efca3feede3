"""A figure is isolated in <bdi>, its sign where its reader starts: right in Persian, left in
English (issue 13: «−۳٫۸۱ واحد درصد» was drawn «۳٫۸۱- واحد درصد»). A tie is announced as a tie
(finding A2 of session 23: a station with one vote each was «… بیشترین آرا را دارد»); a unit of
one station is «تنها شعبه», and one with a voided box says how many were counted and voided, not
«همه»."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup

from sandogh.locale import Lang, format_percent
from sandogh.publish.site.figures import (
    alone,
    announcement,
    figures_in,
    isolated,
    lead_words,
    percent,
)
from tests.publish.site.ties import JALILI, PEZESHKIAN, result


def test_a_persian_sign_follows_the_digits_in_a_left_to_right_isolate() -> None:
    assert isolated("-۳٫۸۱ واحد درصد", "fa") == '<bdi dir="ltr">۳٫۸۱\u2212</bdi> واحد درصد'
    assert isolated("+۲۹۹٬۴۵۳", "fa") == '<bdi dir="ltr">۲۹۹٬۴۵۳+</bdi>'


def test_an_english_sign_leads_and_plain_figures_are_only_isolated() -> None:
    assert isolated("-3.81 points", "en") == "<bdi>\u22123.81</bdi> points"
    assert isolated("۶۳٫۲۸٪", "fa") == "<bdi>۶۳٫۲۸٪</bdi>"
    assert isolated("<b>", "en") == "<bdi>&lt;b&gt;</bdi>"  # text, never markup
    # figures are isolated once a process: markup of the same text is its own, not escaped again
    assert isolated(Markup("<b>"), "en") == "<bdi><b></bdi>"
    assert isolated("<b>", "en") == "<bdi>&lt;b&gt;</bdi>"


def test_a_figure_alone_in_its_cell_is_bare_unless_a_sign_or_words_could_move() -> None:
    # a table cell is a bidirectional paragraph of its own: its unsigned figure needs no isolate
    for text in ("۱۲٬۳۴۵", "۶۳٫۲۸٪", "1,234", "45.5%", "—", "۲۵"):
        assert alone(text, "fa") == text
    assert alone("<b>", "en") == "<bdi>&lt;b&gt;</bdi>"  # text, never markup
    # a sign still stands on its reader's side, words after the figure outside its isolate
    assert alone("-۳٫۸۱ واحد درصد", "fa") == isolated("-۳٫۸۱ واحد درصد", "fa")
    assert alone("+۲۹۹٬۴۵۳", "fa") == '<bdi dir="ltr">۲۹۹٬۴۵۳+</bdi>'
    assert alone("-3.81 points", "en") == "<bdi>\u22123.81</bdi> points"


def test_each_figure_of_a_sentence_is_isolated_and_its_words_escaped() -> None:
    said = "تغییر −۳٫۸۱ واحد درصد در ۱۲ شعبه از ۴۰، +۱٬۲۳۴ رأی؛ تصمیم ۱۴۰۳/۱۲۷ <b>"
    assert figures_in(said, "fa") == (
        'تغییر <bdi dir="ltr">۳٫۸۱\u2212</bdi> واحد درصد در <bdi>۱۲</bdi> شعبه از <bdi>۴۰</bdi>، '
        '<bdi dir="ltr">۱٬۲۳۴+</bdi> رأی؛ تصمیم <bdi>۱۴۰۳/۱۲۷</bdi> &lt;b&gt;'
    )
    assert figures_in("Change -3.81 points, 45.5%", "en") == (
        "Change <bdi>\u22123.81</bdi> points, <bdi>45.5%</bdi>"
    )
    # a hyphen inside a word is no sign; markup already isolated is left as built
    assert figures_in("IR-08", "fa") == "IR-<bdi>08</bdi>"
    assert figures_in(Markup("<bdi>۱</bdi>"), "fa") == "<bdi>۱</bdi>"


def test_a_station_s_tie_is_announced_as_a_tie_of_its_only_station() -> None:
    tie = result([JALILI, PEZESHKIAN])
    assert announcement(tie, "fa") == (
        "با شمارش آرای تنها شعبه، سعید جلیلی و مسعود پزشکیان هر یک با یک رأی برابرند."
    )
    assert announcement(tie, "en") == (
        "With its only station counted, Saeed Jalili and Masoud Pezeshkian are tied with 1 "
        "vote each."
    )
    both = result([JALILI, {**PEZESHKIAN, "votes": 2}], reported=2, total=2, kind="county")
    assert announcement(both, "fa").startswith("با شمارش آرای هر دو شعبه، مسعود پزشکیان با دو")
    one = result([{**JALILI, "votes": 2}, PEZESHKIAN])
    assert announcement(one, "fa") == (
        "با شمارش آرای تنها شعبه، سعید جلیلی با دو رأی بیشترین آرا را دارد."
    )


def test_a_partial_tie_is_no_lead_and_a_voided_box_is_not_counted_among_all() -> None:
    partial = result([JALILI, PEZESHKIAN], reported=2, total=71, kind="county")
    assert announcement(partial, "fa") == (
        "با شمارش آرای دو شعبه از هفتاد و یک شعبه، سعید جلیلی و مسعود پزشکیان هر یک با یک رأی "
        "برابرند."
    )
    after_void = result(
        [{**JALILI, "votes": 888}, PEZESHKIAN], reported=71, total=71, voided=1, kind="county"
    )
    said = announcement(after_void, "fa")
    assert said.startswith(
        "با شمارش آرای هفتاد شعبه از هفتاد و یک شعبه و ابطال آرای یک شعبه به تصمیم هیئت نظارت، "
    )
    assert "همه" not in said
    assert announcement(after_void, "en").startswith(
        "With 70 of 71 stations counted and 1 voided by the supervisory board, Saeed Jalili "
    )


def test_the_words_of_a_lead_name_every_tied_candidate() -> None:
    first, words = lead_words([JALILI, PEZESHKIAN], 2, "fa") or ((), "")
    assert [v["code"] for v in first] == ["21", "25"]
    assert words == "سعید جلیلی، مسعود پزشکیان (۵۰٫۰٪)"
    assert lead_words([{**JALILI, "votes": 0}], 0, "fa") is None


@given(
    st.integers(min_value=-(10**9), max_value=10**9),
    st.integers(min_value=1, max_value=10**9),
    st.integers(min_value=0, max_value=3),
    st.sampled_from(["fa", "en"]),
)
def test_a_share_as_the_files_write_it_is_printed_as_its_fraction(
    numerator: int, denominator: int, places: int, lang: Lang
) -> None:
    share = Fraction(numerator, denominator)
    printed = format_percent(share, lang, places)
    assert percent(str(share), lang, places) == printed  # read as two whole numbers
    assert percent(f"{numerator}/{denominator}", lang, places) == printed  # unreduced too
    assert percent(share, lang, places) == printed
