"""A member of staff logs in at the kiosk by their staff card and PIN (issue 13).

The card (`formats.staff_card`) is typed into the log-in field by a keyboard-wedge scanner, or
read from its file; the PIN is typed on the kiosk. The card must name a member registered for
this station; a member locked out (`sessions.PIN_TRIES` wrong PINs in a row) is refused before
the PIN is tried; the box's card key opens the card's outer seal, and the PIN its key with
argon2id, in a worker thread, since it takes a moment on purpose. A wrong PIN is counted, and the
page says how many tries are left, or until when the member is locked out; a card made for
another box, by an earlier version (sealed under the PIN only, review S21 F8; unsigned, review
S23 A5), or not by its holder's key (forged from the public record and the box's public card
key, review S23 A5), is refused before any PIN is tried, and not counted, with words that say to
make a new card. The PIN is used
only here, never kept, logged or shown.
"""

from __future__ import annotations

import asyncio
import datetime
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import nacl.public

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


#: The words of a card refused before its PIN is tried, by why
_UNOPENED = {
    CardRefusal.MALFORMED: "kiosk_card_bad",
    CardRefusal.OLD_CARD: "kiosk_card_old",
    CardRefusal.OTHER_BOX: "kiosk_card_other_box",
    CardRefusal.NOT_HOLDERS: "kiosk_card_not_holders",
}


class StaffCards:
    """The kiosk's staff cards: opened with the box's card key (`station.directory`), or, at a
    box given none, refused with words that say to log in by key file."""

    def __init__(self, sessions: Sessions, box_key: nacl.public.PrivateKey | None) -> None:
        self._sessions = sessions
        self._box_key = box_key
        # one PIN check of a card at a time, its lock-out read again under it: log-ins sent
        # together each passed the lock-out's check before any wrong PIN was noted, and a burst
        # of 40 tried 40 PINs (review S22 A1)
        self._checking: dict[PublicKey, threading.Lock] = {}
        self._locks = threading.Lock()

    async def open(
        self, registered: Sequence[StaffMember], card: str, pin: str
    ) -> SigningKey | CardRefused:
        """The key of a registered member's card opened by `pin`, or why not."""
        found = self._holder(registered, card)
        if isinstance(found, CardRefused):
            return found
        holder, box_key = found
        if not pin.strip():
            return CardRefused("kiosk_pin_needed")
        return await asyncio.to_thread(self._checked, holder, card, pin.strip(), box_key)

    def _checked(
        self, holder: PublicKey, card: str, pin: str, box_key: nacl.public.PrivateKey
    ) -> SigningKey | CardRefused:
        """The card opened by `pin` while no other PIN of `holder`'s is being checked."""
        with self._locks:
            checking = self._checking.setdefault(holder, threading.Lock())
        sessions = self._sessions
        with checking:
            until = sessions.locked_until(holder)
            if until is not None:
                return CardRefused("kiosk_card_locked", until=until)
            try:
                key = open_card(card, to_ascii_digits(pin), box_key)
            except StaffCardError as error:
                if error.reason is not CardRefusal.WRONG_PIN:
                    return CardRefused(_UNOPENED[error.reason])
                left = sessions.wrong_pin(holder)
                if left == 0:
                    return CardRefused("kiosk_card_locked", until=sessions.locked_until(holder))
                return CardRefused("kiosk_wrong_pin", left=left)
            sessions.right_pin(holder)
            return key

    def _holder(
        self, registered: Sequence[StaffMember], card: str
    ) -> tuple[PublicKey, nacl.public.PrivateKey] | CardRefused:
        """The card's holder and the box's card key to open it with, if it is a card of a
        registered member who is not locked out, at a box that opens cards."""
        try:
            holder = card_holder(card)
        except StaffCardError as error:
            return CardRefused(_UNOPENED[error.reason])
        if all(member.key != holder for member in registered):
            return CardRefused("kiosk_unknown_key")
        until = self._sessions.locked_until(holder)
        if until is not None:
            return CardRefused("kiosk_card_locked", until=until)
        if self._box_key is None:
            return CardRefused("kiosk_no_cards")
        return holder, self._box_key
