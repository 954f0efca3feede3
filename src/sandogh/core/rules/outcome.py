"""Who won one constituency of a contest, and why.

The shape answers what `reference/iran-election-rules.md` asks of each contest: who is elected,
who advances to a runoff (دور دوم) and for how many seats, who the alternates (علی‌البدل) are and
in which order, which lots (قرعه) were drawn, and, when a tie still waits for its lot, what is at
stake, without guessing.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from sandogh.core.definition.rule import Rule
from sandogh.core.rules.lots import DrawnLot, LotRequired
from sandogh.core.rules.reasons import Reason


class Status(StrEnum):
    DECIDED = "decided"  # final; seats may stay empty when candidates ran out (see reasons)
    RUNOFF = "runoff"  # `runoff_seats` seats go to a runoff among `advancing`
    LOT_REQUIRED = "lot-required"  # a tie decides something: see `lots_required`


@dataclass(frozen=True)
class ListResult:
    """One party list of a proportional contest; a candidate without a list is a list of one,
    with `party_list` None and that candidate its only member."""

    party_list: str | None
    candidates: tuple[str, ...]
    votes: int
    seats: int
    elected: tuple[str, ...]
    alternates: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    """The result of one constituency under its contest's rule.

    `elected` is in order of votes (by list, then votes, for party lists); ties that decide
    nothing stand in code order. `alternates` are in rank order. While the status is
    LOT_REQUIRED, `elected` holds only those elected whatever the lots say (it may be fewer than
    all of them), and `alternates` and `advancing` are empty. `base`, `threshold` (the exact
    share of the base) and `votes_needed` (the whole votes that reach it) are those of the share
    rules and None otherwise.
    """

    constituency: str
    rule: Rule
    status: Status
    seats: int
    elected: tuple[str, ...]
    alternates: tuple[str, ...] = ()
    advancing: tuple[str, ...] = ()
    runoff_seats: int = 0
    base: int | None = None
    threshold: Fraction | None = None
    votes_needed: int | None = None
    party_lists: tuple[ListResult, ...] = ()
    lots: tuple[DrawnLot, ...] = ()
    lots_required: tuple[LotRequired, ...] = ()
    reasons: tuple[Reason, ...] = ()
