"""The province-wide figures of both rounds: real where published, synthetic elsewhere.

The real ones are those of the seed report (`reference/seed-facts.md`) and of the project issue.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from sandogh.core.counting.tally import InvalidKind

ELIGIBLE_VOTERS = 2_324_254
# Ballot codes are illustrative, not the ones used in 2024.
CANDIDATES = {
    "21": ("سعید جلیلی", "Saeed Jalili"),
    "25": ("مسعود پزشکیان", "Masoud Pezeshkian"),
    "33": ("محمدباقر قالیباف", "Mohammad Bagher Ghalibaf"),
    "44": ("مصطفی پورمحمدی", "Mostafa Pourmohammadi"),
}
JALILI, PEZESHKIAN = "21", "25"
SEED_REPORT = (
    "Seed report: press conference of Rahman Jalali, head of the Kerman province election HQ, on"
    " Saturday 16 Tir 1403 (2024-07-06), as published by Kerman No (citing IRNA) and by PANA;"
    " summarised in reference/seed-facts.md"
)


@dataclass(frozen=True)
class Round:
    """The province-wide figures of one round."""

    number: int
    election: str
    date: datetime.date
    cast: int
    invalid: Mapping[InvalidKind, int]  # by kind; all but blank are found only on paper
    votes: Mapping[str, int]
    invalid_rate: tuple[int, int]  # per-mille range shaping each station's invalid share

    @property
    def valid(self) -> int:
        return self.cast - sum(self.invalid.values())


ROUND_1 = Round(
    number=1,
    election="kerman-1403-r1",
    date=datetime.date(2024, 6, 28),
    cast=1_070_286,  # real
    invalid={
        InvalidKind.BLANK: 33_714,
        InvalidKind.ILLEGIBLE: 4_816,
        InvalidKind.NON_CANDIDATE: 5_780,
        InvalidKind.MULTIPLE_NAMES: 1_445,
        InvalidKind.CROSSED_OUT: 2_408,
    },
    # synthetic, except Jalili − Pezeshkian = 148,119 (real)
    votes={JALILI: 474_138, PEZESHKIAN: 326_019, "33": 213_448, "44": 8_518},
    invalid_rate=(25, 65),
)
ROUND_2 = Round(
    number=2,
    election="kerman-1403-r2",
    date=datetime.date(2024, 7, 5),
    cast=1_276_092,  # real, as are the invalid total (23,252) and both candidates' votes
    invalid={
        InvalidKind.BLANK: 16_278,
        InvalidKind.ILLEGIBLE: 2_326,
        InvalidKind.NON_CANDIDATE: 2_788,
        InvalidKind.MULTIPLE_NAMES: 697,
        InvalidKind.CROSSED_OUT: 1_163,
    },
    votes={JALILI: 773_591, PEZESHKIAN: 479_249},
    invalid_rate=(8, 30),
)
