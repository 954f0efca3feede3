"""What every console page goes through: the session, CSRF on forms, the language, and rights.

The console shares the API's sessions (`server.sessions`), but is read by a browser: a request
without a live session is sent to the log-in page rather than answered 401, and a form carries
the session's CSRF token in a hidden field (`CSRF_FIELD`) instead of the API's header. Forms are
`application/x-www-form-urlencoded`, read here with the standard library. Each page asks
`Page.require` for the unit it shows or changes (`core.access.may` over the election day's
geography); a refusal is logged (`services.sessions.record_denial`) and shown as a page.
"""

from __future__ import annotations

import datetime
import hmac
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import parse_qs, urlencode

import jinja2
from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sandogh.core.access import ALLOWED, Action, Grant, may
from sandogh.locale import Lang, format_int, format_jalali, to_ascii_digits, to_persian_digits
from sandogh.locale.dates import format_moment
from sandogh.server.centre import Centre, CentreDep
from sandogh.server.console.labels import label
from sandogh.server.sessions import UNSAFE_METHODS, desk_of
from sandogh.services.acting import Actor
from sandogh.services.days import Day, day_of
from sandogh.services.sessions import SignedIn, check_session, record_denial

PREFIX = "/console"
CSRF_FIELD = "csrf"
LANG_COOKIE = "sandogh-lang"
#: The largest number a stored row has (a signed 64-bit integer: PostgreSQL's bigint, SQLite's
#: INTEGER); a larger one would overflow the database's bind, not merely find nothing.
LARGEST_NUMBER = 2**63 - 1

