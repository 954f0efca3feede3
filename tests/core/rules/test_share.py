from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from sandogh.core.rules.share import Bar

shares = st.fractions(min_value=Fraction(1, 100), max_value=1)


@given(base=st.integers(0, 10**9), share=shares, votes=st.integers(0, 10**9), strict=st.booleans())
def test_the_whole_votes_needed_are_exactly_the_fewest_that_pass(
    base: int, share: Fraction, votes: int, strict: bool
) -> None:
    bar = Bar(base, share, strict)
    assert bar.passes(votes) == (votes >= bar.needed)
    assert not bar.passes(bar.needed - 1)


def test_a_majority_of_an_odd_base_rounds_up_past_the_half() -> None:
    bar = Bar(24_535_185, Fraction(1, 2), strict=True)
    assert bar.threshold == Fraction(24_535_185, 2)
    assert bar.needed == 12_267_593


def test_a_majority_of_an_even_base_needs_one_more_than_half() -> None:
    assert Bar(100, Fraction(1, 2), strict=True).needed == 51


def test_a_threshold_reached_exactly_passes() -> None:
    bar = Bar(100, Fraction(1, 5), strict=False)
    assert (bar.needed, bar.passes(20), bar.passes(19)) == (20, True, False)
