"""The close's confirm-and-reconcile step: what the staff check before voting ends.

Issue 13 (the ballot box's staff side): closing took one tap, with no word of a card charged and
never used. As poll workers reconcile at the close of polls, the close page sets side by side
the cards charged at check-in (and those cancelled by two of the staff and charged again,
review S23 A3), the cards used, the ballots cast (and, on an E2E box, those
challenged, which use no card) and the paper copies the staff count in the box, and names every
card charged and not used. Any mismatch must be explained in words before the close goes on;
the figures and those words are kept with the close (`Box.close`; a mismatch is also noted as
the incident `close-reconciliation` for the supervisors) and shown with the minutes.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sandogh.locale import to_ascii_digits
from sandogh.station.box import Box

#: fewer letters than this do not explain a mismatch ("ok", "-")
EXPLANATION_LETTERS = 10


@dataclass(frozen=True)
class Reconciliation:
    """The figures at the close: `papers` as the staff counted the paper copies (None: not yet
    entered); `challenged` None on a box without the E2E chain; `unused` the cards' tokens."""

    charged: int
    used: int
    cast: int
    challenged: int | None
    unused: tuple[str, ...]
    papers: int | None = None
    cancelled: int = 0  # charged, then cancelled by the staff: each has a card in its place

    def mismatches(self) -> list[str]:
        """What does not agree, as label keys, in the order the page lists the figures."""
        found = []
        if self.unused:
            found.append("kiosk_rec_unused")
        if self.used != self.cast:
            found.append("kiosk_rec_used_cast")
        if self.papers is not None and self.papers != self.cast:
            found.append("kiosk_rec_papers")
        return found

    def kept(self, explanation: str, staff: list[str]) -> dict[str, object]:
        """What the close keeps: the figures, the mismatches, the words and who closed."""
        return {
            **asdict(self),
            "unused": list(self.unused),
            "mismatches": self.mismatches(),
            "explanation": explanation,
            "staff": staff,
        }


def reconciliation(box: Box, papers: int | None = None) -> Reconciliation:
    """The box's figures now, with the paper copies the staff counted."""
    with box.store.transaction() as tx:
        charged, used = tx.card_counts()
        head = tx.chain_head()
        return Reconciliation(
            charged,
            used,
            tx.record_count(),
            None if head is None else head.challenged,
            tuple(tx.unused_cards()),
            papers,
            tx.cards_cancelled(),
        )


def counted_papers(text: str) -> int | None:
    """The paper copies the staff typed (Persian digits too); None unless a whole number ≥ 0."""
    typed = to_ascii_digits(text.strip())
    return int(typed) if typed.isascii() and typed.isdigit() else None


def explained(text: str) -> bool:
    """Whether `text` says something: at least `EXPLANATION_LETTERS` letters or digits."""
    return sum(ch.isalnum() for ch in text) >= EXPLANATION_LETTERS
