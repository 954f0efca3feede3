"""The ballot card charged at check-in, as the staff see it (issue 13, review S21 F2).

The check-in screen showed the card's token beside the voter's name, for the official to copy
onto the card: whoever saw or photographed the screen held the pair that ties a person to the
card their ballot is cast with. With a card writer at the desk (`ports.CardWriter`: a QR code
printed on a card, or a card's chip) the token is written to the card and never shown. It is
shown only where the card must be written by hand: at a box given no writer, or when the writer
failed on this card; and then on its own, the name gone from the screen with the look-up. It is
not hidden altogether, because by then the centre has recorded the voter as checked in: a token
no one can read would leave them unable to vote.
"""

from __future__ import annotations

from dataclasses import dataclass

from sandogh.station.box_check_in import IssuedCard
from sandogh.station.ports import CardWriter, CardWriterError


@dataclass(frozen=True)
class Charged:
    """A card charged: `by_hand` holds its token when the staff write the card by hand (no
    writer, or `writer_failed`), else None: the writer wrote it. Nothing of the voter is kept."""

    provisional: bool
    by_hand: str | None = None
    writer_failed: bool = False


def charge(card: IssuedCard, writer: CardWriter | None) -> Charged:
    """`card` written by `writer`, or left to be written by hand."""
    if writer is None:
        return Charged(card.provisional, by_hand=card.token)
    try:
        writer.write(card.token)
    except CardWriterError:
        return Charged(card.provisional, by_hand=card.token, writer_failed=True)
    return Charged(card.provisional)
