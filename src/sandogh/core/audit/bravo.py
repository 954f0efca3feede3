"""BRAVO: Wald's sequential probability ratio test for a pairwise assertion, ballot polling.

docs/audit.md §4.6. Lindeman, Stark and Yates, "BRAVO: Ballot-polling Risk-limiting Audits to
Verify Outcomes" (EVT/WOTE 2012): with s_w = p_w/(p_w + p_l) the reported share of the winner
among ballots for either, T starts at 1 and each drawn ballot multiplies it by 2·s_w (for w),
2·(1 − s_w) (for l) or 1 (neither); P = min(1, 1/max T). Draws are with replacement.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from fractions import Fraction

from sandogh.core.audit.errors import AuditInputError
from sandogh.core.audit.reading import Reading
from sandogh.core.audit.risk import Measurement, from_products, round_down
from sandogh.core.definition.problems import Problem


def bravo(
    readings: Sequence[Reading | None], winner: str, loser: str, winner_votes: int, loser_votes: int
) -> Measurement:
    """The BRAVO P-value after each reading; a card not found (None) counts for the loser."""
    if winner_votes <= loser_votes or loser_votes < 0:
        raise AuditInputError(
            [Problem("votes", f"{winner_votes} for {winner} must exceed {loser_votes} for {loser}")]
        )
    share = Fraction(winner_votes, winner_votes + loser_votes)
    return from_products(_products(readings, winner, loser, share))


def _products(
    readings: Sequence[Reading | None], winner: str, loser: str, share: Fraction
) -> Iterator[Fraction]:
    product = Fraction(1)
    for reading in readings:
        marks = reading.marks if reading is not None and reading.valid else frozenset()
        for_w, for_l = winner in marks, loser in marks or reading is None
        if for_w and not for_l:
            product = round_down(product * 2 * share)
        elif for_l and not for_w:
            product = round_down(product * 2 * (1 - share))
        yield product
