"""The station tally sheet (صورتجلسه) and the counts it carries, per contest.

The figures are those of DESIGN.md §3 and `reference/iran-election-rules.md` (Ballots): ballot
papers (تعرفه) received, used, unused and spoiled; ballots cast (آرای مأخوذه) = valid (صحیح) +
invalid counted as cast (باطله مأخوذه) by kind; void ballots not counted as cast (باطله غیرمأخوذه);
votes per candidate. A multi-seat ballot carries up to as many votes as seats.

The invalid kinds are those the seeds name for Kerman 2024 (`reference/seed-facts.md`: "blank,
crossed out, names not among the candidates"; seed 000: «رای سفید یا اسامی است که جزو نامزدها
نبوده») and those the law adds (`iran-election-rules.md`: illegible; a presidential ballot naming
more than one candidate). Crossed-out (مخدوش) came last: files, reports and snapshots written
before it have no such figure, and its absence reads as 0 (`LATER_KINDS`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from operator import attrgetter
from typing import Any


class InvalidKind(StrEnum):
    """Invalid ballots that still count as cast (they are in the presidential majority's base)."""

    BLANK = "blank"  # سفید
    ILLEGIBLE = "illegible"  # ناخوانا
    NON_CANDIDATE = "non-candidate"  # only names that are not approved candidates
    MULTIPLE_NAMES = "multiple-names"  # a single-seat ballot naming more than one candidate
    # A paper ballot struck through or defaced (مخدوش). Only a paper count finds one: the box
    # prints its copy itself, so an electronic station's sheet always counts 0 of them.
    CROSSED_OUT = "crossed-out"


#: Kinds added after reports were first signed and results first published: a document written
#: before has no figure for them, so writers leave one out where it is 0 and readers take its
#: absence as 0. The bytes (and hashes) of every earlier report and snapshot stay as they were.
LATER_KINDS: frozenset[InvalidKind] = frozenset({InvalidKind.CROSSED_OUT})


def written_invalid(invalid: Mapping[InvalidKind, int]) -> dict[str, int]:
    """The invalid figures as a document writes them, by kind: every kind in enum order, 0
    included, except a `LATER_KINDS` kind at 0, which is left out."""
    counted = {kind: invalid.get(kind, 0) for kind in InvalidKind}
    return {k.value: n for k, n in counted.items() if n or k not in LATER_KINDS}


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


#: A sheet as the store reads it, before any object is made of it: station, contest, the
#: figures papers received to valid (`FIGURES`' order), each `InvalidKind`'s figure in the
#: enum's order (None where the sheet has none: a kind later than it), void, votes. A national
#: tally adds ~235,000 of them: made into a `TallySheet` only where one is read
#: (`core.counting.aggregate`), they cost a third of the objects (bench/national.py).
SheetRow = tuple[Any, ...]

#: where a row's figures are: papers received to valid, the invalid kinds, void
ROW_FIGURES = slice(2, 2 + len(FIGURES) + len(InvalidKind))
ROW_INVALID = slice(ROW_FIGURES.start + len(FIGURES) - 1, ROW_FIGURES.stop - 1)
_KINDS = tuple(InvalidKind)
_up_to_valid = attrgetter(*FIGURES[:-1])


def figures_of(counts: Counts) -> tuple[int | None, ...]:
    """The figures of `counts` as a row holds them (`ROW_FIGURES`)."""
    get = counts.invalid.get
    return (*_up_to_valid(counts), *[get(kind) for kind in _KINDS], counts.void)


def row_of(sheet: TallySheet) -> SheetRow:
    """The sheet as a row (`SheetRow`)."""
    return (sheet.station, sheet.contest, *figures_of(sheet.counts), sheet.counts.votes)


def counts_of(row: SheetRow) -> Counts:
    """The counts of a row (`SheetRow`): its invalid figures those it has, in the enum's order."""
    invalid = dict(zip(_KINDS, row[ROW_INVALID], strict=True))
    if None in invalid.values():
        invalid = {kind: n for kind, n in invalid.items() if n is not None}
    received, used, unused, spoiled, cast, valid = row[2 : ROW_INVALID.start]
    void, votes = row[ROW_INVALID.stop], row[-1]
    return Counts(received, used, unused, spoiled, cast, valid, invalid, void, votes)


def sheet_of(row: SheetRow) -> TallySheet:
    return TallySheet(row[0], row[1], counts_of(row))
