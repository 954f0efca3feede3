"""The ballots of `sandogh simulate`: a station's sheet scaled, and the ballots that make it.

Issue 3 (`sandogh simulate` ends in the same province totals as the foundation example): each
simulated station casts its figures of examples/kerman-1403/round2-results.csv scaled by F. An
electronic box can only record a blank ballot as invalid, so every invalid (and void) ballot of
the sheet is cast blank there; a semi-electronic station's paper sheet (`paper_sheet`) keeps the
kinds of its invalid ballots, crossed-out (مخدوش) ones among them, scaled alike.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from fractions import Fraction

from sandogh.core.counting.tally import Counts, InvalidKind
from sandogh.core.report import Choice

CONTEST = "president"


@dataclass(frozen=True)
class Figures:
    """The figures compared: ballots cast, valid, invalid, and votes per candidate."""

    cast: int
    valid: int
    invalid: int
    votes: tuple[tuple[str, int], ...]

    @classmethod
    def of(cls, counts: Counts) -> Figures:
        invalid = counts.invalid_total + counts.void
        return cls(counts.cast, counts.valid, invalid, tuple(sorted(counts.votes.items())))

    def __add__(self, other: Figures) -> Figures:
        votes = dict(self.votes)
        for code, n in other.votes:
            votes[code] = votes.get(code, 0) + n
        return Figures(
            self.cast + other.cast,
            self.valid + other.valid,
            self.invalid + other.invalid,
            tuple(sorted(votes.items())),
        )


def scaled(counts: Counts, scale: Fraction) -> Figures:
    """A station's sheet scaled by `scale`, each candidate's votes and the invalid ballots
    rounded half up on their own, so that cast = valid + invalid still holds."""

    def part(n: int) -> int:
        return int(n * scale + Fraction(1, 2))

    votes = tuple(sorted((code, part(n)) for code, n in counts.votes.items()))
    valid = sum(n for _, n in votes)
    invalid = part(counts.invalid_total + counts.void)
    return Figures(valid + invalid, valid, invalid, votes)


def paper_sheet(counts: Counts, figures: Figures) -> Counts:
    """The paper tally sheet of a station whose ballots make `figures`, `counts` being its sheet
    before scaling: its ballot papers unused and spoiled scaled down (rounded down), received the
    ballots cast plus those; each kind of invalid ballot but blank scaled (half up, within what is
    left), blank the rest. An electronic box counts the same papers."""
    share = Fraction(figures.cast, max(counts.cast, 1))
    spoiled, unused = int(counts.papers_spoiled * share), int(counts.papers_unused * share)
    of_invalid = Fraction(figures.invalid, max(counts.invalid_total + counts.void, 1))
    left = figures.invalid
    invalid: dict[InvalidKind, int] = {}
    for kind in InvalidKind:
        if kind is not InvalidKind.BLANK:
            scaled_kind = int(counts.invalid.get(kind, 0) * of_invalid + Fraction(1, 2))
            invalid[kind] = min(left, scaled_kind)
            left -= invalid[kind]
    invalid[InvalidKind.BLANK] = left
    return Counts(
        papers_received=figures.cast + unused + spoiled,
        papers_used=figures.cast,
        papers_unused=unused,
        papers_spoiled=spoiled,
        cast=figures.cast,
        valid=figures.valid,
        invalid={kind: invalid[kind] for kind in InvalidKind},
        votes=dict(figures.votes),
    )


def ballots(figures: Figures, rng: random.Random) -> list[Choice]:
    """The ballots that make `figures`, in a shuffled order; invalid ones blank."""
    cast = [Choice(CONTEST, (code,)) for code, n in figures.votes for _ in range(n)]
    cast.extend(Choice(CONTEST) for _ in range(figures.invalid))
    rng.shuffle(cast)
    return cast
