"""The risk of an assertion from readings (docs/audit.md §4): a correct outcome with clean paper
stops; paper that shows another winner is confirmed at most at the risk limit's rate over
seeded simulations (the tests' own randomness; the core draws nothing)."""

import random
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sandogh.core.audit import (
    GENTLE_INFLATOR,
    AuditInputError,
    Comparison,
    Discrepancies,
    Reading,
    ShrinkTrunc,
    Totals,
    alpha,
    assertions_for,
    batch_comparison,
    bravo,
    card_comparison,
    card_comparison_km,
    comparison_size,
    kaplan_markov,
    pairwise,
    polling,
)
from sandogh.core.counting.tally import Counts
from sandogh.core.definition.rule import ThresholdRule
from sandogh.core.rules import decide
from tests.core.rules.build import candidates, constituency

W, L, OTHER = Reading.vote("w"), Reading.vote("l"), Reading.vote("o")
TEN = Fraction(1, 10)
WL = pairwise("w", "l")


def _population(wins: int, loses: int, others: int) -> list[Reading]:
    return [W] * wins + [L] * loses + [OTHER] * others


def test_polling_a_correct_outcome_with_clean_paper_stops() -> None:
    paper = _population(600, 350, 50)
    reported = Totals.of(paper)
    random.Random(11).shuffle(paper)
    m = polling(WL, reported, paper[:300], population=len(paper))
    stop = m.draws_to(TEN)
    assert stop is not None
    assert stop < 100


@settings(max_examples=10)
@given(st.fractions(min_value=Fraction(1, 20), max_value=Fraction(1, 2), max_denominator=100))
def test_comparison_with_clean_paper_stops_within_the_gentle_estimate(margin: Fraction) -> None:
    comparison = Comparison(WL, margin, GENTLE_INFLATOR)
    estimate = comparison_size(margin, TEN, GENTLE_INFLATOR)
    assert estimate is not None
    clean = [(W, W)] * estimate
    stop = card_comparison_km(comparison, clean).draws_to(TEN)
    assert stop is not None
    assert stop <= estimate  # −ln(1 − x) ≥ x: the estimate (E1) is never short for clean paper
    assert card_comparison(comparison, clean, 10**6).draws_to(TEN) is not None


def test_a_two_vote_overstatement_costs_more_paper_than_a_clean_run() -> None:
    comparison = Comparison(WL, Fraction(1, 10), GENTLE_INFLATOR)
    clean = card_comparison(comparison, [(W, W)] * 400, 10_000).draws_to(TEN)
    flipped = [(W, W)] * 10 + [(W, L)] + [(W, W)] * 400
    late = card_comparison(comparison, flipped, 10_000).draws_to(TEN)
    assert clean is not None
    assert late is not None
    assert late > clean


def test_batch_comparison_clean_stations_stop_and_a_station_counted_for_the_loser_does_not() -> (
    None
):
    stations = [Totals(100, 100, 98, {"w": 60, "l": 38}) for _ in range(40)]
    reported = Totals(4000, 4000, 3920, {"w": 2400, "l": 1520})
    comparison = Comparison(WL, WL.margin(reported))
    clean = batch_comparison(comparison, [(s, s) for s in stations])
    assert clean.confirms(TEN)
    swapped = Totals(100, 100, 98, {"w": 38, "l": 60})
    bad = batch_comparison(comparison, [(stations[0], swapped)] * 3)
    assert not bad.confirms(TEN)
    assert bad.p_value == 1


def test_wrong_outcomes_are_confirmed_at_most_at_the_risk_limit_rate() -> None:
    # The count said w won 500 to 400; the paper says l won 480 to 420: 80 cards were counted
    # for w that show l. Each audit reads at most 50 cards, then goes to a full hand count.
    paper = _population(420, 480, 100)
    reported = Totals.of(_population(500, 400, 100))
    records = [W] * 500 + [L] * 400 + [OTHER] * 100
    cards = list(zip(records, _population(420, 80, 0) + [L] * 400 + [OTHER] * 100, strict=True))
    comparison = Comparison(WL, WL.margin(reported))
    rng = random.Random(20261206)
    runs, polled, compared, bravoed = 50, 0, 0, 0
    for _ in range(runs):
        rng.shuffle(paper)
        polled += polling(WL, reported, paper[:50], population=1000).confirms(TEN)
        rng.shuffle(cards)
        compared += card_comparison(comparison, cards[:50], population=1000).confirms(TEN)
        drawn = [rng.choice(paper) for _ in range(200)]
        bravoed += bravo(drawn, "w", "l", 500, 400).confirms(TEN)
    assert polled <= TEN * runs
    assert compared <= TEN * runs
    assert bravoed <= TEN * runs


def test_a_majlis_constituency_by_polling_every_assertion_its_p_value() -> None:
    # Two seats, ballots of up to two names: 20 % of 770 valid ballots is 154, which all four
    # reach; the two most voted take the seats, so each beats the other two.
    ballots = (
        [Reading.vote("A", "B")] * 300
        + [Reading.vote("A", "C")] * 200
        + [Reading.vote("B", "D")] * 150
        + [Reading.vote("C")] * 100
        + [Reading.vote("D")] * 20
        + [Reading.invalid()] * 50
    )
    reported = Totals.of(ballots)
    votes = dict(reported.votes)
    outcome = decide(
        ThresholdRule(),
        constituency(2),
        candidates(votes),
        Counts(cast=reported.cast, valid=reported.valid, votes=votes),
    )
    assert outcome.elected == ("A", "B")
    found = assertions_for(outcome, votes)
    assert [a.key for a in found] == [
        "above-share A",
        "above-share B",
        "beats A C",
        "beats A D",
        "beats B C",
        "beats B D",
    ]
    random.Random(7).shuffle(ballots)
    sample = ballots[:120]
    risks = {a.key: polling(a.assorter, reported, sample, population=len(ballots)) for a in found}
    assert all(m.p_value < 1 for m in risks.values())
    contest = max(m.p_value for m in risks.values())  # every assertion must be confirmed
    assert contest <= Fraction(1, 20)


