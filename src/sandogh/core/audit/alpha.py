"""ALPHA: the test supermartingale for a bounded population mean, with the shrink-trunc estimator.

docs/audit.md §4.4. Stark, "ALPHA: Audit that Learns from Previously Hand-Audited Ballots"
(Annals of Applied Statistics 17(1), 2023): for draws x_j ∈ [0, u] and the null "mean ≤ t",
μ_j = (N·t − S_{j−1})/(N − j + 1) (t with replacement), T_j = Π [x_i·η_i/μ_i + (u − x_i)·(u −
η_i)/(u − μ_i)]/u, P = min(1, 1/max T) (P1–P3), with η_j the truncated shrinkage estimator
(P4). Exact fractions, the product rounded down after each draw (`risk`).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction

from sandogh.core.audit.errors import AuditInputError
from sandogh.core.audit.risk import Measurement, from_products, round_down_ratio
from sandogh.core.definition.problems import Problem

HALF = Fraction(1, 2)
_ONE_BITS = 48
_ONE = 1 << _ONE_BITS  # the estimator's fixed point: η is a multiple of 2^−48


@dataclass(frozen=True)
class Step:
    """What an estimator may know before draw `j` (1-based): the earlier draws' sum and sum of
    squares, μ_j, the null mean t, the bound u and N (None: with replacement)."""

    j: int
    total: Fraction
    squares: Fraction
    mu: Fraction
    t: Fraction
    u: Fraction
    population: int | None

    @property
    def variance(self) -> Fraction:
        """The earlier draws' population variance (the value of Welford's method)."""
        count = self.j - 1
        mean = self.total / count
        return self.squares / count - mean * mean


@dataclass(frozen=True)
class ShrinkTrunc:
    """(P4): the mean so far shrunk towards `eta0` (weight `d` draws) and, with weight
    `f`/sd_j, towards u; kept within ε_j = c/√(d + j − 1) of μ_j and of u (ALPHA, shrink-trunc)."""

    eta0: Fraction
    d: int = 100
    f: Fraction = Fraction(0)
    c: Fraction | None = None  # None: (eta0 − t)/2
    minsd: Fraction = Fraction(1, 10**6)

    def __post_init__(self) -> None:
        if self.d < 1 or self.f < 0 or self.minsd <= 0:
            raise AuditInputError(
                [Problem("shrink_trunc", f"d={self.d}, f={self.f}, minsd={self.minsd}")]
            )

    def eta(self, step: Step) -> Fraction:
        """η_j before draw j, computed in integers scaled by 2^48 and floored at each step: the
        result is on the grid of docs/audit.md §4.7 and the same on every machine."""
        j, weight = step.j, self.d + step.j - 1
        eta0, mu, u = _fixed(self.eta0), _fixed(step.mu), _fixed(step.u)
        c = (eta0 - _fixed(step.t)) // 2 if self.c is None else _fixed(self.c)
        eps = (c << _ONE_BITS) // math.isqrt(weight << (2 * _ONE_BITS))
        shrunk = (self.d * eta0 + _fixed(step.total)) // weight
        if self.f:
            sd = _ONE if j < 3 else max(math.isqrt(_fixed(step.variance) << _ONE_BITS), 1)
            sd = max(sd, _fixed(self.minsd))
            pull = (_fixed(self.f) << _ONE_BITS) // sd  # f/σ_j
            shrunk = ((shrunk << _ONE_BITS) + u * pull) // (_ONE + pull)
        return Fraction(max(min(max(shrunk, mu + eps), u - eps), 0), _ONE)


@dataclass(frozen=True)
class Fixed:
    """A fixed alternative: the population mean is `eta0` (BRAVO's η with replacement); without
    replacement, η_j = (N·η0 − S_{j−1})/(N − j + 1), the mean left if it is (ALPHA)."""

    eta0: Fraction

    def eta(self, step: Step) -> Fraction:
        n = step.population
        if n is None:
            return self.eta0
        left = (n * self.eta0 - step.total) / (n - step.j + 1)
        return min(max(left, Fraction(0)), step.u)


def alpha(
    draws: Sequence[Fraction],
    upper: Fraction,
    estimator: ShrinkTrunc | Fixed,
    population: int | None = None,
    null_mean: Fraction = HALF,
) -> Measurement:
    """The ALPHA P-value after each of `draws` (in draw order), values in [0, `upper`].

    `population` is N for sampling without replacement, None for with replacement.
    """
    _check(draws, upper, estimator.eta0, population, null_mean)
    return from_products(_products(draws, upper, estimator, population, null_mean))


def _products(
    draws: Sequence[Fraction],
    u: Fraction,
    estimator: ShrinkTrunc | Fixed,
    population: int | None,
    t: Fraction,
) -> Iterator[Fraction | None]:
    product = Fraction(1)
    total = squares = Fraction(0)
    for j, x in enumerate(draws, 1):
        mu = t if population is None else (population * t - total) / (population - j + 1)
        if mu < 0:
            yield None  # the draws already exceed N·t: the null is false
            continue
        if mu > u:
            product = Fraction(0)  # the rest would have to exceed u: the null holds
        elif 0 < mu < u and product > 0:
            # η below μ would bet on a mean below t, which the null allows: never less than μ
            eta = min(max(estimator.eta(Step(j, total, squares, mu, t, u, population)), mu), u)
            num, den = _factor(x, eta, mu, u)
            product = round_down_ratio(product.numerator * num, product.denominator * den)
        total += x
        squares += x * x
        if population is not None and j == population and total > population * t:
            yield None
            continue
        yield product


def _fixed(x: Fraction) -> int:
    """⌊x·2^48⌋."""
    return (x.numerator << _ONE_BITS) // x.denominator


def _factor(x: Fraction, eta: Fraction, mu: Fraction, u: Fraction) -> tuple[int, int]:
    """(P2)'s factor [x·η/μ + (u − x)(u − η)/(u − μ)]/u, exactly, as numerator and denominator
    (not reduced: reducing costs more than it saves in the product that follows)."""
    xn, xd = x.numerator, x.denominator
    en, ed = eta.numerator, eta.denominator
    mn, md = mu.numerator, mu.denominator
    un, ud = u.numerator, u.denominator
    first_n, first_d = xn * en * md, xd * ed * mn
    rest = un * md - mn * ud  # (u − μ)·ud·md
    second_n = (un * xd - xn * ud) * (un * ed - en * ud) * md
    second_d = xd * ed * ud * rest
    return (first_n * second_d + second_n * first_d) * ud, first_d * second_d * un


def _check(
    draws: Sequence[Fraction],
    u: Fraction,
    eta0: Fraction,
    population: int | None,
    t: Fraction,
) -> None:
    problems = [
        Problem(f"draws[{i}]", f"{x} is outside [0, {u}]")
        for i, x in enumerate(draws)
        if not 0 <= x <= u
    ]
    if not 0 < t < u:
        problems.append(Problem("null_mean", f"{t}: need more than 0 and less than {u}"))
    if not t < eta0 <= u:
        problems.append(Problem("eta0", f"{eta0}: need more than {t} and at most {u}"))
    if population is not None and len(draws) > population:
        problems.append(Problem("draws", f"{len(draws)} draws from {population} cards"))
    if problems:
        raise AuditInputError(problems)
