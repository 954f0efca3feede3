"""Operators' sessions over HTTP: the session cookie, CSRF, and `require`, the check every console
and API endpoint for operators makes.

DESIGN.md §6 and the issue "Operations centre", item 1. A session is a random token (256 bits) in
a cookie that scripts cannot read (`HttpOnly`), that the browser sends only to this site
(`SameSite=Strict`) and only over HTTPS (`Secure`, and then the `__Host-` name prefix, RFC 6265bis
§4.1.3.2); a request that changes anything (POST, PUT, PATCH, DELETE) must also carry the session's
CSRF token in the `X-CSRF-Token` header, which a page of another site cannot know.

Use `require` on every endpoint an operator calls:

    def station_of(station: str) -> str:  # the place a request is about: a path parameter here
        return station

    @router.post("/api/v1/elections/{election_id}/stations/{station}/void")
    def void(operator: Annotated[SignedIn, Depends(require(Action.VOID, station_of))]) -> …:

It answers 401 without a live session, 403 (after logging `ACCESS_DENIED`) when the operator's
grant does not allow the action at that place (`core.access.may`), 404 for a place no stored day
has, and otherwise gives the endpoint the signed-in operator (`services.sessions.SignedIn`).
"""

# No `from __future__ import annotations` here: FastAPI reads the parameters of the dependency
# `require` makes, and the place's dependency is a local name it could not resolve from a string.

import hmac
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request, Response

from sandogh.core.access import Action, Places, may
from sandogh.core.definition.problems import Problem
from sandogh.server.centre import Centre, CentreDep
from sandogh.server.credentials import Argon2Passwords, TotpFactor
from sandogh.server.errors import ApiError
from sandogh.server.server_key import ServerKey
from sandogh.server.settings import OperatorSettings
from sandogh.server.throttle_gate import FORWARDED_FOR, Blocks, origin_of
from sandogh.services.credentials import PasswordHasher, SecondFactor
from sandogh.services.sessions import (
    Attempt,
    Defences,
    LoginError,
    SignedIn,
    check_session,
    log_in,
    log_out,
    record_denial,
    record_throttled,
    rehash_if_needed,
)
from sandogh.services.throttle import Origin
from sandogh.wire import api_paths

SESSION_COOKIE = "sandogh-session"
SECURE_SESSION_COOKIE = "__Host-sandogh-session"
CSRF_HEADER = api_paths.CSRF_HEADER
SESSION_TOKEN_BYTES = 32
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


@dataclass(eq=False)
class Desk:
    """The operators' side of a running centre: credentials, defences, the in-process cache of
    throttled callers, and the places operators are scoped to (read again when the stored
    election days change). One per app (`app.state.desk`)."""

    settings: OperatorSettings
    passwords: PasswordHasher
    factor: SecondFactor
    defences: Defences = field(default_factory=Defences)
    blocks: Blocks = field(default_factory=Blocks)
    _places: tuple[tuple[str, ...], Places] | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def cookie(self) -> str:
        return SECURE_SESSION_COOKIE if self.settings.secure_cookies else SESSION_COOKIE

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(SESSION_TOKEN_BYTES)

    def places(self, centre: Centre) -> Places:
        with centre.uow() as work:
            days = tuple(work.elections.ids())
            with self._lock:
                cached = self._places
            if cached is not None and cached[0] == days:
                return cached[1]
            places = Places.of(work.operators.unit_parents())
        with self._lock:
            self._places = (days, places)
        return places

    def record_refusals(self, centre: Centre) -> None:
        """Write the log-ins this process refused unheard, not yet recorded, to the event log."""
        taken = self.blocks.take()
        if taken is not None:
            refused, since = taken
            record_throttled(centre.uow, refused, since=since, now=centre.clock())


def open_desk(settings: OperatorSettings, key: ServerKey) -> Desk:
    """The desk of a centre started with `settings`, its TOTP secrets sealed with `key`."""
    return Desk(settings, Argon2Passwords.of(settings), TotpFactor(key))


def desk_of(request: Request) -> Desk:
    desk: Desk = request.app.state.desk
    return desk


