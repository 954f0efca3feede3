"""The linear assorter (docs/audit.md §2.1): SHANGRLA's assorters, bounds, totals, margins."""

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sandogh.core.audit import (
    Assorter,
    AuditInputError,
    Reading,
    Totals,
    above_share,
    below_share,
    pairwise,
)
from sandogh.core.counting.tally import Counts
from sandogh.core.definition.rule import Base

W, L, OTHER = Reading.vote("w"), Reading.vote("l"), Reading.vote("o")
BAD, NONE = Reading.invalid(), Reading.absent()


def test_pairwise_is_shangrlas_plurality_assorter() -> None:
    a = pairwise("w", "l")
    assert [a.score(r) for r in (W, L, OTHER, BAD, NONE)] == [
        1,
        0,
        Fraction(1, 2),
        *[Fraction(1, 2)] * 2,
    ]
    assert a.upper == 1
    assert a.score(None) == 0  # a paper not found is the worst case


def test_majority_of_cast_counts_an_invalid_ballot_against_the_candidate() -> None:
    a = above_share("w", Fraction(1, 2), Base.CAST)
    assert [a.score(r) for r in (W, L, BAD, NONE)] == [1, 0, 0, Fraction(1, 2)]
    assert a.upper == 1


def test_shangrlas_super_majority_of_two_thirds_scores_three_quarters() -> None:
    # pbstark/SHANGRLA tests/core/test_Assertion.py `test_supermajority_assorter`
    a = above_share("w", Fraction(2, 3), Base.VALID)
    assert [a.score(r) for r in (W, L, BAD)] == [Fraction(3, 4), 0, Fraction(1, 2)]


def test_threshold_of_valid_leaves_an_invalid_ballot_out() -> None:
    a = above_share("w", Fraction(1, 5), Base.VALID, max_marks=30)
    assert [a.score(r) for r in (W, L, BAD, NONE)] == [
        Fraction(5, 2),
        0,
        Fraction(1, 2),
        Fraction(1, 2),
    ]
    assert a.upper == Fraction(5, 2)
    below = below_share("w", Fraction(1, 5), Base.VALID, max_marks=30)
    assert [below.score(r) for r in (W, L, BAD)] == [0, Fraction(5, 8), Fraction(1, 2)]
    assert below.upper == Fraction(5, 8)


def test_a_reading_is_cast_if_valid_and_marked_only_if_valid() -> None:
    with pytest.raises(AuditInputError, match="cast"):
        Reading(frozenset({"w"}), valid=True, cast=False)
    with pytest.raises(AuditInputError, match="marks"):
        Reading(frozenset({"w"}), valid=False, cast=True)


def test_an_assertion_that_cannot_fail_is_refused() -> None:
    with pytest.raises(AuditInputError, match="tests nothing"):
        Assorter({"w": Fraction(1)}, Fraction(0), Fraction(0), 1)
    with pytest.raises(AuditInputError, match="share"):
        above_share("w", Fraction(1), Base.CAST)


readings = st.one_of(
    st.just(BAD),
    st.just(NONE),
    st.sets(st.sampled_from("wlxyz"), min_size=1, max_size=3).map(lambda s: Reading.vote(*s)),
)
weights = st.fractions(min_value=-3, max_value=3, max_denominator=7)


@settings(max_examples=40)
@given(
    st.dictionaries(st.sampled_from("wlxyz"), weights, min_size=1),
    weights,
    weights,
    st.lists(readings, max_size=40),
)
def test_the_assorter_is_in_bounds_its_total_adds_up_and_its_margin_is_the_assertion(
    marks: dict[str, Fraction], valid: Fraction, cast: Fraction, cards: list[Reading]
) -> None:
    try:
        a = Assorter(marks, valid, cast, 3)
    except AuditInputError:
        return
    scores = [a.score(r) for r in cards]
    assert all(0 <= s <= a.upper for s in scores)
    totals = Totals.of(cards)
    assert a.total(totals) == sum(scores, Fraction(0))
    if cards:
        assert (a.margin(totals) > 0) == (sum((a.g(r) for r in cards), Fraction(0)) > 0)


def test_totals_of_a_tally_sheet() -> None:
    counts = Counts(cast=100, valid=90, votes={"w": 50, "l": 40})
    assert Totals.of_counts(counts) == Totals(100, 100, 90, {"w": 50, "l": 40})
    assert Totals.of_counts(counts, cards=120).cards == 120  # 20 cards without the contest
    with pytest.raises(AuditInputError, match="cards"):
        Totals.of_counts(counts, cards=99)
