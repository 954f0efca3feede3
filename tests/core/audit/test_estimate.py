"""Sample-size estimates (docs/audit.md §5).

Lindeman and Stark, "A Gentle Introduction to Risk-Limiting Audits" (IEEE S&P 10(5), 2012): with
γ = 1.03905 and no discrepancies the comparison sample is 2γ·ln(1/α)/μ, "4.8/μ" at α = 10 %: 96
cards for a 5 % margin. BRAVO (Lindeman, Stark, Yates, EVT/WOTE 2012): the ASN formula (E2),
worked by hand and against the means of the paper's Table 1 (tests/core/audit/published.py;
test_bravo.py checks its percentiles).
"""

import math
from fractions import Fraction

from sandogh.core.audit import (
    GENTLE_INFLATOR,
    Assertion,
    Discrepancies,
    Kind,
    Totals,
    above_share,
    bravo_size,
    comparison_size,
    comparison_size_for,
    largest,
    pairwise,
    polling_size,
    polling_size_for,
)
from sandogh.core.definition.rule import Base
from tests.core.audit.published import BRAVO_TABLE_1

TEN = Fraction(1, 10)


def test_gentle_four_point_eight_over_the_margin() -> None:
    rho = 2 * float(GENTLE_INFLATOR) * math.log(10)
    assert round(rho, 1) == 4.8
    assert comparison_size(Fraction(1, 20), TEN, GENTLE_INFLATOR) == 96


def test_expected_overstatements_raise_the_estimate_and_too_many_end_in_a_hand_count() -> None:
    some = Discrepancies(over1=Fraction(1, 1000))
    assert comparison_size(Fraction(1, 20), TEN, GENTLE_INFLATOR, some) > 96
    many = Discrepancies(over2=Fraction(1, 10))
    assert comparison_size(Fraction(1, 20), TEN, GENTLE_INFLATOR, many) is None
    assert comparison_size(Fraction(1, 20), TEN, Fraction(1), Discrepancies(over2=TEN)) is None


def test_bravo_asn_by_hand() -> None:
    # p_w = 0.55, p_l = 0.45, α = 0.1: (ln 10 + ln 1.1 / 2)/(0.55 ln 1.1 + 0.45 ln 0.9) = 469.3
    assert bravo_size(Fraction(55, 100), Fraction(45, 100), TEN) == 470
    assert bravo_size(Fraction(1, 2), Fraction(1, 2), TEN) is None


def test_bravo_asn_against_the_means_of_bravo_table_1() -> None:
    # Table 1's last column is the mean number of ballots of simulated audits; (E2) is Wald's
    # approximation of it. They agree within 0.06 % at every margin from 40 % to 1 % (46,151
    # against 46,126 at 1 %), and (E2) rounded up is never below the table: a plan from (E2)
    # is never short of the paper's mean.
    for margin, row in BRAVO_TABLE_1.items():
        mean = row[5]
        asn = bravo_size((1 + margin) / 2, (1 - margin) / 2, TEN)
        assert asn is not None
        assert mean <= asn <= mean * Fraction(10006, 10000) + 1


def test_starks_comparison_tool_sizes_as_arlo_cites_them() -> None:
    # votingworks/arlo, server/tests/audit_math/test_supersimple.py `true_sample_sizes` ("From
    # Stark's tool", the Gentle Introduction's comparison audit at α = 10 %, γ = 1.03905): 27,
    # 54, 36 and 40 cards for diluted margins 20 %, 10 %, 15 % and 2/15. The tool expects one
    # one-vote overstatement and one understatement in the sample (the default rates of 1 in
    # 1,000 of a first estimate, rounded up) and no two-vote ones (1 in 10,000, rounded): (E1)
    # with those counts spread over the n cards it gives.
    for margin, n in [
        (Fraction(20, 100), 27),
        (Fraction(10, 100), 54),
        (Fraction(15, 100), 36),
        (Fraction(2, 15), 40),
    ]:
        one_each = Discrepancies(over1=Fraction(1, n), under1=Fraction(1, n))
        assert comparison_size(margin, TEN, GENTLE_INFLATOR, one_each) == n


def test_the_general_polling_estimate_is_no_smaller_than_bravos_for_two_candidates() -> None:
    # All mass on 0 and u is the worst spread of a mean: it needs at least BRAVO's sample.
    estimate = polling_size(Fraction(55, 100), Fraction(1), TEN)
    assert estimate is not None
    assert estimate >= 460
    assert polling_size(Fraction(1, 2), Fraction(1), TEN) is None


def test_per_assertion_and_per_contest() -> None:
    reported = Totals(1000, 1000, 950, {"w": 550, "l": 400})
    beats = Assertion("beats w l", Kind.BEATS, ("w", "l"), pairwise("w", "l"))
    # p_w = 0.55, p_l = 0.40 of all ballots, the others neither: BRAVO's ASN (E2)
    assert polling_size_for(beats, reported, TEN) == bravo_size(
        Fraction(55, 100), Fraction(40, 100), TEN
    )
    # diluted margin 15 %: ⌈2γ ln 10 / 0.15⌉
    want = math.ceil(2 * float(GENTLE_INFLATOR) * math.log(10) / 0.15)
    assert comparison_size_for(beats, reported, TEN, GENTLE_INFLATOR) == want
    above = Assertion(
        "above-share w", Kind.ABOVE, ("w",), above_share("w", Fraction(1, 2), Base.CAST)
    )
    polled = polling_size_for(above, reported, TEN)
    assert polled is not None
    assert largest([polled, 7]) == polled
    assert largest([polled, None]) is None
