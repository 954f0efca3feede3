"""A plain static web server for a snapshot folder: `sandogh publish-serve`.

DESIGN.md §5: public read traffic is served from static snapshots, never from the database. Any
static server or CDN will do; this one is for a demo, a test or a small election. Starlette's
`StaticFiles` answers each file with an `ETag` and a `Last-Modified` taken from the file's time and
size, and `304 Not Modified` to a request that already holds it; since the publisher rewrites only
files whose bytes change, a page polling `snapshot.json` downloads it again only when it changed.
`Cache-Control: no-cache` asks browsers and caches to revalidate every time, so a result is never
served stale from a cache, and revalidation costs a 304.
"""

from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CACHE_CONTROL = b"no-cache"


class _Revalidate:
    """Adds `Cache-Control: no-cache` to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self._app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [
                    *message.get("headers", []),
                    (b"cache-control", CACHE_CONTROL),
                ]
            await send(message)

        await self._app(scope, receive, sending)


def static_app(root: Path) -> Starlette:
    """Serve the files under `root`; a folder's `index.html` answers for the folder."""
    return Starlette(
        routes=[Mount("/", app=StaticFiles(directory=root, html=True))],
        middleware=[Middleware(_Revalidate)],
    )
