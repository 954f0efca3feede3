"""What every request to the kiosk passes and every answer carries (issue 9, section 4).

The kiosk browser runs on the box itself, but other pages can run in that browser, and other
programs on the box can reach loopback: so a request must come from loopback and name the
kiosk's own bound address as its Host (a DNS-rebound name is refused), and a POST must come from
the kiosk's own origin (`same_origin`) and carry the session's CSRF token (checked by the
screens, which hold the sessions). Every answer carries `HEADERS`: sandogh's strict
Content-Security-Policy and the rest of `security_headers` (the kiosk's templates have no inline
script or style to allow), and `no-store`.
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from sandogh.security_headers import SECURITY_HEADERS

LOCAL_CLIENTS = frozenset({"127.0.0.1", "::1"})
#: the headers of every page sandogh serves, and no caching: `no-store` also keeps Chromium's
#: back/forward cache from showing a page of a past voter
HEADERS = (*SECURITY_HEADERS, (b"cache-control", b"no-store"))

#: Why a request was refused before any screen saw it: a label of `labels`.
Refuse = Callable[[Request, str], Response]


def own_hosts(scope: Scope) -> frozenset[str]:
    """The Host values that name the address this connection reached (`scope["server"]`)."""
    server = scope.get("server")
    if not server or server[1] is None:
        return frozenset()
    host, port = str(server[0]), int(server[1])
    named = f"[{host}]" if ":" in host else host
    return frozenset({f"{named}:{port}"} | ({named} if port == 80 else set()))


def same_origin(request: Request) -> bool:
    """Whether a POST comes from one of the kiosk's own pages: its Origin is the kiosk's. Under
    the kiosk's own `no-referrer` policy the browser sends `Origin: null` for its forms; then
    its `Sec-Fetch-Site` (which a page cannot set) must say the form is the kiosk's own."""
    host = request.headers.get("host", "")
    if host not in own_hosts(request.scope):
        return False
    origin = request.headers.get("origin")
    if origin == f"http://{host}":
        return True
    return origin in (None, "null") and request.headers.get("sec-fetch-site") == "same-origin"


class KioskGuard:
    """ASGI middleware: loopback clients and the kiosk's own Host only."""

    def __init__(self, app: ASGIApp, refuse: Refuse) -> None:
        self._app = app
        self._refuse = refuse

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        client = scope.get("client")
        if client is None or client[0] not in LOCAL_CLIENTS:
            await self._refuse(Request(scope), "kiosk_refused_client")(scope, receive, send)
        elif Headers(scope=scope).get("host", "") not in own_hosts(scope):
            await self._refuse(Request(scope), "kiosk_refused_host")(scope, receive, send)
        else:
            await self._app(scope, receive, send)
