"""A voter's ballot while it is being typed, before the second confirmation casts it.

Follows the box as used (reference/iran-election-rules.md, "The electronic ballot box as used"):
codes typed one after another, a blank key, a correction key that takes back the last code, a
review of names and codes, and a confirmation pressed twice; and, on the screen's tiles (issue 13),
a candidate chosen by a tap and taken back by another. The draft lives only in the box's
memory: nothing of it is stored until `Box.cast`, so a crash before then records nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from sandogh.core.report import BallotContest, Choice


class Refusal(StrEnum):
    """Why a key press changes nothing; each is a message key of the catalogue."""

    UNKNOWN_CODE = "box_unknown_code"
    REPEATED_CODE = "box_repeated_code"
    SEATS_FULL = "box_seats_full"
    NOTHING_CHOSEN = "box_nothing_chosen"


@dataclass
class Draft:
    """One card's ballot in progress: `step` is the contest being typed, or `len(ballot)` for
    the review; `confirmations` counts presses of the confirm key (the second casts)."""

    ballot: tuple[BallotContest, ...]
    codes: dict[str, list[str]] = field(default_factory=dict)
    step: int = 0
    confirmations: int = 0

    @property
    def reviewing(self) -> bool:
        return self.step >= len(self.ballot)

    @property
    def contest(self) -> BallotContest:
        return self.ballot[self.step]

    def type_code(self, code: str) -> Refusal | None:
        chosen = self.codes.setdefault(self.contest.contest, [])
        if code not in self.contest.candidates:
            return Refusal.UNKNOWN_CODE
        if code in chosen:
            return Refusal.REPEATED_CODE
        if len(chosen) >= self.contest.seats:
            return Refusal.SEATS_FULL
        chosen.append(code)
        return None

    def toggle(self, code: str) -> Refusal | None:
        """A candidate's tile pressed: chosen if they were not, taken back if they were."""
        chosen = self.codes.get(self.contest.contest, [])
        if code in chosen:
            chosen.remove(code)
            return None
        return self.type_code(code)

    def chosen(self) -> list[str]:
        """The codes chosen so far in the contest being typed."""
        return self.codes.get(self.contest.contest, [])

    def correct(self) -> None:
        chosen = self.codes.get(self.contest.contest, [])
        if chosen:
            chosen.pop()

    def blank(self) -> None:
        self.codes[self.contest.contest] = []
        self._advance()

    def next(self) -> Refusal | None:
        if not self.codes.get(self.contest.contest):
            return Refusal.NOTHING_CHOSEN
        self._advance()
        return None

    def back(self) -> None:
        """From the review, back to the last contest to change it."""
        self.step = max(0, min(self.step, len(self.ballot)) - 1)
        self.confirmations = 0

    def _advance(self) -> None:
        self.step += 1
        self.confirmations = 0

    def choices(self) -> tuple[Choice, ...]:
        return tuple(Choice(c.contest, tuple(self.codes.get(c.contest, []))) for c in self.ballot)
