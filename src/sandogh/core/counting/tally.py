"""The station tally sheet (صورتجلسه) and the counts it carries, per contest.

The figures are those of DESIGN.md §3 and `reference/iran-election-rules.md` (Ballots): ballot
papers (تعرفه) received, used, unused and spoiled; ballots cast (آرای مأخوذه) = valid (صحیح) +
invalid counted as cast (باطله مأخوذه) by kind; void ballots not counted as cast (باطله غیرمأخوذه);
votes per candidate. A multi-seat ballot carries up to as many votes as seats.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class InvalidKind(StrEnum):
    """Invalid ballots that still count as cast (they are in the presidential majority's base)."""

    BLANK = "blank"  # سفید
    ILLEGIBLE = "illegible"  # ناخوانا
    NON_CANDIDATE = "non-candidate"  # only names that are not approved candidates
    MULTIPLE_NAMES = "multiple-names"  # a single-seat ballot naming more than one candidate


@dataclass(frozen=True)
class Counts:
    """Every figure of one contest over some set of stations. All are whole numbers, never negative.

    `votes` maps candidate ballot codes to votes; it is never mutated (functions build new ones).
    """

    papers_received: int = 0
    papers_used: int = 0
    papers_unused: int = 0
    papers_spoiled: int = 0
    cast: int = 0
    valid: int = 0
    invalid: Mapping[InvalidKind, int] = field(default_factory=dict)
    void: int = 0
    votes: Mapping[str, int] = field(default_factory=dict)

    @property
    def invalid_total(self) -> int:
        return sum(self.invalid.values())


#: The name of each invalid kind's figure where it stands alone: a CSV column, a table column, a
#: label ("invalid_non_candidate" for `InvalidKind.NON_CANDIDATE`).
INVALID_FIGURES: dict[InvalidKind, str] = {
    kind: "invalid_" + kind.value.replace("-", "_") for kind in InvalidKind
}

#: The whole-number figures of `Counts`, by field name, in the order a tally sheet lists them.
FIGURES: tuple[str, ...] = (
    "papers_received",
    "papers_used",
    "papers_unused",
    "papers_spoiled",
    "cast",
    "valid",
    "void",
)


@dataclass(frozen=True)
class TallySheet:
    """What one polling station reports for one contest."""

    station: str
    contest: str
    counts: Counts
