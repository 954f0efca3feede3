"""What one ballot card shows for one contest, and what a batch of them adds up to.

docs/audit.md §2: a ballot is cast (counted in آرای مأخوذه) or not, valid (آرای صحیح) or not,
and a valid one marks a set of candidates (at most the seats). A card that does not carry the
contest, or a ballot void and not counted as cast (باطله غیرمأخوذه), is not cast.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sandogh.core.audit.errors import AuditInputError
from sandogh.core.counting.tally import Counts
from sandogh.core.definition.problems import Problem


@dataclass(frozen=True)
class Reading:
    """One card, one contest. `marks` are candidate codes; an invalid ballot carries none."""

    marks: frozenset[str] = frozenset()
    valid: bool = False
    cast: bool = False

    def __post_init__(self) -> None:
        problems = []
        if self.valid and not self.cast:
            problems.append(Problem("valid", "a valid ballot is a ballot cast"))
        if self.marks and not self.valid:
            problems.append(Problem("marks", "only a valid ballot carries marks"))
        if problems:
            raise AuditInputError(problems)

    @classmethod
    def vote(cls, *codes: str) -> Reading:
        """A valid ballot marking `codes` (none: a valid ballot with no mark is impossible here,
        so an empty vote is a blank, i.e. invalid, ballot)."""
        if not codes:
            return cls.invalid()
        return cls(frozenset(codes), valid=True, cast=True)

    @classmethod
    def invalid(cls) -> Reading:
        """Invalid but counted as cast (blank, illegible, …)."""
        return cls(cast=True)

    @classmethod
    def absent(cls) -> Reading:
        """No such contest on the card, or void and not counted as cast."""
        return cls()


@dataclass(frozen=True)
class Totals:
    """What `cards` cards add up to: a station's tally sheet or hand count, or a constituency."""

    cards: int
    cast: int
    valid: int
    votes: Mapping[str, int] = field(default_factory=dict)

    @classmethod
    def of_counts(cls, counts: Counts, cards: int | None = None) -> Totals:
        """A tally sheet's or a constituency's counts over `cards` cards (default: one card per
        ballot cast; more when some cards of the population do not carry the contest)."""
        cards = counts.cast if cards is None else cards
        if cards < counts.cast:
            raise AuditInputError([Problem("cards", f"{cards} cards for {counts.cast} cast")])
        return cls(cards, counts.cast, counts.valid, dict(counts.votes))

    @classmethod
    def of(cls, readings: Iterable[Reading]) -> Totals:
        cards = cast = valid = 0
        votes: dict[str, int] = {}
        for reading in readings:
            cards += 1
            cast += reading.cast
            valid += reading.valid
            for code in reading.marks:
                votes[code] = votes.get(code, 0) + 1
        return cls(cards, cast, valid, votes)
