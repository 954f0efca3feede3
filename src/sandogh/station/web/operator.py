"""The operator's screens: staff log-in, status, check-in, and the end of the day (close, with
its confirmation; count; sign and send), with where each signed report stands. On an E2E box the
status and the close's confirmation show the ballots challenged apart from those cast
(docs/e2e.md §7).

Issue 9, section 4. Every route here but the log-in is `staff_only`: without a shift of
logged-in staff (`sessions.Shift`) a page sends the browser to the log-in and an action is
refused; the matrix test reads the app's routes, so no route can be added unguarded. Each member
of staff logs in with their own key: by their staff card and PIN (issue 13, `card_log_in`), or by
their key file, which `static/kiosk.js` reads into the form (the kiosk's forms are url-encoded,
as the console's are); the key must be one registered for this station (`setup.staff`). The
logged-in staff's keys open the sealed ballots to count them (issue 9 §1, `station.count_key`);
the report is signed by those of them who checked the minutes (`minutes`). Closing asks first
and reconciles the cards, ballots and paper copies (`closing`). A report shows as received only
once the centre's receipt is back, with its hash and time; until then as queued, with its next
try, or as sending (`deliveries`), which `resender` makes without a click.
"""

from __future__ import annotations

import base64
import datetime
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response

from sandogh.core.errors import SandoghError
from sandogh.core.readiness.stations import IRAN_TIME
from sandogh.core.report import explained
from sandogh.core.voters.photo import photo_type
from sandogh.locale import Lang, to_ascii_digits, to_persian_digits
from sandogh.locale.dates import format_moment
from sandogh.station.box_check_in import CheckInRefused, Found, LocalRefusal
from sandogh.station.errors import StaffKeyError, UnsignedMinutesError
from sandogh.station.local_chain import ChainHead
from sandogh.station.ports import CardWriter
from sandogh.station.setup import StaffMember
from sandogh.station.voting_mode import NOT_APPROVED, ModeNotApprovedError
from sandogh.station.web.card_log_in import CardRefused, StaffCards
from sandogh.station.web.charging import charge
from sandogh.station.web.closing import counted_papers, reconciliation
from sandogh.station.web.deliveries import report_states
from sandogh.station.web.error_words import error_text
from sandogh.station.web.labels import check_in_refusal
from sandogh.station.web.minutes import PATH as MINUTES
from sandogh.station.web.screens import Screens, keep_cookie, see
from sandogh.station.web.sessions import (
    SHIFT_COOKIE,
    VISIT_COOKIE,
    KeyFileError,
    Shift,
    read_seed,
)

PATH = "/operator"
LOGIN = PATH + "/login"
COUNTING_STAFF = 2  # members of staff logged in to count (issue 9: the count needs two)

StaffAction = Callable[[Request, Shift, dict[str, str], Lang], Awaitable[Response]]
Endpoint = Callable[[Request], Awaitable[Response]]