def log_in_request(
    request: Request, centre: Centre, username: str, password: str, totp: str | None
) -> SignedIn:
    """Log in from `request` (its caller's address: `throttle_gate.origin_of`): the session, or
    `LoginError`, after remembering the caller's throttle and recording refusals due. The API and
    the console log in through this, so they share the same limits."""
    desk = desk_of(request)
    origin = _origin(request)
    now = centre.clock()
    try:
        opened = log_in(
            centre.uow,
            Attempt(username, password, totp, origin),
            hasher=desk.passwords,
            factor=desk.factor,
            new_token=desk.new_token,
            now=now,
            defences=desk.defences,
        )
    except LoginError as refused:
        desk.blocks.block(refused.blocks, now)
        if refused.throttled and desk.blocks.refused(origin, now):
            desk.record_refusals(centre)
        raise
    rehash_if_needed(centre.uow, opened, password, desk.passwords)
    return opened


def log_out_request(request: Request, centre: Centre) -> None:
    """End the session of `request`'s cookie, recording who logged out and from where; the API
    and the console log out through this."""
    token = request.cookies.get(desk_of(request).cookie, "")
    log_out(centre.uow, token, address=_origin(request).address, now=centre.clock())


def _origin(request: Request) -> Origin:
    return origin_of(
        request.client.host if request.client else None,
        request.headers.get(FORWARDED_FOR),
        trust_forwarded=desk_of(request).settings.trust_forwarded_for,
    )


def start_session(response: Response, request: Request, opened: SignedIn) -> None:
    """Give the browser the session's cookie (`Secure` unless the settings say otherwise)."""
    desk = desk_of(request)
    assert opened.token is not None  # a session just opened carries its token
    response.set_cookie(
        desk.cookie,
        opened.token,
        max_age=int(desk.defences.sessions.lifetime.total_seconds()),
        path="/",
        secure=desk.settings.secure_cookies,
        httponly=True,
        samesite="strict",
    )


def signed_in(request: Request, centre: CentreDep) -> SignedIn:
    """The operator whose session cookie the request carries (401 without a live one); for a
    request that changes anything, once its CSRF header matches the session's (403)."""
    desk = desk_of(request)
    token = request.cookies.get(desk.cookie)
    if not token:
        raise ApiError(401, "unauthenticated", "log in first: POST /api/v1/session")
    found = check_session(centre.uow, token, now=centre.clock(), policy=desk.defences.sessions)
    if found is None:
        raise ApiError(401, "session-ended", "the session has ended: log in again")
    if request.method in UNSAFE_METHODS:
        given = request.headers.get(CSRF_HEADER, "")
        if not hmac.compare_digest(given.encode(), found.session.csrf_token.encode()):
            _deny(centre, found, "csrf", found.account.grant.place, request)
            raise ApiError(
                403,
                "csrf",
                f"a request that changes something carries the session's {CSRF_HEADER} header",
                [Problem(CSRF_HEADER, "missing or not this session's")],
            )
    return found


SignedInDep = Annotated[SignedIn, Depends(signed_in)]


def require(action: Action, place_of_request: Callable[..., str]) -> Callable[..., SignedIn]:
    """A FastAPI dependency giving the signed-in operator, once their grant allows `action` at
    the unit code `place_of_request` returns; that is itself a dependency (FastAPI fills its
    parameters from the request: a path or query parameter, usually). See the module's text."""

    def dependency(
        request: Request,
        centre: CentreDep,
        operator: SignedInDep,
        place: Annotated[str, Depends(place_of_request)],
    ) -> SignedIn:
        authorise(request, centre, operator, action, place)
        return operator

    return dependency


def authorise(
    request: Request, centre: Centre, operator: SignedIn, action: Action, place: str
) -> None:
    """Refuse (`404 unknown-place`, or `403 not-allowed` after recording it) unless the
    operator's grant allows `action` at `place`: `require`'s check, for a place the request's
    body names or that must first be looked up."""
    places = desk_of(request).places(centre)
    if place not in places:
        raise ApiError(404, "unknown-place", f"no stored election day has a unit {place}")
    if not may(places, operator.account.grant, action, place):
        _deny(centre, operator, action.value, place, request)
        grant = operator.account.grant
        raise ApiError(
            403,
            "not-allowed",
            f"a {grant.role.value} at {grant.place} may not {action.value} at {place}",
        )


def _deny(centre: Centre, operator: SignedIn, action: str, place: str, request: Request) -> None:
    record_denial(
        centre.uow,
        operator.account,
        action=action,
        place=place,
        request=f"{request.method} {request.url.path}",
        now=centre.clock(),
    )
