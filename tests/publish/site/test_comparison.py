"""Round against round: the turnout's change is the difference of the shares as shown, so the
three figures a reader sees subtract (finding A7 of session 23: «۴۶٫۰۵٪ ۲٫۵۵٪ ۴۳٫۴۹−», the change
of the exact shares 46.0486 % and 2.5545 %)."""

from __future__ import annotations

from fractions import Fraction

from sandogh.locale import shown_share
from sandogh.publish.site.comparison import comparison
from sandogh.publish.site.reported import Over
from tests.publish.site.ties import JALILI, result


def test_the_turnout_change_agrees_with_the_figures_shown() -> None:
    before = Over((JALILI,), cast=460486, eligible=1000000)  # 46.0486 %
    after = Fraction(25545, 1000000)  # 2.5545 %
    compared = comparison(before, result([JALILI]), after, (1, 2), "fa").turnout
    assert compared is not None
    assert (compared.before, compared.after) == ("۴۶٫۰۵٪", "۲٫۵۵٪")
    assert compared.change == "-۴۳٫۵۰ واحد درصد"  # its sign set right of it by `isolated`
    english = comparison(before, result([JALILI]), after, (1, 2), "en").turnout
    assert english is not None
    assert english.change == "-43.50 points"


def test_a_shown_share_is_the_share_format_percent_prints() -> None:
    assert shown_share(Fraction(460486, 1000000), 2) == Fraction(4605, 10000)
    assert shown_share(Fraction(25545, 1000000), 2) == Fraction(255, 10000)
