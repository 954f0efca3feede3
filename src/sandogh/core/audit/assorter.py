"""The linear assorter: an assertion Σ_b g(b) > 0 in SHANGRLA's canonical form.

docs/audit.md §2.1. Blom et al., "Assertion-based approaches to auditing complex elections, with
application to party-list proportional elections" (E-Vote-ID 2021): an assertion linear in
what a ballot shows, g(b) = Σ_c w_c·m_c(b) + w_V·V(b) + w_C·C(b) (A1), becomes the assorter
a(b) = (g(b) + ℓ)/(2ℓ) with ℓ = −min g (A2), whose mean over the ballots exceeds 1/2 exactly
when the assertion holds (Stark, "SHANGRLA", 2020). Pairwise, above-a-share and below-a-share
are SHANGRLA's plurality and super-majority assorters in this form.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property

from sandogh.core.audit.errors import AuditInputError
from sandogh.core.audit.reading import Reading, Totals
from sandogh.core.definition.problems import Problem
from sandogh.core.definition.rule import Base

HALF = Fraction(1, 2)


@dataclass(frozen=True)
class Assorter:
    """g of (A1): `marks` weighs each candidate's mark on a valid ballot, `valid` and `cast`
    weigh those flags; a valid ballot carries at most `max_marks` marks."""

    marks: Mapping[str, Fraction]
    valid: Fraction
    cast: Fraction
    max_marks: int

    def __post_init__(self) -> None:
        problems = []
        if self.max_marks < 1:
            problems.append(Problem("max_marks", f"{self.max_marks}: need 1 or more"))
        elif not tests_something(self.marks, self.valid, self.cast, self.max_marks):
            problems.append(Problem("", "g is never negative: the assertion tests nothing"))
        if problems:
            raise AuditInputError(problems)

    @cached_property
    def lowest(self) -> Fraction:
        """min g; ℓ = −lowest."""
        return _extreme(self.marks, self.valid, self.cast, self.max_marks, -1)

    @cached_property
    def upper(self) -> Fraction:
        """u of (A2): the largest assorter value."""
        ell = -self.lowest
        highest = _extreme(self.marks, self.valid, self.cast, self.max_marks, 1)
        return (highest + ell) / (2 * ell)

    def g(self, reading: Reading) -> Fraction:
        if not reading.cast:
            return Fraction(0)
        value = self.cast
        if reading.valid:
            value += self.valid + sum((self.marks.get(c, Fraction(0)) for c in reading.marks), 0)
        return value

    def score(self, reading: Reading | None) -> Fraction:
        """a(b) of (A2); a card not found (None) scores 0, the worst case."""
        if reading is None:
            return Fraction(0)
        ell = -self.lowest
        return (self.g(reading) + ell) / (2 * ell)

    def total(self, totals: Totals) -> Fraction:
        """Σ a(b) over the cards of `totals`, from the totals alone (§2.1)."""
        ell = -self.lowest
        g = (
            sum((w * totals.votes.get(c, 0) for c, w in self.marks.items()), Fraction(0))
            + self.valid * totals.valid
            + self.cast * totals.cast
        )
        return (g + ell * totals.cards) / (2 * ell)

    def mean(self, totals: Totals) -> Fraction:
        """ā over the cards of `totals` (a contest's reported totals)."""
        if totals.cards < 1:
            raise AuditInputError([Problem("totals.cards", "no cards")])
        return self.total(totals) / totals.cards

    def margin(self, totals: Totals) -> Fraction:
        """v = 2ā − 1 (SHANGRLA): positive exactly when the assertion holds on `totals`."""
        return 2 * self.mean(totals) - 1


def _extreme(
    marks: Mapping[str, Fraction], valid: Fraction, cast: Fraction, max_marks: int, sign: int
) -> Fraction:
    """The most (sign 1) or least (sign −1) g of any ballot the contest allows: no contest on
    the card (0), an invalid cast ballot, or a valid one with the best `max_marks` marks."""
    ranked = sorted((sign * w for w in marks.values() if sign * w > 0), reverse=True)
    best_valid = valid + cast + sign * sum(ranked[:max_marks], Fraction(0))
    return sign * max(Fraction(0), sign * cast, sign * best_valid)


def tests_something(
    marks: Mapping[str, Fraction], valid: Fraction, cast: Fraction, max_marks: int
) -> bool:
    """Whether some ballot makes g negative; if none does, the assertion cannot fail."""
    return max_marks >= 1 and _extreme(marks, valid, cast, max_marks, -1) < 0


def pairwise(winner: str, loser: str, max_marks: int = 1) -> Assorter:
    """`winner` gets more votes than `loser`: a = (m_w − m_l + 1)/2."""
    return Assorter({winner: Fraction(1), loser: Fraction(-1)}, Fraction(0), Fraction(0), max_marks)


def _base_weights(base: Base, share: Fraction) -> tuple[Fraction, Fraction]:
    return (share, Fraction(0)) if base is Base.VALID else (Fraction(0), share)


def above_share(candidate: str, share: Fraction, base: Base, max_marks: int = 1) -> Assorter:
    """`candidate` has more than `share` of `base` (SHANGRLA's super-majority assorter)."""
    _check_share(share)
    valid, cast = _base_weights(base, share)
    return Assorter({candidate: Fraction(1)}, -valid, -cast, max_marks)


def below_share(candidate: str, share: Fraction, base: Base, max_marks: int = 1) -> Assorter:
    """`candidate` has fewer than `share` of `base`: a = 0 for a vote for it."""
    _check_share(share)
    valid, cast = _base_weights(base, share)
    return Assorter({candidate: Fraction(-1)}, valid, cast, max_marks)


def _check_share(share: Fraction) -> None:
    if not 0 < share < 1:
        raise AuditInputError([Problem("share", f"{share}: need more than 0 and less than 1")])
