"""The ballot box's screens: the operator's (status, check-in, close, count, report) and the
voter's (card, codes per contest, review, confirm twice), rendered on the server.

Issue 3 ("The station app"): a local web UI for a kiosk browser, Persian first (RTL, Persian
digits) with an English switch. It is served on loopback only (`LOOPBACK`): the kiosk browser runs
on the box itself, so there is no session, login or CSRF token, and a request from any other
address is refused as a second guard should the server be bound wider by mistake. Built on
Starlette (FastAPI's own base) because the station may not import FastAPI (the import contract
"A ballot box shares only the wire protocol with the centre").

Counting opens the sealed ballots with the keys of two registered staff members (issue 9 §1):
the screens count with the staff keys they hold (`staff`), which the staff's log-in provides.
No page is stored by the browser (`Cache-Control: no-store`), and drafts live in memory only.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import cast
from urllib.parse import parse_qs

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from sandogh.core.errors import SandoghError
from sandogh.core.report import SigningKey, StaffRole
from sandogh.locale import Lang, format_int, text, to_ascii_digits, to_persian_digits
from sandogh.station.box import Box, CheckInRefused
from sandogh.station.errors import StaffKeyError
from sandogh.station.web.draft import Draft
from sandogh.station.web.names import BallotNames, read_names

LOOPBACK = "127.0.0.1"
_LOCAL_CLIENTS = frozenset({LOOPBACK, "::1"})
_HERE = Path(__file__).parent


class _Screens:
    """The box, the drafts of the voters now at it (card token → draft), the staff keys present
    and the templates."""

    def __init__(self, box: Box, lang: Lang, staff: Sequence[tuple[StaffRole, SigningKey]]) -> None:
        self.box = box
        self.lang = lang
        self.staff = list(staff)
        self.drafts: dict[str, Draft] = {}
        self.env = Environment(
            loader=FileSystemLoader(_HERE / "templates"), autoescape=select_autoescape()
        )

    def language(self, request: Request, form: dict[str, str]) -> Lang:
        asked = form.get("lang") or request.query_params.get("lang")
        return cast(Lang, asked) if asked in ("fa", "en") else self.lang

    def render(self, name: str, lang: Lang, path: str, **values: object) -> HTMLResponse:
        def t(key: str, **fill: str | int) -> str:
            return text(key, lang, **fill)

        def digits(value: str | int) -> str:
            if isinstance(value, int):
                return format_int(value, lang)
            return to_persian_digits(value) if lang == "fa" else value

        page = self.env.get_template(name).render(
            lang=lang,
            dir="rtl" if lang == "fa" else "ltr",
            t=t,
            digits=digits,
            path=path,
            **values,
        )
        return HTMLResponse(page)

    def names(self) -> BallotNames:
        with self.box.store.transaction() as tx:
            return read_names(tx.enrolment_document())

    # ---- the operator -------------------------------------------------------------------------

    def operator(self, lang: Lang, **shown: object) -> HTMLResponse:
        try:
            status = self.box.status()
        except SandoghError as error:
            return self.render("operator.html", lang, "/operator", status=None, error=str(error))
        return self.render("operator.html", lang, "/operator", status=status, **shown)

    async def operator_page(self, request: Request) -> Response:
        return self.operator(self.language(request, {}))

    async def operator_action(self, request: Request) -> Response:
        form = await _form(request)
        lang = self.language(request, form)
        action = request.path_params["action"]
        try:
            if action == "check-in":
                outcome = self.box.check_in(to_ascii_digits(form.get("national_code", "")))
                if isinstance(outcome, CheckInRefused):
                    return self.operator(lang, refusal=outcome)
                return self.operator(lang, card=outcome)
            if action == "close":
                self.box.close()
            elif action == "count":
                self.box.count(staff=self.staff)
            elif action == "report":
                self.box.report()
            else:
                return PlainTextResponse("not found", status_code=404)
        except StaffKeyError as error:
            return self.operator(lang, error=text(error.reason, lang))
        except SandoghError as error:
            return self.operator(lang, error=str(error))
        return self.operator(lang, done=action)

    # ---- the voter ----------------------------------------------------------------------------

    async def card_page(self, request: Request) -> Response:
        return self.render("card.html", self.language(request, {}), "/vote")

    async def vote(self, request: Request) -> Response:
        form = await _form(request)
        lang = self.language(request, form)
        token = to_ascii_digits(form.get("token", "")).strip()
        draft = self.drafts.get(token)
        if draft is None:
            draft = self._open_card(token)
            if draft is None:
                return self.render("card.html", lang, "/vote", refused=True)
            self.drafts[token] = draft
        refusal: str | None = None
        key = form.get("key", "")
        if key == "code":
            code = to_ascii_digits(form.get("code", "")).strip()
            refusal = draft.type_code(code) if code else draft.next()
        elif key == "next":
            refusal = draft.next()
        elif key == "correct":
            draft.correct()
        elif key == "blank":
            draft.blank()
        elif key == "back":
            draft.back()
        elif key == "confirm" and draft.reviewing:
            draft.confirmations += 1
            if draft.confirmations >= 2:
                return self._cast(lang, token, draft)
        template = "review.html" if draft.reviewing else "contest.html"
        return self.render(
            template, lang, "/vote", token=token, draft=draft, names=self.names(), refusal=refusal
        )

    def _open_card(self, token: str) -> Draft | None:
        """A new draft for an unused card of this box, for the contests of the card."""
        if not token:
            return None
        with self.box.store.transaction() as tx:
            card = tx.card(token)
            station = tx.station()
        if card is None or card.consumed or station is None:
            return None
        return Draft(tuple(c for c in station.setup.ballot if c.contest in card.contests))

    def _cast(self, lang: Lang, token: str, draft: Draft) -> Response:
        try:
            self.box.cast(token, draft.choices())
        except SandoghError as error:
            draft.confirmations = 0
            return self.render(
                "review.html",
                lang,
                "/vote",
                token=token,
                draft=draft,
                names=self.names(),
                error=str(error),
            )
        del self.drafts[token]
        return self.render("done.html", lang, "/vote")


async def _form(request: Request) -> dict[str, str]:
    """A urlencoded form's fields, the last value of each (the box's forms repeat none)."""
    body = (await request.body()).decode("utf-8")
    return {name: values[-1] for name, values in parse_qs(body).items()}


def create_station_app(
    box: Box, *, lang: Lang = "fa", staff: Sequence[tuple[StaffRole, SigningKey]] = ()
) -> Starlette:
    """The box's screens over `box`; serve it on `LOOPBACK` only, for the kiosk browser. `staff`:
    the staff keys present, which counting needs."""
    screens = _Screens(box, lang, staff)

    async def home(_: Request) -> Response:
        return RedirectResponse("/operator", status_code=303)

    return Starlette(
        routes=[
            Route("/", home),
            Route("/operator", screens.operator_page),
            Route("/operator/{action}", screens.operator_action, methods=["POST"]),
            Route("/vote", screens.card_page),
            Route("/vote", screens.vote, methods=["POST"]),
            Mount("/static", StaticFiles(directory=_HERE / "static"), name="static"),
        ],
        middleware=[Middleware(BaseHTTPMiddleware, dispatch=_loopback_only)],
    )


async def _loopback_only(request: Request, call_next: RequestResponseEndpoint) -> Response:
    if request.client is None or request.client.host not in _LOCAL_CLIENTS:
        return PlainTextResponse("this box serves its own screen only", status_code=403)
    response = await call_next(request)
    # the kiosk browser keeps no page on the box's disk: a cached review page would lie there,
    # beside the others, in the order of voting (issue 9 §1)
    response.headers["Cache-Control"] = "no-store"
    return response