def test_polling_needs_the_totals_of_the_whole_population() -> None:
    paper = _population(60, 30, 10)
    with pytest.raises(AuditInputError, match="population"):
        polling(WL, Totals.of(paper), paper[:10], population=1000)


def test_batch_comparison_of_a_wrong_outcome_is_confirmed_at_most_at_the_risk_limit_rate() -> None:
    # 40 stations of 100 cards, each reported w 60, l 38; in 22 of them the hand count is
    # l 60, w 38, so the paper has l ahead, 2004 to 1916. Stations drawn by size (all equal
    # here), with replacement, at most 40 draws per audit.
    sheet = Totals(100, 100, 98, {"w": 60, "l": 38})
    flipped = Totals(100, 100, 98, {"w": 38, "l": 60})
    stations = [(sheet, flipped)] * 22 + [(sheet, sheet)] * 18
    comparison = Comparison(WL, WL.margin(Totals(4000, 4000, 3920, {"w": 2400, "l": 1520})))
    rng = random.Random(611)
    runs = 50
    confirmed = sum(
        batch_comparison(comparison, [rng.choice(stations) for _ in range(40)]).confirms(TEN)
        for _ in range(runs)
    )
    assert confirmed <= TEN * runs


def test_a_threshold_the_paper_does_not_reach_is_confirmed_at_most_at_the_risk_limit_rate() -> None:
    # Reported: A on 260 of 1000 valid ballots, above 20 %; the paper: A on 190, below it.
    found = assertions_for(
        decide(
            ThresholdRule(),
            constituency(3),
            candidates(["A", "B", "C"]),
            Counts(cast=1000, valid=1000, votes={"A": 260, "B": 700, "C": 500}),
        ),
        ["A", "B", "C"],
    )
    above = next(a for a in found if a.key == "above-share A")
    reported = Totals(1000, 1000, 1000, {"A": 260, "B": 700, "C": 500})
    paper = (
        [Reading.vote("A", "B")] * 190
        + [Reading.vote("B", "C")] * 500
        + [Reading.vote("B")] * 10
        + [Reading.vote("C")] * 300
    )
    rng = random.Random(20)
    runs, confirmed = 50, 0
    for _ in range(runs):
        rng.shuffle(paper)
        confirmed += polling(above.assorter, reported, paper[:60], 1000).confirms(TEN)
    assert confirmed <= TEN * runs


def test_the_gentle_comparison_p_value_by_hand() -> None:
    # Lindeman and Stark, "A Gentle Introduction to Risk-Limiting Audits" (IEEE S&P 10(5), 2012),
    # ballot-level comparison: with γ = 1.03905 and diluted margin μ each clean card multiplies
    # P by 1 − μ/(2γ) and a one-vote overstatement divides it by 1 − 1/(2γ). At μ = 5 %, α = 10 %:
    # ⌈ln 10 / −ln(1 − 0.05/2.0781)⌉ = 95 clean cards (the estimate "4.8/μ" (E1) says 96), and
    # with one one-vote overstatement among the cards ⌈ln(10/(1 − 1/2.0781)) /
    # −ln(1 − 0.05/2.0781)⌉ = 122 cards ((E1) with that one overstatement expected: 123).
    margin = Fraction(1, 20)
    comparison = Comparison(WL, margin, GENTLE_INFLATOR)
    clean = card_comparison_km(comparison, [(W, W)] * 95)
    assert clean.draws_to(TEN) == 95
    one_over = card_comparison_km(comparison, [(W, OTHER)] + [(W, W)] * 121)
    assert one_over.draws_to(TEN) == 122
    gamma = GENTLE_INFLATOR
    exact = (1 - margin / (2 * gamma)) ** 122 / (1 - 1 / (2 * gamma))
    assert exact <= one_over.p_value <= exact * (1 + Fraction(1, 2**88))
    assert comparison_size(margin, TEN, gamma) == 96
    assert comparison_size(margin, TEN, gamma, Discrepancies(over1=Fraction(1, 123))) == 123


@settings(max_examples=25)
@given(
    st.lists(st.sampled_from([W, L, OTHER, Reading.invalid(), None]), max_size=80),
    st.lists(st.sampled_from([W, L, OTHER, None]), max_size=80),
)
def test_scoring_each_distinct_reading_once_gives_the_same_fractions(
    papers: list[Reading | None], records: list[Reading | None]
) -> None:
    # measure.py scores each distinct reading once (bench/audit.py): the P-values are the very
    # Fractions of scoring every card, which `sandogh audit verify` re-derives
    reported = Totals(1000, 1000, 950, {"w": 520, "l": 380, "o": 50})
    comparison = Comparison(WL, WL.margin(reported), GENTLE_INFLATOR)
    pairs = list(zip(records, papers, strict=False))
    each = [comparison.card(record, paper) for record, paper in pairs]
    assert polling(WL, reported, papers, 1000) == alpha(
        [WL.score(p) for p in papers], WL.upper, ShrinkTrunc(WL.mean(reported)), 1000
    )
    assert card_comparison(comparison, pairs, 1000) == alpha(
        each, comparison.upper, ShrinkTrunc(comparison.clean, f=Fraction(1)), 1000
    )
    assert card_comparison_km(comparison, pairs) == kaplan_markov(each)
