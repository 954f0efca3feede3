"""The close's reconciliation, as the final report signs it (issue 13, finding A1 of session 23).

At the close of polls the staff set side by side the ballot cards charged at check-in, those used,
those charged and never used and those the staff cancelled and charged again (a code lost or
mis-copied, finding A3 of session 23), the ballots cast and the paper copies they count in the box,
and explain in words any figure that does not agree (DESIGN.md §3: "everything reconciles … a
failed check … is never silently corrected"). Kept on the box alone, none of it reached the
centre or the public; the final report now carries it inside what the device and the staff sign:

    "reconciliation":{"cards_cancelled":N,"cards_charged":N,"cards_unused":N,"cards_used":N,
                      "cast":N,"explanation":"…","papers_counted":N}

Only counts and the staff's words: never a card's token, so that nothing in a published report
can be matched to a card (house rule 1). The ballot papers used per contest are in the sheets.

`CloseReconciliation` refuses, for every caller (the kiosk's page, the live demo's scripted close,
a decoded report), figures that cannot be (more cards used and unused than charged) and a
mismatch without words that say something (`explained`): a report is then never signed with an
unexplained mismatch, and one that claims to be is refused where it is read.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sandogh.core.canonical_json import SAFE_INTEGER
from sandogh.core.definition.problems import Problem
from sandogh.core.report.errors import ReportError
from sandogh.core.report.json_reader import Reader

#: fewer letters or digits than this do not explain a mismatch ("ok", "-")
EXPLANATION_LETTERS = 10

FIELD = "reconciliation"


class Mismatch(StrEnum):
    """What does not agree at the close, in the order the kiosk lists the figures."""

    UNUSED = "cards-unused"  # a card charged at check-in and never used
    USED_NOT_CAST = "cards-used-not-cast"  # cards used ≠ ballots cast
    PAPERS_NOT_CAST = "papers-not-cast"  # paper copies counted ≠ ballots cast


def explained(text: str) -> bool:
    """Whether `text` says something: at least `EXPLANATION_LETTERS` letters or digits."""
    return sum(ch.isalnum() for ch in text) >= EXPLANATION_LETTERS


@dataclass(frozen=True)
class CloseReconciliation:
    """The figures of the close and the staff's words for what does not agree."""

    cards_charged: int
    cards_used: int
    cards_unused: int
    cast: int
    papers_counted: int
    explanation: str = ""
    # cancelled by two of the staff, each with a card charged in its place: not a mismatch
    cards_cancelled: int = 0

    def __post_init__(self) -> None:
        problems = [
            Problem(f"{FIELD}.{name}", f"{value!r} is not a whole number from 0 to 2^53 − 1")
            for name, value in self.figures().items()
            if type(value) is not int or not 0 <= value <= SAFE_INTEGER
        ]
        if not problems and (
            self.cards_used + self.cards_unused + self.cards_cancelled != self.cards_charged
        ):
            problems.append(
                Problem(
                    f"{FIELD}.cards_charged",
                    f"{self.cards_charged} charged is not {self.cards_used} used, "
                    f"{self.cards_unused} unused and {self.cards_cancelled} cancelled",
                )
            )
        if not problems and self.mismatches() and not explained(self.explanation):
            problems.append(
                Problem(
                    f"{FIELD}.explanation",
                    f"the figures do not agree ({', '.join(self.mismatches())}) and the staff's "
                    f"words do not explain it (at least {EXPLANATION_LETTERS} letters)",
                )
            )
        if problems:
            raise ReportError(problems)

    def figures(self) -> dict[str, int]:
        """The counts by their names in the report."""
        return {
            "cards_charged": self.cards_charged,
            "cards_used": self.cards_used,
            "cards_unused": self.cards_unused,
            "cards_cancelled": self.cards_cancelled,
            "cast": self.cast,
            "papers_counted": self.papers_counted,
        }

    def mismatches(self) -> tuple[Mismatch, ...]:
        found = []
        if self.cards_unused:
            found.append(Mismatch.UNUSED)
        if self.cards_used != self.cast:
            found.append(Mismatch.USED_NOT_CAST)
        if self.papers_counted != self.cast:
            found.append(Mismatch.PAPERS_NOT_CAST)
        return tuple(found)

    def document(self) -> dict[str, int | str]:
        """What the report writes (see the module docstring)."""
        return {**self.figures(), "explanation": self.explanation}


FIELDS = frozenset(
    ("cards_charged", "cards_used", "cards_unused", "cards_cancelled", "cast", "papers_counted")
)


def read_reconciliation(reader: Reader, value: object) -> CloseReconciliation | None:
    """The close's figures and words; their agreement is checked by `CloseReconciliation`."""
    document = reader.fields(value, FIELD, FIELDS | {"explanation"})
    if document is None:
        return None
    figure = {name: reader.figure(document[name], f"{FIELD}.{name}") for name in sorted(FIELDS)}
    given = document["explanation"]  # empty when every figure agrees
    explanation = "" if given == "" else reader.text(given, f"{FIELD}.explanation")
    if reader.problems:
        return None
    return CloseReconciliation(**figure, explanation=explanation)
