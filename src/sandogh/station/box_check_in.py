"""A voter's check-in at the box (DESIGN.md §3), in two steps (issue 13): the look-up, whom the
registry names for the code, recording nothing, for the staff to compare with the person; then,
once they confirm, the ballot card the centre issues, or the box's own refusal. Offline, the
look-up says so (the staff compare the ID card) and the station's policy decides: `refuse` the
voter, or check them in provisionally, queuing the check-in and issuing a local card in one
transaction (`sync` sends it when the link allows).

Review S23 A3: without a card writer the card's code is shown once, for the official to copy; a
code lost or miscopied left a voter the centre had checked in unable to vote, turned away as
"already voted". So a card charged here keeps, while it is unused, a tag of its voter (HMAC of
the national code under a key only the box's device key gives, `_holder_tag`): a look-up or a
check-in of that voter says their card is charged and unused, and two of the staff may cancel it
and charge another for the same check-in (`recharge`), noted as the incident `card-cancelled`
(who, and how many so far; no code). The tag goes in the commit that uses the card (with its
ballot) or cancels it, and at the close: no stored card of a ballot cast names a voter.
"""

from __future__ import annotations

import hmac
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from sandogh.core.definition.problems import Problem
from sandogh.core.station import Action, require
from sandogh.core.voters import NationalCodeError, parse_national_code
from sandogh.station.box_state import BoxState
from sandogh.station.courier import offline_payload
from sandogh.station.errors import CentreAnswerError
from sandogh.station.local_outbox import OutboxKind
from sandogh.station.ports import CentreRefusedError, CentreUnreachableError
from sandogh.station.setup import OfflinePolicy, StationSetup


class LocalRefusal(StrEnum):
    """Why the box itself refuses a voter, before or without the centre."""

    INVALID_CODE = "invalid-code"  # `CheckInRefused.detail` holds core.voters' CodeFault
    CENTRE_UNREACHABLE = "centre-unreachable"  # and the station's policy is `refuse`
    CHECKED_IN_HERE = "checked-in-here"  # an offline check-in of this voter is queued here
    CARD_UNUSED = "card-unused"  # a card charged here for this voter is not used yet
    NOTHING_TO_CANCEL = "nothing-to-cancel"  # no unused card of this voter to cancel here


@dataclass(frozen=True)
class IssuedCard:
    """Leave to cast one ballot in `contests`; `provisional` when checked in offline. The
    registry's `name` and `photo` of the voter, as the centre sent them (none offline), are for
    the staff's eyes at check-in only: the box keeps neither."""

    token: str
    contests: tuple[str, ...]
    provisional: bool = False
    name: str | None = None
    photo: bytes | None = None


@dataclass(frozen=True)
class CheckInRefused:
    reason: str  # the centre's reason, or a `LocalRefusal`
    by_centre: bool
    detail: str = ""


CheckInOutcome = IssuedCard | CheckInRefused


@dataclass(frozen=True)
class Found:
    """Whom the registry names for the code, who may vote here in `contests`: nothing is
    recorded until the staff confirm the person is them (`check_in`). `offline` when the centre
    did not answer: the staff compare the voter's ID card instead, and `check_in` goes on under
    the station's policy as ever."""

    contests: tuple[str, ...]
    name: str | None = None
    photo: bytes | None = None
    offline: bool = False


LookUpOutcome = Found | CheckInRefused
CARD_CANCELLED = "card-cancelled"  # the incident of a card cancelled and charged again
_TAG_KEY = b"sandogh-card-holder-1"  # what the device key signs for the tags' HMAC key


