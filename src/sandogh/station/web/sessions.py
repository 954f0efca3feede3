"""Who is at the kiosk: each browser's visit (its CSRF token, the ballot being typed) and the
staff logged in on the operator's screen, all in the kiosk process's memory only.

Issue 9, section 4. A visit is what one browser holds between requests; its CSRF token goes in
every form, and the voter's draft lives in it, so each voting step is a POST answered by a
redirect to the one `/vote` page (nothing of a ballot rides in a URL or a history entry). A
shift is the staff logged in together at the operator's screen, each by their own key file: the
key is checked against the station's registered staff (`setup.staff`, CONTRACT) and kept here,
never on disk, until the shift logs out or stays idle for `IDLE`; the report is signed with it.
Ids and tokens are 256 random bits from `secrets`; a lookup never reveals which ids exist. A
member of staff logging in by card and PIN (`formats.staff_card`) who gives `PIN_TRIES` wrong
PINs in a row is locked out for `LOCKOUT`, counted by the card's holder, whichever browser
tried; the count is kept in the box's SQLite file (`station.local_pins`), so that restarting the
kiosk does not clear a lock-out, as it forgets the shifts.

Review S23 A6: the lock-out is of a card holder's PIN, and a log-in by key file proves the
holder without it. A member locked out at the minutes (five wrong PINs typed in their field, by
anyone at the staff screen) stayed locked out after logging in again by key file, and the minutes
still asked for their card's PIN. So the latest proof a member gives holds: logging in again
replaces how they are on duty (by key file, the minutes take the key), and a log-in by key file
clears their wrong PINs, noted as the incident `pin-lock-cleared` (who, and how many wrong PINs)
in the box's file.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sandogh.core.report import PublicKey, SigningKey, StaffRole
from sandogh.formats import key_file
from sandogh.station.ballot_chain import OpenedBallot, PreparedBallot
from sandogh.station.local_store import LocalStore
from sandogh.station.setup import StaffMember
from sandogh.station.web.draft import Draft

IDLE = datetime.timedelta(minutes=15)
PIN_TRIES = 5  # wrong PINs in a row before a member of staff is locked out
LOCKOUT = datetime.timedelta(minutes=30)
VISIT_COOKIE = "kiosk-visit"  # path "/": the voter's and the log-in's forms
SHIFT_COOKIE = "kiosk-staff"  # path "/operator" only: never sent with a voter's request
PIN_LOCK_CLEARED = "pin-lock-cleared"  # the incident of wrong PINs cleared by a key file


@dataclass
class Access:
    """A voter's aids (`web.access`): the text's size, high contrast, the audio ballot."""

    size: str = "normal"
    contrast: bool = False
    audio: bool = False


@dataclass
class Visit:
    """One browser: `csrf` for its forms; `token` and `draft` while a voter types a ballot;
    `shown` a one-time message for the next page (a refusal, the ballot cast).

    On an E2E box (docs/e2e.md §7) `sealed` is the ballot the box has prepared, whose code is on
    the screen until the voter casts or challenges (`challenging` while the challenge asks to be
    confirmed), and `opened` a challenged ballot, shown until the voter starts again."""

    csrf: str
    seen: datetime.datetime
    token: str | None = None
    draft: Draft | None = None
    shown: dict[str, object] = field(default_factory=dict)
    sealed: PreparedBallot | None = None
    challenging: bool = False
    opened: OpenedBallot | None = None
    access: Access = field(default_factory=Access)


@dataclass(frozen=True, eq=False, repr=False)
class OnDuty:
    """A member of staff logged in, with the key they presented (never shown, never stored),
    and the staff card they presented it by, if they did: their PIN confirms what they sign."""

    member: StaffMember
    key: SigningKey
    card: str | None = None


@dataclass
class Shift:
    """The staff logged in together at one browser; `shown` holds the last action's outcome for
    the page that follows it (a card's token, a refusal, an error)."""

    csrf: str
    seen: datetime.datetime
    staff: list[OnDuty] = field(default_factory=list)
    shown: dict[str, object] = field(default_factory=dict)
    checked: list[PublicKey] = field(default_factory=list)  # who checked the minutes (`minutes`)
    # the national code looked up and found, until the staff confirm the person or not (issue 13)
    looked_up: str | None = None
    # the national code of a voter whose card is charged and unused, until two of the staff
    # cancel it and charge another (`recharging`) or look another voter up (review S23 A3)
    recharging: str | None = None

    def signers(self) -> list[tuple[StaffRole, SigningKey]]:
        return [(on.member.role, on.key) for on in self.staff]

    def checked_signers(self) -> list[tuple[StaffRole, SigningKey]]:
        """The keys of the staff logged in who have checked the minutes: they sign them."""
        return [(on.member.role, on.key) for on in self.staff if on.member.key in self.checked]


class KeyFileError(ValueError):
    """The file presented is not a 32-byte seed in hex; `label` says why, to the person."""

    def __init__(self, label: str) -> None:
        super().__init__(label)
        self.label = label


def read_seed(content: str) -> SigningKey:
    """The signing key of a staff key file's text, as `sandogh staff keygen` writes it."""
    if not content.strip():
        raise KeyFileError("kiosk_no_key")
    try:
        return key_file.key_from_text(content, "the key file")
    except key_file.KeyFileError:
        raise KeyFileError("kiosk_bad_key") from None


class Sessions:
    """Visits and shifts by cookie value; anything idle for longer than `idle` is forgotten."""

    def __init__(
        self,
        clock: Callable[[], datetime.datetime],
        store: LocalStore,
        *,
        idle: datetime.timedelta = IDLE,
        new_secret: Callable[[], str] = lambda: secrets.token_urlsafe(32),
    ) -> None:
        self._clock = clock
        self._idle = idle
        self._new_secret = new_secret
        self._visits: dict[str, Visit] = {}
        self._shifts: dict[str, Shift] = {}
        self._store = store  # the wrong PINs (`station.local_pins`)

    @property
    def idle(self) -> datetime.timedelta:
        return self._idle

    def now(self) -> datetime.datetime:
        return self._clock()

    def _forget_idle(self) -> datetime.datetime:
        now = self._clock()
        for held in (self._visits, self._shifts):
            for key in [k for k, v in held.items() if now - v.seen > self._idle]:
                del held[key]
        return now

    def visit(self, cookie: str | None) -> tuple[str, Visit]:
        """The browser's visit, or a new one (with the cookie value to set)."""
        now = self._forget_idle()
        found = self._visits.get(cookie) if cookie else None
        if found is None or cookie is None:
            cookie = self._new_secret()
            found = self._visits[cookie] = Visit(self._new_secret(), now)
        found.seen = now
        return cookie, found

    def take_card(self, token: str, visit: Visit) -> None:
        """`visit` now holds the card `token`: any other visit that held it lets it go, with
        its draft, sealed ballot and opened ballot, so that what one voter sealed is never
        cast from a screen that showed another code (the box holds one sealed ballot a card)."""
        for other in self._visits.values():
            if other is not visit and other.token == token:
                other.token, other.draft, other.shown = None, None, {}
                other.sealed, other.challenging, other.opened = None, False, None

    def shift(self, cookie: str | None) -> Shift | None:
        """The staff logged in at this browser, if any are and they have not been idle."""
        now = self._forget_idle()
        found = self._shifts.get(cookie) if cookie else None
        if found is not None:
            found.seen = now
        return found

    def log_in(
        self,
        cookie: str | None,
        key: SigningKey,
        registered: Sequence[StaffMember],
        card: str | None = None,
    ) -> tuple[str, Shift] | None:
        """Add the member of staff whose key this is to the browser's shift (a new one if it
        has none), or, if they are on duty there, put them there as they logged in now (by
        `card`, or by key file without): the shift's cookie value and the shift, or None if the
        key is not one of `registered`. A log-in by key file clears the member's wrong PINs."""
        member = next((m for m in registered if m.key == key.public_key), None)
        if member is None:
            return None
        now = self._forget_idle()
        found = self._shifts.get(cookie) if cookie else None
        if found is None or cookie is None:
            cookie = self._new_secret()
            found = self._shifts[cookie] = Shift(self._new_secret(), now)
        found.seen = now
        if card is None:
            self._proved(member.key, now)
        on_duty = OnDuty(member, key, card)
        where = [i for i, on in enumerate(found.staff) if on.member.key == member.key]
        if where:
            found.staff[where[0]] = on_duty
        else:
            found.staff.append(on_duty)
        return cookie, found

    def _proved(self, holder: PublicKey, now: datetime.datetime) -> None:
        """`holder` proved themselves by key file: their wrong PINs are cleared, and noted."""
        with self._store.transaction() as tx:
            wrong = tx.wrong_pins(holder)
            if wrong:
                tx.clear_wrong_pins(holder)
                details = {"holder": holder.text, "wrong_pins": len(wrong)}
                tx.add_incident(PIN_LOCK_CLEARED, now, details)

    def locked_until(self, holder: PublicKey) -> datetime.datetime | None:
        """When the lock-out of the staff card's `holder` ends, if they are locked out now."""
        with self._store.transaction() as tx:
            wrong = tx.wrong_pins(holder)
            if len(wrong) < PIN_TRIES:
                return None
            until = wrong[-1] + LOCKOUT
            if self._clock() >= until:
                tx.clear_wrong_pins(holder)
                return None
        return until

    def wrong_pin(self, holder: PublicKey) -> int:
        """Note a wrong PIN for `holder`'s card: how many tries are left before the lock-out."""
        with self._store.transaction() as tx:
            tx.add_wrong_pin(holder, self._clock())
            return max(PIN_TRIES - len(tx.wrong_pins(holder)), 0)

    def right_pin(self, holder: PublicKey) -> None:
        with self._store.transaction() as tx:
            tx.clear_wrong_pins(holder)

    def log_out(self, cookie: str | None) -> None:
        if cookie:
            self._shifts.pop(cookie, None)
