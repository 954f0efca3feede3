"""The console's log-in, log-out, dashboard of the day and atlas of stations.

Logging in goes through `server.sessions.log_in_request`, as the API's does, so the two share
the lockout and the throttles; every failure shows one page with one sentence (status 401, or 429
for a throttled caller: the status tells no more than the API's does). The log-in form is
protected against CSRF by a double-submit token (a cookie and a hidden field), since there is no
session yet whose token it could carry.
"""

from __future__ import annotations

import datetime
import hmac
import secrets
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sandogh.core.access import Action
from sandogh.core.definition.model import UnitKind
from sandogh.locale import Lang, to_persian_digits
from sandogh.locale.dates import TEHRAN
from sandogh.maps import boundaries_for
from sandogh.server.centre import CentreDep
from sandogh.server.console.day import day_at, recent_alerts, recent_refusals
from sandogh.server.console.gate import (
    CSRF_FIELD,
    PREFIX,
    FormDep,
    PageDep,
    landing,
    lang_of,
    render,
)
from sandogh.server.console.readiness_page import remote_note
from sandogh.server.sessions import desk_of, log_in_request, log_out_request, start_session
from sandogh.services.sessions import LoginError

LOGIN_CSRF_COOKIE = "sandogh-login-csrf"
#: Seconds between the dashboard's renewals (`static/live.js`): a station's report shows within
#: a minute, and a county's few operators cost the centre a page a second at most.
REFRESH_SECONDS = 30

router = APIRouter(prefix=PREFIX, include_in_schema=False)


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request) -> Response:
    return _login_form(request)


@router.post("/login", response_class=HTMLResponse)
def login(request: Request, centre: CentreDep, form: FormDep) -> Response:
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    given = form.get(CSRF_FIELD, "")
    if not cookie or not hmac.compare_digest(cookie.encode(), given.encode()):
        return _login_form(request, failed=True, status=403)
    try:
        opened = log_in_request(
            request,
            centre,
            form.get("username", ""),
            form.get("password", ""),
            form.get("totp") or None,
        )
    except LoginError as refused:
        return _login_form(request, failed=True, status=429 if refused.throttled else 401)
    answer = RedirectResponse(landing(opened.account.grant), 303)
    start_session(answer, request, opened)
    answer.delete_cookie(LOGIN_CSRF_COOKIE, path=f"{PREFIX}/login")
    return answer


def _login_form(request: Request, *, failed: bool = False, status: int = 200) -> Response:
    token = secrets.token_urlsafe(32)
    answer = render(
        request, lang_of(request), "login.html", status=status, failed=failed, token=token
    )
    answer.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        path=f"{PREFIX}/login",
        secure=desk_of(request).settings.secure_cookies,
        httponly=True,
        samesite="strict",
    )
    return answer


@router.post("/logout")
def logout(page: PageDep) -> Response:
    desk = desk_of(page.request)
    log_out_request(page.request, page.centre)
    answer = RedirectResponse(f"{PREFIX}/login", 303)
    answer.delete_cookie(desk.cookie, path="/", secure=desk.settings.secure_cookies, httponly=True)
    return answer


@router.get("/", response_class=HTMLResponse)
def dashboard(page: PageDep) -> Response:
    day = page.day()
    place = page.place()
    page.require(day, Action.READ, place)
    grant = page.actor.grant
    sees_alerts = page.may(day, Action.READ_LOG, grant.place) or page.may(
        day, Action.MANAGE_USERS, grant.place
    )
    with page.centre.uow() as work:
        today = day_at(work, day, place)
        now = page.centre.clock()
        alerts = recent_alerts(work, now) if sees_alerts else None
        refusals = recent_refusals(work, now) if sees_alerts else None
    hours = hour_bars(today.by_hour, page.lang)
    return page.render(
        "dashboard.html",
        day=day,
        today=today,
        alerts=alerts,
        refusals=refusals,
        hours=hours,
        now=now,
        refresh=REFRESH_SECONDS,
    )


def hour_bars(
    by_hour: tuple[tuple[datetime.datetime, int], ...], lang: Lang
) -> list[tuple[str, int, int]]:
    """Each hour's start as Tehran reads it, its check-ins, and its bar's height in percent;
    an hour without check-ins between the first and the last is a bar of its own, at zero."""
    most = max((count for _, count in by_hour), default=0)
    counted = dict(by_hour)
    hours = []
    if by_hour:
        start, last = by_hour[0][0], by_hour[-1][0]
        while start <= last:
            hours.append((start, counted.get(start, 0)))
            start += datetime.timedelta(hours=1)
    shown = []
    for start, count in hours:
        clock = f"{start.astimezone(TEHRAN):%H:%M}"
        shown.append(
            (to_persian_digits(clock) if lang == "fa" else clock, count, 100 * count // most)
        )
    return shown


@router.get("/atlas", response_class=HTMLResponse)
def atlas(page: PageDep) -> Response:
    day = page.day()
    place = page.place()
    page.require(day, Action.READ, place)
    with page.centre.uow() as work:
        today = day_at(work, day, place)
        plans = {p.station: p for p in work.preparation.plans(day.election.id)}
    remote: dict[str, str] = {}  # a hard-to-reach station's plan in a few words
    for state in today.stations:
        code, info = state.unit.code, state.unit.station
        if code in plans or (info is not None and info.hard_to_reach):
            remote[code] = remote_note(plans.get(code), page.lang, day.election.date)
    points: list[dict[str, Any]] = []
    for state in today.stations:
        info = state.unit.station
        if info is None or info.location is None:
            continue
        points.append(
            {
                "code": state.unit.code,
                "name": state.unit.name.fa if page.lang == "fa" else state.unit.name.en,
                "lat": str(info.location.lat),
                "lon": str(info.location.lon),
                "status": state.status.value,
                "statusText": page.t(f"status_{state.status.value}"),
                "mobile": info.mobility.value == "mobile",
                "hard": state.unit.code in remote,
                "plan": remote.get(state.unit.code, ""),
            }
        )
    geography = day.geography
    province = next(
        (c for c in (place, *geography.ancestors(place)) if geography.kind(c) is UnitKind.PROVINCE),
        None,
    )
    boundaries = boundaries_for(province)
    return page.render(
        "atlas.html", day=day, today=today, points=points, remote=remote, boundaries=boundaries
    )
