"""The comparison assorter: a paper or a station against what the count reported for it.

docs/audit.md §4.2–4.3. Stark, "SHANGRLA" (2020), comparison audits: with the overstatement
ω = a(reported) − a(paper) and the reported margin v, B = (1 − ω/u′)/(2 − v/u′) (C1) has mean
above 1/2 exactly when the paper's assorter mean is; u′ = γ·u with Lindeman and Stark's
inflator γ ≥ 1 ("Gentle Introduction", 2012). A station (batch) uses its mean overstatement
(A_k − H_k)/n_k; drawn with probability proportional to n_k it stands for a card drawn
uniformly. Missing paper reads 0 and a card without a record reads u (Bañuelos and Stark,
"Limiting Risk by Turning Manifest Phantoms into Evil Zombies", 2012): ω only grows.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from sandogh.core.audit.assorter import Assorter
from sandogh.core.audit.errors import AuditInputError
from sandogh.core.audit.reading import Reading, Totals
from sandogh.core.definition.problems import Problem

#: The inflator of the Gentle Introduction's worked comparison audits.
GENTLE_INFLATOR = Fraction(103905, 100000)


@dataclass(frozen=True)
class Comparison:
    """B of (C1) for `assorter`, whose reported margin is `margin` (v, over all N cards)."""

    assorter: Assorter
    margin: Fraction
    inflator: Fraction = Fraction(1)

    def __post_init__(self) -> None:
        problems = []
        if self.margin <= 0:
            problems.append(
                Problem(
                    "margin", f"{self.margin}: not positive, only a full hand count can confirm"
                )
            )
        if self.inflator < 1:
            problems.append(Problem("inflator", f"{self.inflator}: need 1 or more"))
        if problems:
            raise AuditInputError(problems)

    @property
    def scale(self) -> Fraction:
        """u′ = γ·u."""
        return self.inflator * self.assorter.upper

    @property
    def upper(self) -> Fraction:
        """The largest B: 2/(2 − v/u′), for a full understatement."""
        return 2 / (2 - self.margin / self.scale)

    @property
    def clean(self) -> Fraction:
        """B of a card or station whose paper agrees with the count: 1/(2 − v/u′)."""
        return 1 / (2 - self.margin / self.scale)

    def value(self, overstatement: Fraction) -> Fraction:
        return (1 - overstatement / self.scale) / (2 - self.margin / self.scale)

    def overstatement(self, record: Reading | None, paper: Reading | None) -> Fraction:
        """ω of one card; a card without a record counts as u, a paper not found as 0."""
        reported = self.assorter.upper if record is None else self.assorter.score(record)
        return reported - self.assorter.score(paper)

    def card(self, record: Reading | None, paper: Reading | None) -> Fraction:
        return self.value(self.overstatement(record, paper))

    def batch_overstatement(self, reported: Totals, hand: Totals | None) -> Fraction:
        """ω_k = (A_k − H_k)/n_k, n_k the reported (manifest) cards; cards not found add 0."""
        if reported.cards < 1:
            raise AuditInputError([Problem("reported.cards", "a station with no cards")])
        found = Fraction(0)
        if hand is not None:
            if hand.cards > reported.cards:
                raise AuditInputError(
                    [
                        Problem(
                            "hand.cards", f"{hand.cards} cards, the manifest says {reported.cards}"
                        )
                    ]
                )
            found = self.assorter.total(hand)
        return (self.assorter.total(reported) - found) / reported.cards

    def batch(self, reported: Totals, hand: Totals | None) -> Fraction:
        return self.value(self.batch_overstatement(reported, hand))
