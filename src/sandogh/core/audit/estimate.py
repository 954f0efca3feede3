"""How many cards a round should read: sample-size estimates before a round.

docs/audit.md §5. Estimates plan work and decide nothing, so they use floating point and round
up. Comparison: Lindeman and Stark, "A Gentle Introduction to Risk-Limiting Audits" (IEEE S&P
2012), after Stark, "Super-simple simultaneous single-ballot risk-limiting audits" (EVT/WOTE
2010) (E1). Polling, pairwise: the average sample number of Lindeman, Stark and Yates, "BRAVO"
(EVT/WOTE 2012) (E2). Polling, any assorter: Wald's approximation ln(1/α)/E[ln factor] for
ALPHA with replacement at η = ā, all mass on 0 and u (the worst case for a mean). A contest
needs the largest of its assertions' estimates.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from sandogh.core.audit.assertion import Assertion, Kind
from sandogh.core.audit.errors import AuditInputError
from sandogh.core.audit.reading import Totals
from sandogh.core.definition.problems import Problem


@dataclass(frozen=True)
class Discrepancies:
    """Expected rates per card of one- and two-"vote" overstatements (ω = u/2, u) and
    understatements (ω = −u/2, −u), as in the Gentle Introduction."""

    over1: Fraction = Fraction(0)
    over2: Fraction = Fraction(0)
    under1: Fraction = Fraction(0)
    under2: Fraction = Fraction(0)


def comparison_size(
    diluted_margin: Fraction,
    risk_limit: Fraction,
    inflator: Fraction,
    expected: Discrepancies = Discrepancies(),
) -> int | None:
    """(E1): cards to read; None when no sample can confirm (read everything).

    `diluted_margin` is v/u, the assorter margin over its bound (for a pairwise assertion the
    winner's votes minus the loser's over all cards).
    """
    _check(risk_limit)
    if inflator < 1:
        raise AuditInputError([Problem("inflator", f"{inflator}: need 1 or more")])
    gamma = float(inflator)
    rates = (
        (expected.over1, 1 - 1 / (2 * gamma)),
        (expected.over2, 1 - 1 / gamma),
        (expected.under1, 1 + 1 / (2 * gamma)),
        (expected.under2, 1 + 1 / gamma),
    )
    if expected.over2 and inflator == 1:
        return None  # a two-vote overstatement ends a test with γ = 1 (the factor is 0)
    penalty = sum(float(r) * math.log(f) for r, f in rates if r)
    denominator = float(diluted_margin) + 2 * gamma * penalty
    if denominator <= 0:
        return None
    return math.ceil(-2 * gamma * math.log(float(risk_limit)) / denominator)


def bravo_size(winner_share: Fraction, loser_share: Fraction, risk_limit: Fraction) -> int | None:
    """(E2), `winner_share` and `loser_share` of all ballots; None when the winner is not ahead."""
    _check(risk_limit)
    if winner_share <= loser_share:
        return None
    p_w, p_l = float(winner_share), float(loser_share)
    s_w = p_w / (p_w + p_l)
    numerator = math.log(1 / float(risk_limit)) + math.log(2 * s_w) / 2
    denominator = p_w * math.log(2 * s_w) + p_l * math.log(2 - 2 * s_w)
    return math.ceil(numerator / denominator)


def polling_size(mean: Fraction, upper: Fraction, risk_limit: Fraction) -> int | None:
    """Wald's approximation for any assorter of reported mean `mean` and bound `upper`."""
    _check(risk_limit)
    if mean <= Fraction(1, 2):
        return None
    share, t, u, a = float(mean / upper), 0.5, float(upper), float(mean)
    growth = share * math.log(a / t)
    if share < 1:
        growth += (1 - share) * math.log((u - a) / (u - t))
    if growth <= 0:
        return None
    return math.ceil(math.log(1 / float(risk_limit)) / growth)


def polling_size_for(assertion: Assertion, reported: Totals, risk_limit: Fraction) -> int | None:
    """(E2) for a pairwise assertion on single-mark ballots, else the general estimate."""
    assorter = assertion.assorter
    if assertion.kind is Kind.BEATS and assorter.max_marks == 1:
        winner, loser = assertion.subjects
        return bravo_size(
            Fraction(reported.votes.get(winner, 0), reported.cards),
            Fraction(reported.votes.get(loser, 0), reported.cards),
            risk_limit,
        )
    return polling_size(assorter.mean(reported), assorter.upper, risk_limit)


def comparison_size_for(
    assertion: Assertion,
    reported: Totals,
    risk_limit: Fraction,
    inflator: Fraction,
    expected: Discrepancies = Discrepancies(),
) -> int | None:
    """(E1) with the assertion's diluted margin v/u over the reported totals."""
    margin = assertion.assorter.margin(reported)
    if margin <= 0:
        return None
    return comparison_size(margin / assertion.assorter.upper, risk_limit, inflator, expected)


def largest(sizes: Iterable[int | None]) -> int | None:
    """A contest's (or a round's) estimate: the largest; None (a hand count) if any is None."""
    found = list(sizes)
    known = [n for n in found if n is not None]
    return None if len(known) < len(found) else max(known, default=0)


def _check(risk_limit: Fraction) -> None:
    if not 0 < risk_limit < 1:
        raise AuditInputError(
            [Problem("risk_limit", f"{risk_limit}: need more than 0 and less than 1")]
        )