_templates = jinja2.Environment(
    loader=jinja2.PackageLoader("sandogh.server.console", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


class Shown(Exception):  # noqa: N818 — not an error: the page answered instead of the one asked
    """A page that answers the request instead (the log-in page, a refusal)."""

    def __init__(self, response: Response) -> None:
        super().__init__(response.status_code)
        self.response = response


async def show(_request: Request, error: Exception) -> Response:
    assert isinstance(error, Shown)
    return error.response


def lang_of(request: Request) -> Lang:
    """`?lang=` when given, else the language cookie, else Persian."""
    for chosen in (request.query_params.get("lang"), request.cookies.get(LANG_COOKIE)):
        if chosen == "en":
            return "en"
        if chosen == "fa":
            return "fa"
    return "fa"


def number(value: int, lang: Lang) -> str:
    return format_int(value, lang)


def moment(at: datetime.datetime, lang: Lang) -> str:
    """A time as Tehran reads it (`locale.dates.format_moment`)."""
    return format_moment(at, lang)


#: The console's sections (path, label), each shown to whoever may READ; an audit board, which
#: may not (blind entry, docs/audit.md §6.5), is shown its pull list and entry form alone.
SECTIONS = (
    ("/", "dashboard"),
    ("/atlas", "atlas"),
    ("/results", "results"),
    ("/incidents", "incidents"),
    ("/cases", "cases"),
    ("/readiness", "readiness"),
    ("/audit", "audit"),
    ("/candidacy", "candidacy"),
    ("/preparation", "preparation"),
)
AUDIT_TABS = (
    ("/audit", "audit"),
    ("/audit/pull-list", "audit_pull_list"),
    ("/audit/enter", "audit_enter"),
    ("/audit/discrepancies", "audit_discrepancies"),
)
BOARD_SECTIONS = (("/audit/pull-list", "audit_pull_list"), ("/audit/enter", "audit_enter"))


def reads(grant: Grant) -> bool:
    """Whether the grant's role reads the day at all (every role but the audit board)."""
    return Action.READ in ALLOWED[grant.role]


def landing(grant: Grant) -> str:
    """Where a log-in leads: the dashboard, or a board's entry form."""
    return PREFIX + ("/" if reads(grant) else "/audit/enter")


def render(
    request: Request,
    lang: Lang,
    template: str,
    *,
    status: int = 200,
    operator: SignedIn | None = None,
    **context: Any,
) -> HTMLResponse:
    """`template` in `lang`; remembers a language chosen by `?lang=` in a cookie."""

    def t(key: str, **values: str | int) -> str:
        return label(key, lang, **values)

    page = _templates.get_template(template).render(
        t=t,
        lang=lang,
        n=lambda value: number(value, lang),
        digits=lambda text: to_persian_digits(text) if lang == "fa" else text,
        when=lambda at: moment(at, lang),
        jalali=lambda day: format_jalali(day, lang),
        prefix=PREFIX,
        path=request.url.path,
        operator=operator,
        csrf=operator.session.csrf_token if operator else "",
        csrf_field=CSRF_FIELD,
        sections=SECTIONS if operator is None or reads(operator.account.grant) else BOARD_SECTIONS,
        audit_tabs=AUDIT_TABS
        if operator is None or reads(operator.account.grant)
        else BOARD_SECTIONS,
        **context,
    )
    answer = HTMLResponse(page, status_code=status)
    if request.query_params.get("lang") in ("fa", "en"):
        answer.set_cookie(LANG_COOKIE, lang, path=PREFIX, samesite="strict", httponly=True)
    return answer


async def form_of(request: Request) -> dict[str, str]:
    """The fields of a form sent with POST (the last value of each); none for a GET."""
    if request.method not in UNSAFE_METHODS:
        return {}
    body = (await request.body()).decode("utf-8", "replace")
    return {name: values[-1] for name, values in parse_qs(body, keep_blank_values=True).items()}


FormDep = Annotated[dict[str, str], Depends(form_of)]


@dataclass(frozen=True, eq=False)
class Page:
    """A console request from a signed-in operator, its form checked against CSRF."""

    request: Request
    centre: Centre
    operator: SignedIn
    lang: Lang
    form: Mapping[str, str]

    @property
    def actor(self) -> Actor:
        account = self.operator.account
        return Actor(account.username, account.grant)

    def day(self) -> Day:
        """The election day asked (`?election=`), else the one stored, else the latest."""
        asked = self.request.query_params.get("election") or self.form.get("election")
        with self.centre.uow() as work:
            if asked:
                return day_of(work, asked)
            days = [day_of(work, known) for known in work.elections.ids()]
        return max(days, key=lambda day: (day.election.date, day.election.id))

    def place(self) -> str:
        """The unit the page is about (`?place=`), else the operator's own place."""
        asked = self.request.query_params.get("place") or self.form.get("place")
        return asked or self.operator.account.grant.place

    def may(self, day: Day, action: Action, place: str) -> bool:
        """Whether the operator may, without recording anything (which forms to show)."""
        return place in day.geography and may(day.geography, self.actor.grant, action, place)

    def require(self, day: Day, action: Action, place: str) -> None:
        """Refuse the page (and log it) unless the operator may `action` at `place`."""
        if place not in day.geography:
            raise Shown(
                self.render("denied.html", status=404, why=self.t("unknown_place", place=place))
            )
        if not may(day.geography, self.actor.grant, action, place):
            self.deny(action.value, place)
            grant = self.actor.grant
            role = self.t(f"role_{grant.role.value}")
            why = self.t("denied_text", role=role, place=grant.place, target=place)
            raise Shown(self.render("denied.html", status=403, why=why))

    def deny(self, action: str, place: str) -> None:
        record_denial(
            self.centre.uow,
            self.operator.account,
            action=action,
            place=place,
            request=f"{self.request.method} {self.request.url.path}",
            now=self.centre.clock(),
        )

    def t(self, key: str, **values: str | int) -> str:
        return label(key, self.lang, **values)

    def render(self, template: str, *, status: int = 200, **context: Any) -> HTMLResponse:
        return render(
            self.request, self.lang, template, status=status, operator=self.operator, **context
        )

    def back(self, where: str, **query: str) -> RedirectResponse:
        """See `where` (a console path) after a change that was done (POST, redirect, GET)."""
        return RedirectResponse(f"{PREFIX}{where}?{urlencode(query)}", 303)


def typed_number(page: Page, field: str, again: Callable[..., Response]) -> int:
    """The number of a row (an incident, a case) typed in the form's `field`, in ASCII or
    Persian digits. Anything else answers `again` instead (the page the form is on, with the
    reason): 400 when it is not a number (a superscript ², a letter), 404 when it is one no
    stored row can have."""
    typed = page.form.get(field, "").strip()
    digits = to_ascii_digits(typed)
    if not (digits.isascii() and digits.isdigit()):
        raise Shown(again(page, refused=page.t("bad_number", value=typed), status=400))
    if len(digits) > len(str(LARGEST_NUMBER)) or int(digits) > LARGEST_NUMBER:
        raise Shown(again(page, refused=page.t("no_such_number", value=typed), status=404))
    return int(digits)


def console_page(request: Request, centre: CentreDep, form: FormDep) -> Page:
    """The signed-in operator's page, or the log-in page; a form must carry the CSRF token."""
    desk = desk_of(request)
    token = request.cookies.get(desk.cookie)
    found = (
        check_session(centre.uow, token, now=centre.clock(), policy=desk.defences.sessions)
        if token
        else None
    )
    if found is None:
        raise Shown(RedirectResponse(f"{PREFIX}/login", 303))
    page = Page(request, centre, found, lang_of(request), form)
    if request.method in UNSAFE_METHODS:
        given = form.get(CSRF_FIELD, "")
        if not hmac.compare_digest(given.encode(), found.session.csrf_token.encode()):
            page.deny("csrf", found.account.grant.place)
            raise Shown(page.render("denied.html", status=403, why=page.t("csrf_text")))
    return page


PageDep = Annotated[Page, Depends(console_page)]
