"""The Kaplan–Markov P-value for a nonnegative population mean.

docs/audit.md §4.5. Stark, "Risk-limiting postelection audits: conservative P-values from
common probability inequalities" (IEEE TIFS 4(4), 2009): for draws with replacement and the null
"mean ≤ t", P_j = min(1, min_{i≤j} Π_{k≤i} (t + g)/(x_k + g)) (P5), g ≥ 0 the padding that
keeps a zero from ending the test. On the comparison assorter with an inflator γ > 1 and g = 0 it
is the P-value of Lindeman and Stark's "Gentle Introduction" (2012) comparison audit.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from fractions import Fraction

from sandogh.core.audit.errors import AuditInputError
from sandogh.core.audit.risk import Measurement, from_products, round_down
from sandogh.core.definition.problems import Problem

HALF = Fraction(1, 2)


def kaplan_markov(
    draws: Sequence[Fraction], padding: Fraction = Fraction(0), null_mean: Fraction = HALF
) -> Measurement:
    """The Kaplan–Markov P-value after each of `draws` (nonnegative, with replacement)."""
    problems = [Problem(f"draws[{i}]", f"{x} is negative") for i, x in enumerate(draws) if x < 0]
    if padding < 0:
        problems.append(Problem("padding", f"{padding} is negative"))
    if null_mean <= 0:
        problems.append(Problem("null_mean", f"{null_mean}: need more than 0"))
    if problems:
        raise AuditInputError(problems)
    return from_products(_products(draws, padding, null_mean))


def _products(draws: Sequence[Fraction], g: Fraction, t: Fraction) -> Iterator[Fraction]:
    # The product of (x + g)/(t + g) is the reciprocal of P5's; `from_products` inverts it.
    product = Fraction(1)
    for x in draws:
        product = round_down(product * (x + g) / (t + g))
        yield product
