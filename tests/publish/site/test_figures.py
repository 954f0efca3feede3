"""A figure is isolated in <bdi>, its sign where its reader starts: right in Persian, left in
English (issue 13: «−۳٫۸۱ واحد درصد» was drawn «۳٫۸۱- واحد درصد»)."""

from __future__ import annotations

from sandogh.publish.site.figures import isolated


def test_a_persian_sign_follows_the_digits_in_a_left_to_right_isolate() -> None:
    assert isolated("-۳٫۸۱ واحد درصد", "fa") == '<bdi dir="ltr">۳٫۸۱\u2212</bdi> واحد درصد'
    assert isolated("+۲۹۹٬۴۵۳", "fa") == '<bdi dir="ltr">۲۹۹٬۴۵۳+</bdi>'


def test_an_english_sign_leads_and_plain_figures_are_only_isolated() -> None:
    assert isolated("-3.81 points", "en") == "<bdi>\u22123.81</bdi> points"
    assert isolated("۶۳٫۲۸٪", "fa") == "<bdi>۶۳٫۲۸٪</bdi>"
    assert isolated("<b>", "en") == "<bdi>&lt;b&gt;</bdi>"  # text, never markup
