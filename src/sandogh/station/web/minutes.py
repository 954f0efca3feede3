"""The صورتجلسه (the result minutes) shown to the staff to check before they sign it.

Issue 13: "sign and send" signed with whoever was logged in, and no one saw what they signed.
Once the ballots are counted, the minutes page shows each contest's tally sheet (candidates by
name with their votes, the ballots cast, valid and blank, the papers), the close's
reconciliation with the staff's words for any mismatch (`closing`), and every member of staff
registered for the station: signed, checked and waiting to sign, logged in, or not here. Each
member logged in checks the minutes on their own ("I have checked these minutes"; one who logged
in by staff card confirms it with their PIN, one who logged in by key file by choosing the file
again, so no one checks for another); "sign and
send" then signs with the keys of those who checked, and no one else's. After signing, the page
reads who signed from the signed report itself. Minutes the centre refused (finding F9 of
session 21) are shown unsigned again, with the refusal noted, so that they are checked and
signed again by those the centre's rule asks for.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response

from sandogh.core.counting.tally import TallySheet
from sandogh.core.report import PublicKey, ReportKind, decode_report, decode_signed
from sandogh.locale import Lang
from sandogh.station.box_report import final_refused
from sandogh.station.setup import StaffMember
from sandogh.station.web.card_log_in import CardRefused, StaffCards
from sandogh.station.web.screens import Screens, see
from sandogh.station.web.sessions import KeyFileError, Shift, read_seed

PATH = "/operator/minutes"


@dataclass(frozen=True)
class Signer:
    """A registered member of staff and where they stand: `signed` (in the signed report),
    `checked` (checked the minutes in this shift), `present` (logged in), else not here."""

    index: int
    member: StaffMember
    state: str
    card: bool = False  # logged in by staff card: their PIN confirms their check, else their key


@dataclass(frozen=True)
class Minutes:
    sheets: tuple[TallySheet, ...]
    signed: bool
    signers: tuple[Signer, ...]
    reconciled: Mapping[str, object] | None
    refused: bool = False  # the centre refused the signed minutes: they are signed again


class MinutesScreens:
    def __init__(self, screens: Screens, cards: StaffCards) -> None:
        self._screens = screens
        self._cards = cards

    def minutes(self, shift: Shift) -> Minutes | None:
        """The counted (or signed) minutes and the staff's state; None before the count."""
        box = self._screens.box
        with box.store.transaction() as tx:
            station = tx.station()
            refused = final_refused(tx)  # signed again, as the counted report is signed
            final = None if refused else tx.signed(ReportKind.FINAL.value)
            if station is None:
                return None
            if final is not None:
                signed = decode_signed(final)
                report, signers = decode_report(signed.report), {s.key for s in signed.staff}
            elif station.counted is not None:
                report, signers = decode_report(station.counted), set[PublicKey]()
            else:
                return None
            staff, contests = station.setup.staff, station.setup.contests
            reconciled = tx.reconciled()
        present = {on.member.key for on in shift.staff}
        by_card = {on.member.key for on in shift.staff if on.card is not None}
        order = {contest: i for i, contest in enumerate(contests)}
        return Minutes(
            tuple(sorted(report.sheets, key=lambda sheet: order.get(sheet.contest, len(order)))),
            final is not None,
            tuple(
                Signer(
                    i,
                    member,
                    _state(member, signers, shift.checked, present),
                    member.key in by_card,
                )
                for i, member in enumerate(staff)
            ),
            reconciled,
            refused,
        )

    async def page(
        self, _request: Request, shift: Shift, _form: dict[str, str], lang: Lang
    ) -> Response:
        shown, shift.shown = shift.shown, {}
        minutes = self.minutes(shift)
        if minutes is None:
            shift.shown = {"problem": "kiosk_minutes_not_yet"}
            return see("/operator", lang)
        return self._screens.render(
            "minutes.html",
            lang,
            PATH,
            csrf=shift.csrf,
            minutes=minutes,
            names=self._screens.names(),
            problem=shown.get("problem"),
            fill=shown.get("fill", {}),
        )

    async def check(
        self, _request: Request, shift: Shift, form: dict[str, str], lang: Lang
    ) -> Response:
        """A member logged in has checked the minutes: their key will sign them. One who logged
        in by staff card confirms it with their PIN, as at the log-in (wrong PINs count
        towards their lock-out), one who logged in by key file by presenting the file again, so
        that no one else at the kiosk checks for them."""
        chosen = next((on for on in shift.staff if form.get("member") == on.member.key.text), None)
        if chosen is None or chosen.member.key in shift.checked:
            return see(PATH, lang)
        if chosen.card is not None:
            opened = await self._cards.open([chosen.member], chosen.card, form.get("pin", ""))
            if isinstance(opened, CardRefused):
                shift.shown = {"problem": opened.label, "fill": opened.fill(lang)}
                return see(PATH, lang)
        else:  # logged in by key file: the file chosen again, as a card's holder types the PIN
            refused = _key_refusal(form.get("key", ""), chosen.member)
            if refused is not None:
                shift.shown = {"problem": refused}
                return see(PATH, lang)
        shift.checked.append(chosen.member.key)
        return see(PATH, lang)


def _key_refusal(content: str, member: StaffMember) -> str | None:
    """Why the key file presented does not confirm `member`'s check (its label), if it does not:
    none chosen, not a key, or another's key (review S22 A3: a member logged in by key file
    checked the minutes with one click, while one logged in by card typed the PIN again)."""
    try:
        key = read_seed(content)
    except KeyFileError as error:
        return error.label
    return None if key.public_key == member.key else "kiosk_minutes_other_key"


def _state(
    member: StaffMember,
    signed: Set[PublicKey],
    checked: Sequence[PublicKey],
    present: Set[PublicKey],
) -> str:
    if member.key in signed:
        return "signed"
    if member.key in checked:
        return "checked"
    return "present" if member.key in present else "absent"
