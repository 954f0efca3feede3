"""What every request to the kiosk passes and every answer carries (issue 9, section 4).

The kiosk browser runs on the box itself, but other pages can run in that browser, and other
programs on the box can reach loopback: so a request must come from loopback and name the kiosk's
own bound address as its Host (a DNS-rebound name is refused), and a POST must come from the kiosk's
own origin (`same_origin`) and carry the session's CSRF token (checked by the screens, which hold
the sessions). Every answer forbids caching and framing (`no-store` also keeps Chromium's
back/forward cache from showing a past voter's screen), sends no referrer, and carries a strict
Content-Security-Policy: the kiosk's templates have no inline script or style to allow.
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

LOCAL_CLIENTS = frozenset({"127.0.0.1", "::1"})
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
    " object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
HEADERS = (
    (b"content-security-policy", CSP.encode("ascii")),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
)

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
    """ASGI middleware: loopback clients and the kiosk's own Host only; the headers on all."""

    def __init__(self, app: ASGIApp, refuse: Refuse) -> None:
        self._app = app
        self._refuse = refuse

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                held = [(k, v) for k, v in message.get("headers", []) if k not in dict(HEADERS)]
                message["headers"] = held + list(HEADERS)
            await send(message)

        client = scope.get("client")
        host = Headers(scope=scope).get("host", "")
        if client is None or client[0] not in LOCAL_CLIENTS:
            why = "kiosk_refused_client"
        elif host not in own_hosts(scope):
            why = "kiosk_refused_host"
        else:
            await self._app(scope, receive, with_headers)
            return
        await self._refuse(Request(scope), why)(scope, receive, with_headers)
