"""The opening of the box on the kiosk: the zero report shown to the staff, signed, then voting.

Issue 13: the box opened from the command line, and no one at the station saw its zero report.
Before the first voter, the staff logged in see the zero report as it will be signed: every
contest of the station with every candidate at zero, no card charged, no ballot in the box, and
the ballot papers received per contest, which they enter. Opening signs it with the device's key
and the keys of the staff logged in (`Box.open`), prints it and queues it for the centre; the
page then shows it as signed, by whom, and the key that starts voting (آغاز رأی‌گیری).
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from sandogh.core.errors import SandoghError
from sandogh.core.report import ReportKind, decode_signed
from sandogh.core.station import Phase
from sandogh.locale import Lang
from sandogh.station.web.closing import counted_papers
from sandogh.station.web.error_words import error_text
from sandogh.station.web.operator import act
from sandogh.station.web.screens import Screens, see
from sandogh.station.web.sessions import Shift

PATH = "/operator/open"


class OpeningScreens:
    def __init__(self, screens: Screens) -> None:
        self._screens = screens

    async def page(
        self, _request: Request, shift: Shift, _form: dict[str, str], lang: Lang
    ) -> Response:
        shown, shift.shown = shift.shown, {}
        screens = self._screens
        try:
            status = screens.box.status()
        except SandoghError:  # not enrolled: nothing to open
            return see("/operator", lang)
        with screens.box.store.transaction() as tx:
            zero = tx.signed(ReportKind.ZERO.value)
        signed = {s.key for s in decode_signed(zero).staff} if zero is not None else set()
        typed = shown.get("typed")
        return screens.render(
            "open.html",
            lang,
            PATH,
            csrf=shift.csrf,
            status=status,
            names=screens.names(),
            signers=[m for m in status.setup.staff if m.key in signed],
            staff=shift.staff,
            opened=zero is not None,
            voting=status.phase is not Phase.SET_UP and status.phase is not Phase.OPEN,
            problem=shown.get("problem"),
            error=error_text(shown.get("error"), lang),
            typed=typed if isinstance(typed, dict) else {},
        )

    async def open(
        self, _request: Request, shift: Shift, form: dict[str, str], lang: Lang
    ) -> Response:
        """Sign the zero report with the staff logged in, once every contest's papers are given."""
        box = self._screens.box
        contests = box.status().setup.contests
        papers = {c: counted_papers(form.get("papers-" + c, "")) for c in contests}
        given = {c: n for c, n in papers.items() if n is not None}
        if len(given) != len(contests):
            typed = {c: form.get("papers-" + c, "") for c in contests}
            shift.shown = {"problem": "kiosk_open_papers_needed", "typed": typed}
            return see(PATH, lang)
        return act(shift, lang, lambda: box.open(given, shift.signers()), then=PATH)

    async def start(
        self, _request: Request, shift: Shift, _form: dict[str, str], lang: Lang
    ) -> Response:
        """آغاز رأی‌گیری: the first voter may come."""
        return act(shift, lang, self._screens.box.start_voting)
