from fractions import Fraction

from sandogh.core.definition.rule import Base
from sandogh.core.rules import reasons


def test_shares_read_as_percentages_when_whole() -> None:
    assert reasons.share_text(Fraction(1, 5)) == "20 %"
    assert reasons.share_text(Fraction(1, 2)) == "50 %"
    assert reasons.share_text(Fraction(1, 3)) == "1/3"


def test_exact_figures_keep_their_fraction() -> None:
    assert reasons.exact_text(Fraction(1569857, 5)) == "313,971 2/5"
    assert reasons.exact_text(Fraction(12267593)) == "12,267,593"


def test_the_threshold_reason_gives_the_exact_and_the_printed_figure() -> None:
    reason = reasons.threshold_needed(Fraction(1, 5), Base.VALID, 1_569_857, 313_972)
    assert reason.key == "threshold-needed"
    assert (reason.base, reason.needed, reason.threshold) == (
        1_569_857,
        313_972,
        Fraction(1569857, 5),
    )
    assert "313,971 2/5" in reason.text
    assert "officials print 313,971" in reason.text
