"""A bound on the size of a request's body, so no caller can make the centre hold gigabytes.

The largest body the station API takes is a sync of a station's whole day offline or a station
report, both well under the bound; a body declared larger is refused before it is read, and one
that turns out larger as it streams is refused when it crosses the bound (413).
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sandogh.server.errors import error_response

MAX_BODY_BYTES = 4 * 1024 * 1024


class BodyLimit:
    """ASGI middleware refusing bodies of more than `limit` bytes with 413."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            response = error_response(413, "too-large", self._message())
            await response(scope, receive, send)
            return
        seen = 0

        async def bounded() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise HTTPException(413, self._message())
            return message

        await self.app(scope, bounded, send)

    def _message(self) -> str:
        return f"the body is larger than the centre takes ({self.limit} bytes)"