class OperatorScreens:
    def __init__(
        self, screens: Screens, cards: StaffCards, writer: CardWriter | None = None
    ) -> None:
        self._screens = screens
        self._cards = cards
        self._writer = writer

    # ---- logging in and out -------------------------------------------------------------------

    async def login_page(self, request: Request) -> Response:
        screens = self._screens
        cookie, visit = screens.sessions.visit(request.cookies.get(VISIT_COOKIE))
        shift = screens.sessions.shift(request.cookies.get(SHIFT_COOKIE))
        shown, visit.shown = visit.shown, {}
        page = screens.render(
            "login.html",
            screens.language(request),
            LOGIN,
            csrf=visit.csrf,
            staff=shift.staff if shift else [],
            problem=shown.get("login"),
            fill={
                **({"left": int(str(shown["left"]))} if "left" in shown else {}),
                **({"until": shown["until"]} if "until" in shown else {}),
            },
            minutes=int(screens.sessions.idle.total_seconds() // 60),
        )
        return keep_cookie(page, VISIT_COOKIE, cookie, "/")

    async def log_in(self, request: Request) -> Response:
        screens = self._screens
        cookie, visit = screens.sessions.visit(request.cookies.get(VISIT_COOKIE))
        form = await screens.posted(request, visit.csrf)
        if form is None:
            return keep_cookie(
                screens.refused(request, "kiosk_refused_forged"), VISIT_COOKIE, cookie, "/"
            )
        lang = screens.language(request, form)
        card = None
        if form.get("card", "").strip():  # by staff card and PIN
            opened = await self._cards.open(self._registered(), form["card"], form.get("pin", ""))
            if isinstance(opened, CardRefused):
                fill = {k: str(v) for k, v in opened.fill(lang).items()}
                visit.shown = {"login": opened.label, **fill}
                return keep_cookie(see(LOGIN, lang), VISIT_COOKIE, cookie, "/")
            key, card = opened, form["card"].strip()
        else:  # by key file
            try:
                key = read_seed(form.get("key", ""))
            except KeyFileError as error:
                visit.shown = {"login": error.label}
                return keep_cookie(see(LOGIN, lang), VISIT_COOKIE, cookie, "/")
        logged = screens.sessions.log_in(
            request.cookies.get(SHIFT_COOKIE), key, self._registered(), card
        )
        if logged is None:
            visit.shown = {"login": "kiosk_unknown_key"}
            return keep_cookie(see(LOGIN, lang), VISIT_COOKIE, cookie, "/")
        return keep_cookie(see(PATH, lang), SHIFT_COOKIE, logged[0], PATH)

    def _registered(self) -> tuple[StaffMember, ...]:
        try:
            return self._screens.box.status().setup.staff
        except SandoghError:  # a box not yet enrolled has no staff to log in
            return ()

    async def log_out(
        self, request: Request, _shift: Shift, _form: dict[str, str], lang: Lang
    ) -> Response:
        self._screens.sessions.log_out(request.cookies.get(SHIFT_COOKIE))
        response = see(LOGIN, lang)
        response.delete_cookie(SHIFT_COOKIE, path=PATH, httponly=True, samesite="strict")
        return response

    def staff_only(self, action: StaffAction) -> Endpoint:
        """`action`, for logged-in staff only, its form checked for the shift's CSRF token."""
        screens = self._screens

        async def endpoint(request: Request) -> Response:
            shift = screens.sessions.shift(request.cookies.get(SHIFT_COOKIE))
            if shift is None:
                if request.method == "GET":
                    return see(LOGIN, screens.language(request))
                return screens.refused(request, "kiosk_refused_staff")
            form: dict[str, str] = {}
            if request.method == "POST":
                posted = await screens.posted(request, shift.csrf)
                if posted is None:
                    return screens.refused(request, "kiosk_refused_forged")
                form = posted
            return await action(request, shift, form, screens.language(request, form))

        return endpoint

    # ---- the status page and the actions --------------------------------------------------------

    async def status_page(
        self, _request: Request, shift: Shift, _form: dict[str, str], lang: Lang
    ) -> Response:
        shown, shift.shown = shift.shown, {}
        screens = self._screens
        try:
            status = screens.box.status()
        except SandoghError as error:
            status, shown = None, {"error": error}
        return screens.render(
            "operator.html",
            lang,
            PATH,
            csrf=shift.csrf,
            staff=shift.staff,
            status=status,
            chain=self._chain() if status else None,
            reports=report_states(screens.box, screens.sessions.now(), lang) if status else [],
            at=lambda moment: _clock_time(moment, lang),
            moment=lambda moment: format_moment(moment, lang),
            card=shown.get("card"),
            recharged=shown.get("recharged"),
            recharge=shift.recharging is not None and "refusal" in shown,
            found=shown.get("found"),
            photo=_photo_url(shown.get("found")),
            refusal=_refusal(shown.get("refusal"), lang),
            error=error_text(shown.get("error"), lang, _contest_in(screens, lang)),
            done=shown.get("done"),
            problem=shown.get("problem"),
        )

    def _chain(self) -> ChainHead | None:
        """An E2E box's chain as it stands (its ballots cast and challenged); None without."""
        with self._screens.box.store.transaction() as tx:
            return tx.chain_head()

    async def look_up(
        self, _request: Request, shift: Shift, form: dict[str, str], lang: Lang
    ) -> Response:
        """Whom the registry names for the code typed: nothing is recorded (issue 13)."""
        code = to_ascii_digits(form.get("national_code", ""))
        shift.looked_up = shift.recharging = None
        try:
            outcome = self._screens.box.look_up(code)
        except SandoghError as error:
            shift.shown = {"error": error}
        else:
            if isinstance(outcome, Found):
                shift.looked_up = code
            key = "refusal" if isinstance(outcome, CheckInRefused) else "found"
            shift.shown = {key: outcome}
            shift.recharging = code if _card_unused(outcome) else None
        return see(PATH, lang)

    async def check_in(
        self, _request: Request, shift: Shift, _form: dict[str, str], lang: Lang
    ) -> Response:
        """The voter looked up, confirmed by the staff as the person in front of them: their
        check-in recorded and the card charged (the centre decides again), then written by the
        card writer, or by hand (`charging`)."""
        code, shift.looked_up = shift.looked_up, None
        if code is None:
            shift.shown = {"problem": "kiosk_identity_none"}
            return see(PATH, lang)
        try:
            outcome = self._screens.box.check_in(code)
        except SandoghError as error:
            shift.shown = {"error": error}
        else:
            card = None if isinstance(outcome, CheckInRefused) else charge(outcome, self._writer)
            shift.shown = {"refusal": outcome} if card is None else {"card": card}
            shift.recharging = code if _card_unused(outcome) else None
        return see(PATH, lang)

    async def not_them(
        self, _request: Request, shift: Shift, _form: dict[str, str], lang: Lang
    ) -> Response:
        """The person is not whom the registry names: forgotten, nothing recorded."""
        shift.looked_up = None
        shift.shown = {"problem": "kiosk_identity_rejected"}
        return see(PATH, lang)

    async def close_page(
        self, _request: Request, shift: Shift, _form: dict[str, str], lang: Lang
    ) -> Response:
        shown, shift.shown = shift.shown, {}
        typed = shown.get("typed")
        typed = typed if isinstance(typed, dict) else {}
        papers = counted_papers(str(typed.get("papers", "")))  # a refused close's, if any
        return self._screens.render(
            "close.html",
            lang,
            PATH + "/close",
            csrf=shift.csrf,
            figures=reconciliation(self._screens.box, papers),
            problem=shown.get("problem"),
            typed=typed,
        )

    async def close(
        self, _request: Request, shift: Shift, form: dict[str, str], lang: Lang
    ) -> Response:
        """Close once the figures are reconciled: the paper copies counted, and any mismatch
        explained in words (`closing`); else the close page again, saying what is missing."""
        papers = counted_papers(form.get("papers", ""))
        explanation = form.get("explanation", "").strip()
        figures = reconciliation(self._screens.box, papers)
        problem = (
            "kiosk_close_papers_needed"
            if papers is None
            else "kiosk_close_explain"
            if figures.mismatches() and not explained(explanation)
            else None
        )
        if problem is not None:
            typed = {"papers": form.get("papers", ""), "explanation": explanation}
            shift.shown = {"problem": problem, "typed": typed}
            return see(PATH + "/close", lang)
        staff = [on.member.person for on in shift.staff]
        return act(shift, lang, lambda: self._screens.box.close(figures.kept(explanation), staff))

    async def count(
        self, _request: Request, shift: Shift, _form: dict[str, str], lang: Lang
    ) -> Response:
        if len(shift.staff) < COUNTING_STAFF:  # said here first, in the staff's own language
            shift.shown = {"problem": "kiosk_need_two"}
            return see(PATH, lang)
        return act(shift, lang, lambda: self._screens.box.count(staff=shift.signers()))

    async def report(
        self, _request: Request, shift: Shift, _form: dict[str, str], lang: Lang
    ) -> Response:
        signers = shift.checked_signers()
        if not signers:  # no one signs minutes they have not checked
            shift.shown = {"problem": "kiosk_minutes_first"}
            return see(MINUTES, lang)
        then = act(shift, lang, lambda: self._screens.box.report(signers))
        unsigned = shift.shown.get("error")
        if not isinstance(unsigned, UnsignedMinutesError):
            return then
        # the centre's rule for the signers, said on the minutes with who is still to check
        comma = "، " if lang == "fa" else ", "
        shift.shown = {
            "problem": "kiosk_minutes_unsigned",
            "fill": {"waiting": comma.join(unsigned.waiting)},
        }
        return see(MINUTES, lang)


def act(shift: Shift, lang: Lang, action: Callable[[], object], then: str = PATH) -> Response:
    """Run a staff's `action` on the box and go to `then`, which shows it done or, in the staff's
    language, why the box refused it."""
    try:
        action()
    except StaffKeyError as error:  # the count's keys: said by its message key
        shift.shown = {"problem": error.reason.value}
    except ModeNotApprovedError:
        shift.shown = {"problem": NOT_APPROVED}
    except SandoghError as error:  # said in words at the page (`error_words`)
        shift.shown = {"error": error}
    else:
        shift.shown = {"done": True}
    return see(then, lang)


def _photo_url(found: object) -> str | None:
    """The voter's registry photo, for the staff's eyes once, inside the page (nothing of it is
    kept or served at an address); None without one, or for a file that is not an image."""
    if not isinstance(found, Found) or found.photo is None:
        return None
    kind = photo_type(found.photo)
    return f"data:{kind};base64,{base64.b64encode(found.photo).decode()}" if kind else None


def _contest_in(screens: Screens, lang: Lang) -> Callable[[str], str]:
    """A contest's name in `lang`, as the enrolment document gives it (else its id), read only
    when a failure names one."""
    return lambda contest: screens.names().contest(contest, lang)


def _card_unused(outcome: object) -> bool:
    """Whether the voter's card is charged here and unused: two of the staff may cancel it."""
    return isinstance(outcome, CheckInRefused) and outcome.reason == LocalRefusal.CARD_UNUSED


def _refusal(shown: object, lang: Lang) -> str | None:
    """The check-in refusal just shown, in words; None if there is none."""
    return check_in_refusal(shown, lang) if isinstance(shown, CheckInRefused) else None


def _clock_time(moment: datetime.datetime, lang: Lang) -> str:
    """A time of the day as the station reads it (Iran's time), in the language's digits."""
    shown = moment.astimezone(IRAN_TIME).strftime("%H:%M:%S")
    return to_persian_digits(shown) if lang == "fa" else shown
