"""The Content-Security-Policy and the other security headers for every page sandogh serves: the
election headquarters console (with all of the centre's answers), the results site (sent by
`publish-serve`, and written into each page for static hosts that send no headers), and the
kiosk's screens.

Issue 9 §4, stored XSS: an election definition passes through many hands, and its names reach
every page. The pages put them in as text; the policy is the second wall, should one ever be
parsed as HTML: scripts and styles only from the site's own files (no inline script, no event
handler or style attribute), requests only to the site itself, no plug-ins, no `<base>`, no
framing, forms sent only to the site. Images may also be `data:` URLs (the results site's empty
favicon). No map tiles come from elsewhere: Leaflet and the boundaries are served with the pages
(`sandogh.maps`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from starlette.types import ASGIApp, Message, Receive, Scope, Send

_DIRECTIVES = (
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
)
#: the policy a page carries in `<meta http-equiv>`: a browser ignores `frame-ancestors` there
#: (and says so on its console), so refusing to be framed takes the header
META_POLICY = "; ".join(_DIRECTIVES)
CONTENT_SECURITY_POLICY = f"{META_POLICY}; frame-ancestors 'none'"
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
)


class WithHeaders:
    """ASGI middleware: every HTTP response of `app` carries `headers`, in place of any of the
    same names it set itself."""

    def __init__(self, app: ASGIApp, headers: Sequence[tuple[bytes, bytes]] = SECURITY_HEADERS):
        self._app = app
        self._headers = list(headers)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = with_headers(message.get("headers", []), self._headers)
            await send(message)

        await self._app(scope, receive, sending)


def with_headers(
    answer: Iterable[tuple[bytes, bytes]], headers: Sequence[tuple[bytes, bytes]] = SECURITY_HEADERS
) -> list[tuple[bytes, bytes]]:
    """An answer's `answer` headers with `headers` in place of any of the same names: what
    `WithHeaders` sends, and the centre's check-in route outside it (`server.check_in_route`)."""
    names = {name for name, _ in headers}
    return [(name, value) for name, value in answer if name.lower() not in names] + list(headers)
