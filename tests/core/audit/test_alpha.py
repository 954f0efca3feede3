"""ALPHA (docs/audit.md §4.4) against the numbers of SHANGRLA's own tests and hand-worked cases.

pbstark/SHANGRLA, tests/core/test_NonnegMean.py: `test_sample_size` (a fixed alternative η = 3/4,
N = 1000, t = 1/2: 8 draws of 1 or 14 draws of 3/4 reach α = 5 %), `test_alpha_mart` (draws of
1/2 against t = 1/2 leave P = 1; against t = 10⁻⁴ every P after the first is below 10⁻⁴; N = 7,
t = 3/7: a last draw that makes the sample sum exceed N·t gives P = 0) and `test_shrink_trunc`
(the estimator's formula). Stark's ALPHA paper (2023) prints simulated mean sample sizes only;
its worked identity, BRAVO as ALPHA with a fixed η, is checked below.
"""

import math
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from sandogh.core.audit import Fixed, Reading, ShrinkTrunc, Step, alpha, bravo

FIVE = Fraction(1, 20)


def test_shangrla_sample_sizes_for_a_fixed_alternative() -> None:
    assert alpha([Fraction(1)] * 20, Fraction(1), Fixed(Fraction(3, 4)), 1000).draws_to(FIVE) == 8
    draws = [Fraction(3, 4)] * 30
    assert alpha(draws, Fraction(1), Fixed(Fraction(3, 4)), 1000).draws_to(FIVE) == 14


def test_shangrla_alpha_mart_with_a_fixed_alternative_of_three_quarters() -> None:
    # SHANGRLA's default estimator: the fixed alternative η = t + (u − t)/2, N = 10⁶.
    halves = [Fraction(1, 2)] * 5
    eta, n = Fixed(Fraction(3, 4)), 10**6
    assert alpha(halves, Fraction(1), eta, n).history == (Fraction(1),) * 5
    tiny = Fraction(1, 10**4)
    assert all(p < tiny for p in alpha(halves, Fraction(1), eta, n, tiny).history[1:])
    rising = [Fraction(k, 10) for k in (6, 8, 10, 12, 14)]
    assert all(p < tiny for p in alpha(rising, Fraction(2), eta, n, tiny).history[1:])


def test_with_replacement_a_fixed_alternative_grows_by_eta_over_t() -> None:
    # (3/4 · 2)^8 = 25.6 ≥ 20 > (3/2)^7
    m = alpha([Fraction(1)] * 8, Fraction(1), Fixed(Fraction(3, 4)), None)
    assert m.history[-1] == Fraction(2, 3) ** 8
    assert m.draws_to(FIVE) == 8


def test_a_sample_sum_above_n_t_gives_zero_and_earlier_p_values_do_not_see_the_last_draw() -> None:
    t = Fraction(3, 7)
    one = [Fraction(x) for x in (1, 0, 1, 1, 0, 0, 1)]
    two = [Fraction(x) for x in (1, 0, 1, 1, 0, 0, 0)]
    first = alpha(one, Fraction(1), ShrinkTrunc(Fraction(3, 4)), 7, t)
    second = alpha(two, Fraction(1), ShrinkTrunc(Fraction(3, 4)), 7, t)
    assert first.p_value == 0
    assert first.history[:-1] == second.history[:-1]
    assert second.p_value > 0


def test_shrink_trunc_is_the_formula_of_alpha() -> None:
    eta0, t, u, d = Fraction(11, 20), Fraction(1, 2), Fraction(1), 10
    c = (eta0 - t) / 2
    estimator = ShrinkTrunc(eta0, d)
    total, mu, j = Fraction(3), Fraction(9, 20), 5
    got = estimator.eta(Step(j, total, Fraction(3), mu, t, u, None))
    eps = c / math.sqrt(d + j - 1)
    want = min(max((d * eta0 + total) / (d + j - 1), mu + eps), u - eps)
    # η is kept on a grid of 2^−48 and √ is taken low (docs/audit.md §4.7): nothing more
    assert abs(float(got) - float(want)) < 2**-46


@given(st.lists(st.sampled_from(["w", "l", "o"]), max_size=60))
def test_bravo_is_alpha_with_a_fixed_eta_and_replacement(choices: list[str]) -> None:
    share = Fraction(3, 5)
    readings = [Reading.vote(c) for c in choices]
    draws = [{"w": Fraction(1), "l": Fraction(0), "o": Fraction(1, 2)}[c] for c in choices]
    assert alpha(draws, Fraction(1), Fixed(share), None) == bravo(readings, "w", "l", 3, 2)


@settings(max_examples=40)
@given(st.lists(st.fractions(min_value=0, max_value=1, max_denominator=4), max_size=50))
def test_the_p_value_never_rises_and_stays_in_0_1(draws: list[Fraction]) -> None:
    m = alpha(draws, Fraction(1), ShrinkTrunc(Fraction(3, 5)), 100)
    assert all(0 <= p <= 1 for p in m.history)
    assert all(b <= a for a, b in zip(m.history, m.history[1:], strict=False))


def test_an_estimate_below_mu_never_bets_on_a_low_mean() -> None:
    # c = 3/5 cuts η to u − 3/5 = 2/5 < μ = 1/2: a bet that zeros are likely, which a null with
    # mean 0 would reward. η is held at μ instead, the factor is 1 and nothing is confirmed.
    m = alpha([Fraction(0)] * 20, Fraction(1), ShrinkTrunc(Fraction(3, 5), d=1, c=Fraction(3, 5)))
    assert m.p_value == 1
