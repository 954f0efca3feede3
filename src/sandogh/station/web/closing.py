"""The close's confirm-and-reconcile step: what the staff check before voting ends.

Issue 13 (the ballot box's staff side): closing took one tap, with no word of a card charged and
never used. As poll workers reconcile at the close of polls, the close page sets side by side
the cards charged at check-in (and those cancelled by two of the staff and charged again,
review S23 A3), the cards used, the ballots cast (and, on an E2E box, those challenged, which use
no card) and the paper copies the staff count in the box, and counts the cards charged and not
used. Any mismatch must be explained in words before the close goes on; the figures and those
words are kept with the close (`Box.close`), shown with the minutes and signed in the final
report (`core.report.reconciliation`), whose mismatch the centre lists as the incident
`close-reconciliation` for the supervisors.
"""

from __future__ import annotations

from dataclasses import dataclass

from sandogh.core.report import CloseReconciliation
from sandogh.locale import to_ascii_digits
from sandogh.station.box import Box


@dataclass(frozen=True)
class Reconciliation:
    """The figures at the close: `papers` as the staff counted the paper copies (None: not yet
    entered); `challenged` None on a box without the E2E chain; `unused` the cards charged and
    never used, counted (no token: finding A1 of session 23)."""

    charged: int
    used: int
    cast: int
    challenged: int | None
    unused: int
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

    def kept(self, explanation: str) -> CloseReconciliation:
        """What the close keeps and the final report signs: the figures and the staff's words
        (`core.report.reconciliation`, which refuses a mismatch they do not explain)."""
        if self.papers is None:
            raise AssertionError("the staff count the paper copies before the close")
        return CloseReconciliation(
            cards_charged=self.charged,
            cards_used=self.used,
            cards_unused=self.unused,
            cards_cancelled=self.cancelled,
            cast=self.cast,
            papers_counted=self.papers,
            explanation=explanation,
        )


def reconciliation(box: Box, papers: int | None = None) -> Reconciliation:
    """The box's figures now, with the paper copies the staff counted."""
    with box.store.transaction() as tx:
        charged, used = tx.card_counts()  # the charged count the cancelled cards
        cancelled = tx.cards_cancelled()
        head = tx.chain_head()
        return Reconciliation(
            charged,
            used,
            tx.record_count(),
            None if head is None else head.challenged,
            charged - used - cancelled,
            papers,
            cancelled,
        )


def counted_papers(text: str) -> int | None:
    """The paper copies the staff typed (Persian digits too); None unless a whole number ≥ 0."""
    typed = to_ascii_digits(text.strip())
    return int(typed) if typed.isascii() and typed.isdigit() else None
