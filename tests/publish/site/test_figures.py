"""A figure is isolated in <bdi>, its sign where its reader starts: right in Persian, left in
English (issue 13: «−۳٫۸۱ واحد درصد» was drawn «۳٫۸۱- واحد درصد»)."""

from __future__ import annotations

from markupsafe import Markup

from sandogh.publish.site.figures import figures_in, isolated


def test_a_persian_sign_follows_the_digits_in_a_left_to_right_isolate() -> None:
    assert isolated("-۳٫۸۱ واحد درصد", "fa") == '<bdi dir="ltr">۳٫۸۱\u2212</bdi> واحد درصد'
    assert isolated("+۲۹۹٬۴۵۳", "fa") == '<bdi dir="ltr">۲۹۹٬۴۵۳+</bdi>'


def test_an_english_sign_leads_and_plain_figures_are_only_isolated() -> None:
    assert isolated("-3.81 points", "en") == "<bdi>\u22123.81</bdi> points"
    assert isolated("۶۳٫۲۸٪", "fa") == "<bdi>۶۳٫۲۸٪</bdi>"
    assert isolated("<b>", "en") == "<bdi>&lt;b&gt;</bdi>"  # text, never markup


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
