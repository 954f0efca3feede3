"""A bound on the size of a request's body, so no caller can make the centre hold gigabytes.

The largest body the station API takes is a sync of a station's whole day offline or a station
report, both well under the bound; a body declared larger is refused before it is read, and one
that turns out larger as it streams is refused when it crosses the bound (413). One route takes
more: a station's E2E ballot chain (docs/e2e.md §7) holds every ballot's ciphertexts and proofs,
about 1.6 KB a ballot for one contest of two candidates and several times that for a ballot of
four contests, so a large station's chain passes 4 MB; it has its own bound.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sandogh.server.errors import error_response
from sandogh.wire import api_paths

MAX_BODY_BYTES = 4 * 1024 * 1024
MAX_CHAIN_BYTES = 64 * 1024 * 1024
#: the routes that take more than `MAX_BODY_BYTES`, by path
LARGER = {api_paths.BALLOT_CHAINS: MAX_CHAIN_BYTES}


class BodyLimit:
    """ASGI middleware refusing bodies of more than `limit` bytes with 413."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = LARGER.get(scope.get("path", ""), self.limit)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            response = error_response(413, "too-large", self._message(limit))
            await response(scope, receive, send)
            return
        seen = 0

        async def bounded() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > limit:
                raise HTTPException(413, self._message(limit))
            return message

        await self.app(scope, bounded, send)

    @staticmethod
    def _message(limit: int) -> str:
        return f"the body is larger than the centre takes ({limit} bytes)"
