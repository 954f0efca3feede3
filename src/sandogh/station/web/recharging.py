"""A ballot card lost or miscopied: cancelled by two of the staff, and another charged for the
same check-in (review S23 A3).

Without a card writer the card's code is shown once, for the official to copy; a voter whose
code was lost or miscopied was turned away as "already voted". Now the look-up of such a voter
says their card is charged and unused (`box_check_in`) and offers this page: the head of station
and one other member each prove themselves again, as they do for the minutes (by their staff
card's PIN, whose wrong tries count towards their lock-out, or by their key file), so that no one
at the staff screen cancels a card alone. The box cancels the unused card, charges a new one and
notes the incident `card-cancelled` with their names (`Box.recharge`); the new card is written
as any other (`charging`). The page names no voter: the national code stays in the shift's
memory from the look-up, and the staff compare the person's ID card.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from sandogh.core.errors import SandoghError
from sandogh.core.report import StaffRole
from sandogh.locale import Lang
from sandogh.station.box_check_in import CheckInRefused
from sandogh.station.ports import CardWriter
from sandogh.station.web.card_log_in import CardRefused, StaffCards
from sandogh.station.web.charging import charge
from sandogh.station.web.screens import Screens, see
from sandogh.station.web.sessions import KeyFileError, OnDuty, Shift, read_seed

PATH = "/operator/recharge"
STATUS = "/operator"


class RechargeScreens:
    def __init__(self, screens: Screens, cards: StaffCards, writer: CardWriter | None) -> None:
        self._screens = screens
        self._cards = cards
        self._writer = writer

    async def page(
        self, _request: Request, shift: Shift, _form: dict[str, str], lang: Lang
    ) -> Response:
        if shift.recharging is None:
            return see(STATUS, lang)
        shown, shift.shown = shift.shown, {}
        return self._screens.render(
            "recharge.html",
            lang,
            PATH,
            csrf=shift.csrf,
            staff=list(enumerate(shift.staff)),
            problem=shown.get("problem"),
            fill=shown.get("fill", {}),
        )

    async def recharge(
        self, _request: Request, shift: Shift, form: dict[str, str], lang: Lang
    ) -> Response:
        """Cancel the voter's unused card and charge another, once the head and one other
        member have each proved themselves again on this form."""
        code = shift.recharging
        if code is None:
            return see(STATUS, lang)
        proved: list[OnDuty] = []
        for i, on in enumerate(shift.staff):
            refused = await self._proof(on, form.get(f"pin-{i}", ""), form.get(f"key-{i}", ""))
            if isinstance(refused, CardRefused):
                shift.shown = {"problem": refused.label, "fill": refused.fill(lang)}
                return see(PATH, lang)
            if refused:
                proved.append(on)
        if len(proved) < 2 or all(on.member.role is not StaffRole.HEAD for on in proved):
            shift.shown = {"problem": "kiosk_recharge_two"}
            return see(PATH, lang)
        shift.recharging = None
        try:
            outcome = self._screens.box.recharge(code, [on.member.person for on in proved])
        except SandoghError as error:
            shift.shown = {"error": error}
        else:
            if isinstance(outcome, CheckInRefused):
                shift.shown = {"refusal": outcome}
            else:
                shift.shown = {"card": charge(outcome, self._writer), "recharged": True}
        return see(STATUS, lang)

    async def _proof(self, on: OnDuty, pin: str, key: str) -> bool | CardRefused:
        """Whether the member on duty proved themselves again (nothing given: not), or why their
        card refused the PIN."""
        if on.card is not None:
            if not pin.strip():
                return False
            opened = await self._cards.open([on.member], on.card, pin)
            return opened if isinstance(opened, CardRefused) else True
        if not key.strip():
            return False
        try:
            return read_seed(key).public_key == on.member.key
        except KeyFileError:
            return False