class CheckIn(BoxState):
    """The box's check-in of voters (`Box` is one)."""

    def look_up(self, national_code: str) -> LookUpOutcome:
        """Whom the centre's registry names for the code, recording nothing (issue 13)."""
        asked = self._asked(national_code)
        if isinstance(asked, CheckInRefused):
            return asked
        code, setup = asked
        if self._unused_card(code):
            return CheckInRefused(LocalRefusal.CARD_UNUSED, by_centre=False)
        try:
            answer = self._centre.look_up(
                election=setup.election, station=setup.station, national_code=code
            )
        except CentreUnreachableError:
            return Found(setup.contests, offline=True)
        except CentreRefusedError as error:
            return CheckInRefused(error.reason, by_centre=True, detail=str(error))
        if answer.refusal is not None:
            return CheckInRefused(answer.refusal, by_centre=True)
        _on_ballot(answer.contests, setup.contests, "a look-up")
        return Found(answer.contests, answer.name, answer.photo)

    def check_in(self, national_code: str) -> CheckInOutcome:
        """A ballot card for the voter, from the centre or, offline, under the station's policy."""
        asked = self._asked(national_code)
        if isinstance(asked, CheckInRefused):
            return asked
        code, setup = asked
        if self._unused_card(code):
            return CheckInRefused(LocalRefusal.CARD_UNUSED, by_centre=False)
        try:
            answer = self._centre.check_in(
                election=setup.election, station=setup.station, national_code=code
            )
        except CentreUnreachableError:
            return self._offline(code)
        except CentreRefusedError as error:
            return CheckInRefused(error.reason, by_centre=True, detail=str(error))
        if answer.token is None:
            if answer.refusal is None:
                raise CentreAnswerError([Problem("", "neither a card nor a refusal")])
            return CheckInRefused(answer.refusal, by_centre=True)
        _on_ballot(answer.contests, setup.contests, "a card")
        with self._station() as (tx, station):
            require(station.lifecycle, Action.CHECK_IN)
            if not tx.add_card(answer.token, answer.contests, self._holder_tag(code)):
                raise CentreAnswerError([Problem("token", "a card of this token was issued")])
        return IssuedCard(answer.token, answer.contests, name=answer.name, photo=answer.photo)

    def _asked(self, national_code: str) -> tuple[str, StationSetup] | CheckInRefused:
        """The code's digits and the station's set-up, when the code is well formed and the
        station checks voters in now: what a look-up and a check-in both first ask."""
        try:
            code = parse_national_code(national_code).digits
        except NationalCodeError as error:
            return CheckInRefused(LocalRefusal.INVALID_CODE, by_centre=False, detail=error.fault)
        with self._station() as (_, station):
            require(station.lifecycle, Action.CHECK_IN)
            return code, station.setup

    def _offline(self, code: str) -> CheckInOutcome:
        now = self._clock()
        with self._station() as (tx, station):
            require(station.lifecycle, Action.CHECK_IN)
            if station.setup.policy is OfflinePolicy.REFUSE:
                return CheckInRefused(LocalRefusal.CENTRE_UNREACHABLE, by_centre=False)
            if not tx.enqueue(OutboxKind.CHECK_IN, code, offline_payload(code, now), now):
                return CheckInRefused(LocalRefusal.CHECKED_IN_HERE, by_centre=False)
            token, contests = self._new_token(), station.setup.contests
            tx.add_card(token, contests, self._holder_tag(code))
        return IssuedCard(token, contests, provisional=True)

    def recharge(self, national_code: str, staff: Sequence[str]) -> CheckInOutcome:
        """Cancel the unused card charged here for the voter of `national_code` and charge a new
        one for the same check-in, as the `staff` named (the head and a member, proved again at
        the kiosk) decided; noted as the incident `card-cancelled`, with no code."""
        asked = self._asked(national_code)
        if isinstance(asked, CheckInRefused):
            return asked
        tag = self._holder_tag(asked[0])
        with self._station() as (tx, station):
            require(station.lifecycle, Action.CHECK_IN)
            card = tx.unused_card_of(tag)
            if card is None:
                return CheckInRefused(LocalRefusal.NOTHING_TO_CANCEL, by_centre=False)
            tx.cancel_card(card.token)
            token = self._new_token()
            tx.add_card(token, card.contests, tag)
            details = {"staff": list(staff), "cancelled": tx.cards_cancelled()}
            tx.add_incident(CARD_CANCELLED, self._clock(), details)
        return IssuedCard(token, card.contests)

    def _unused_card(self, code: str) -> bool:
        """Whether a card charged here for the voter of `code` is neither used nor cancelled."""
        tag = self._holder_tag(code)
        with self.store.transaction() as tx:
            return tx.unused_card_of(tag) is not None

    def _holder_tag(self, code: str) -> bytes:
        """The voter's tag on their unused card: without the box's device key, no dictionary of
        national codes finds whose it is."""
        return hmac.digest(self.key.sign(_TAG_KEY), code.encode("ascii"), "sha256")


def _on_ballot(contests: tuple[str, ...], ballot: tuple[str, ...], what: str) -> None:
    """The centre's answer names some contests, each on this station's ballot."""
    unknown = [c for c in contests if c not in ballot]
    if unknown or not contests:
        raise CentreAnswerError(
            [Problem("contests", f"{c} is not on this station's ballot") for c in unknown]
            or [Problem("contests", f"{what} for no contest")]
        )
