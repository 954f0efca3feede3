"""What the voter's and the operator's screens share: the box, the sessions, the templates, the
language, and the check every form passes (issue 9, section 4).

A form is taken only from the kiosk's own pages: `posted` requires the kiosk's Origin
(`guard.same_origin`) and the session's CSRF token, else it is refused with a page in both
languages and nothing changes. Each step that changes something answers with a redirect to a
page (POST, redirect, GET), so the browser's history holds only plain GETs of pages that show
the box's state now.
"""

from __future__ import annotations

import copy
import hmac
from pathlib import Path
from typing import cast
from urllib.parse import parse_qs

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from sandogh.locale import Lang, format_int, in_words, to_ascii_digits, to_persian_digits
from sandogh.station.ballot_names import BallotNames
from sandogh.station.box import Box
from sandogh.station.web.guard import same_origin
from sandogh.station.web.labels import label
from sandogh.station.web.sessions import Sessions

CSRF_FIELD = "csrf"
_HERE = Path(__file__).parent


class Screens:
    def __init__(self, box: Box, lang: Lang, sessions: Sessions) -> None:
        self.box = box
        self.lang = lang
        self.sessions = sessions
        self.env = Environment(
            loader=FileSystemLoader(_HERE / "templates"), autoescape=select_autoescape()
        )
        self.values: dict[str, object] = {}

    def with_values(self, **values: object) -> Screens:
        """These screens, rendering `values` into every page too (a page's own values win)."""
        screens = copy.copy(self)
        screens.values = {**self.values, **values}
        return screens

    def language(self, request: Request, form: dict[str, str] | None = None) -> Lang:
        asked = (form or {}).get("lang") or request.query_params.get("lang")
        return cast(Lang, asked) if asked in ("fa", "en") else self.lang

    def render(
        self,
        name: str,
        lang: Lang,
        path: str,
        *,
        csrf: str = "",
        code: int = 200,
        **values: object,
    ) -> HTMLResponse:
        def t(key: str, **fill: str | int) -> str:
            return label(key, lang, **fill)

        def digits(value: str | int) -> str:
            if isinstance(value, int):
                return format_int(value, lang)
            return to_persian_digits(value) if lang == "fa" else value

        def spoken(readable: str) -> str:
            return spoken_code(readable, lang)

        page = self.env.get_template(name).render(
            lang=lang,
            dir="rtl" if lang == "fa" else "ltr",
            t=t,
            digits=digits,
            spoken=spoken,
            path=path,
            csrf=csrf,
            csrf_field=CSRF_FIELD,
            **{**self.values, **values},
        )
        return HTMLResponse(page, status_code=code)

    def refused(self, request: Request, why: str, *, status: int = 403) -> Response:
        """The page that answers a refused request, in the kiosk's language and the other."""
        lang = self.language(request)
        other: Lang = "en" if lang == "fa" else "fa"
        return self.render(
            "refused.html", lang, "/", why=why, other=other, said=label(why, other), code=status
        )

    async def posted(self, request: Request, csrf: str) -> dict[str, str] | None:
        """The form's fields (the last value of each), or None unless it comes from one of the
        kiosk's own pages with the session's `csrf` token."""
        body = (await request.body()).decode("utf-8", "replace")
        form = {name: v[-1] for name, v in parse_qs(body, keep_blank_values=True).items()}
        given = form.get(CSRF_FIELD, "")
        if not (
            csrf and same_origin(request) and hmac.compare_digest(given.encode(), csrf.encode())
        ):
            return None
        return form

    def sealing(self) -> bool:
        """Whether the box seals ballots for cast-or-challenge (an E2E box, docs/e2e.md §7)."""
        with self.box.store.transaction() as tx:
            station = tx.station()
        return station is not None and station.setup.e2e is not None

    def names(self) -> BallotNames:
        return self.box.names()


def spoken_code(readable: str, lang: Lang) -> str:
    """A confirmation code as a screen reader says it: each digit in words, a pause between groups
    (a group read as one number would hide a zero in front)."""
    pause = "، " if lang == "fa" else ", "
    return pause.join(
        " ".join(in_words(int(digit), lang) for digit in to_ascii_digits(group))
        for group in readable.split()
    )


def see(path: str, lang: Lang) -> RedirectResponse:
    """After a step, the page that shows where things stand now."""
    return RedirectResponse(f"{path}?lang={lang}", status_code=303)


def keep_cookie(response: Response, name: str, value: str, path: str) -> Response:
    """Hold a session in the browser: never readable by a script, never sent cross-site."""
    response.set_cookie(name, value, path=path, httponly=True, samesite="strict")
    return response
