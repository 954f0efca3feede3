"""A member of staff logs in at the kiosk by their staff card and PIN (issue 13).

The card (`formats.staff_card`) is typed into the log-in field by a keyboard-wedge scanner, or
read from its file; the PIN is typed on the kiosk. The card must name a member registered for
this station; a member locked out (`sessions.PIN_TRIES` wrong PINs in a row) is refused before
the PIN is tried; the PIN opens the card's key with argon2id, in a worker thread, since it takes
a moment on purpose. A wrong PIN is counted, and the page says how many tries are left, or until
when the member is locked out. The PIN is used only here, never kept, logged or shown.
"""

from __future__ import annotations

import asyncio
import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from sandogh.core.readiness.stations import IRAN_TIME
from sandogh.core.report import PublicKey, SigningKey
from sandogh.formats.staff_card import CardRefusal, StaffCardError, card_holder, open_card
from sandogh.locale import Lang, to_ascii_digits, to_persian_digits
from sandogh.station.setup import StaffMember
from sandogh.station.web.sessions import Sessions


@dataclass(frozen=True)
class CardRefused:
    """Why the card did not log in: a label, the tries `left`, or the lock-out's end `until`."""

    label: str
    left: int = 0
    until: datetime.datetime | None = None

    def fill(self, lang: Lang) -> dict[str, str | int]:
        """What the label's words need: the tries left, or the lock-out's end (Iran's time)."""
        if self.label == "kiosk_wrong_pin":
            return {"left": self.left}
        if self.until is None:
            return {}
        shown = self.until.astimezone(IRAN_TIME).strftime("%H:%M")
        return {"until": to_persian_digits(shown) if lang == "fa" else shown}


async def open_staff_card(
    sessions: Sessions, registered: Sequence[StaffMember], card: str, pin: str
) -> SigningKey | CardRefused:
    """The key of a registered member's card opened by `pin`, or why not."""
    holder = _holder(sessions, registered, card)
    if isinstance(holder, CardRefused):
        return holder
    if not pin.strip():
        return CardRefused("kiosk_pin_needed")
    try:
        key = await asyncio.to_thread(open_card, card, to_ascii_digits(pin.strip()))
    except StaffCardError as error:
        if error.reason is not CardRefusal.WRONG_PIN:
            return CardRefused("kiosk_card_bad")
        left = sessions.wrong_pin(holder)
        if left == 0:
            return CardRefused("kiosk_card_locked", until=sessions.locked_until(holder))
        return CardRefused("kiosk_wrong_pin", left=left)
    sessions.right_pin(holder)
    return key


def _holder(
    sessions: Sessions, registered: Sequence[StaffMember], card: str
) -> PublicKey | CardRefused:
    """The card's holder, if it is a card of a registered member who is not locked out."""
    try:
        holder = card_holder(card)
    except StaffCardError:
        return CardRefused("kiosk_card_bad")
    if all(member.key != holder for member in registered):
        return CardRefused("kiosk_unknown_key")
    until = sessions.locked_until(holder)
    return holder if until is None else CardRefused("kiosk_card_locked", until=until)
