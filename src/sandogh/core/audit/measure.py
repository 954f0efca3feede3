"""The risk of one assertion, from the readings of one audit kind, with ALPHA by default.

docs/audit.md §4: ballot polling tests the assorter of each paper read; ballot-level and batch
comparison test the comparison assorter of each card or station; each gives a sequentially
valid P-value per draw (ALPHA, Stark 2023; Kaplan–Markov, Stark 2009, for comparison).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from fractions import Fraction
from typing import TypeVar

from sandogh.core.audit.alpha import ShrinkTrunc, alpha
from sandogh.core.audit.assorter import Assorter
from sandogh.core.audit.comparison import Comparison
from sandogh.core.audit.errors import AuditInputError
from sandogh.core.audit.kaplan_markov import kaplan_markov
from sandogh.core.audit.reading import Reading, Totals
from sandogh.core.audit.risk import Measurement
from sandogh.core.definition.problems import Problem

HALF = Fraction(1, 2)
K = TypeVar("K", bound=Hashable)


def polling(
    assorter: Assorter,
    reported: Totals,
    papers: Sequence[Reading | None],
    population: int | None,
    d: int = 100,
) -> Measurement:
    """ALPHA on a(paper), η_0 the reported mean (docs/audit.md §4.1, §4.4).

    `reported` are the count's totals over the whole population: its `cards` are N, the cards
    without the contest included (they score 1/2).
    """
    if population is not None and population != reported.cards:
        raise AuditInputError(
            [Problem("population", f"{population} cards, the reported totals {reported.cards}")]
        )
    eta0 = assorter.mean(reported)
    if eta0 <= HALF:
        raise AuditInputError(
            [Problem("reported", f"assorter mean {eta0}: only a full hand count can confirm")]
        )
    return alpha(_values(assorter.score, papers), assorter.upper, ShrinkTrunc(eta0, d), population)


def card_comparison(
    comparison: Comparison,
    pairs: Sequence[tuple[Reading | None, Reading | None]],
    population: int | None,
    d: int = 100,
) -> Measurement:
    """ALPHA on B of (record, paper) pairs, η_0 the clean value, f = 1 (§4.2, §4.4)."""
    draws = _values(lambda pair: comparison.card(*pair), pairs)
    return alpha(draws, comparison.upper, _comparing(comparison, d), population)


def card_comparison_km(
    comparison: Comparison, pairs: Sequence[tuple[Reading | None, Reading | None]]
) -> Measurement:
    """Kaplan–Markov on B (§4.5), for cards drawn with replacement: the Gentle Introduction's
    P-value when the inflator is > 1."""
    return kaplan_markov(_values(lambda pair: comparison.card(*pair), pairs))


def batch_comparison(
    comparison: Comparison, stations: Sequence[tuple[Totals, Totals | None]], d: int = 100
) -> Measurement:
    """ALPHA with replacement on B of (tally sheet, hand count) per station drawn PPS (§4.3)."""
    draws = [comparison.batch(reported, hand) for reported, hand in stations]
    return alpha(draws, comparison.upper, _comparing(comparison, d), None)


def _values(value: Callable[[K], Fraction], keys: Sequence[K]) -> list[Fraction]:
    """`value` of each key, computed once per distinct key: a contest's cards show a handful of
    distinct readings, and scoring one in Fractions costs more than the risk's step for it
    (bench/audit.py). The values are the same Fractions either way."""
    known: dict[K, Fraction] = {}
    values = []
    for key in keys:
        if key not in known:
            known[key] = value(key)
        values.append(known[key])
    return values


def _comparing(comparison: Comparison, d: int) -> ShrinkTrunc:
    # B of clean paper is one value: f > 0 moves η towards u while the draws barely vary, where
    # the mean alone (f = 0) would bet next to nothing (docs/audit.md §4.4).
    return ShrinkTrunc(comparison.clean, d, f=Fraction(1))
