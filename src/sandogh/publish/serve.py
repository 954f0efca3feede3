"""A plain static web server for a snapshot folder: `sandogh publish-serve`.

DESIGN.md §5: public read traffic is served from static snapshots, never from the database. Any
static server or CDN will do; this one is for a demo, a test or a small election. Starlette's
`StaticFiles` answers each file with an `ETag` and a `Last-Modified` taken from the file's time and
size, and `304 Not Modified` to a request that already holds it; since the publisher rewrites only
files whose bytes change, a page polling `snapshot.json` downloads it again only when it changed.
`Cache-Control: no-cache` asks browsers and caches to revalidate every time, so a result is never
served stale from a cache, and revalidation costs a 304. Every answer carries the security
headers of every sandogh page too (`sandogh.security_headers`: the Content-Security-Policy).

The publisher replaces a file by renaming a new one over it while the server reads, so a file is
opened once and its length, time and bytes all come from that one open file: Starlette's own
answer takes the length from a `stat` of the name and then opens the name again, and a rename in
between sent the new file's bytes under the old one's length (h11 then broke the connection with
"Too much data for declared Content-Length").

The open file is sent in pieces of 64 KB (Starlette's `FileResponse`, reading from it), never read
whole: an answer written in one piece had to be taken up by its client within the write deadline
(`ListenSettings.write_seconds`) whatever its pace, so a steady reader of a 2 MB report on a slow
link was cut every time, and each connection held its whole file in memory (session 25, G1 and
G2). In pieces, the deadline measures each piece's progress, and a connection holds one piece.
`Range` is answered (206) from the same open file, so a download cut off can be resumed.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import BinaryIO

import anyio
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.responses import FileResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import PathLike, StaticFiles
from starlette.types import Receive, Scope, Send

from sandogh.security_headers import SECURITY_HEADERS, WithHeaders

CACHE_CONTROL = b"no-cache"


class SnapshotFiles(StaticFiles):
    """Each file answered from one open file, whatever is renamed over its name meanwhile."""

    def file_response(
        self,
        full_path: PathLike,
        stat_result: os.stat_result,  # noqa: ARG002 -- the look-up's, taken before a rename
        scope: Scope,
        status_code: int = 200,
    ) -> Response:
        opened = open(full_path, "rb")  # noqa: SIM115 -- closed by the answer, once sent
        try:
            held = os.fstat(opened.fileno())
            answer = super().file_response(full_path, held, scope, status_code)
        except BaseException:
            opened.close()
            raise
        if not isinstance(answer, FileResponse):  # 304: no body
            opened.close()
            return answer
        return OpenFileResponse(
            opened, full_path, answer.status_code, dict(answer.headers), stat_result=held
        )


class OpenFileResponse(FileResponse):
    """Starlette's answer of a file, in pieces and ranges, read from `opened` rather than from
    the file's name, and closing it once sent (or the client gone)."""

    def __init__(
        self,
        opened: BinaryIO,
        path: PathLike,
        status_code: int,
        headers: dict[str, str],
        stat_result: os.stat_result,
    ) -> None:
        super().__init__(path, status_code, headers, stat_result=stat_result)
        self._opened = opened

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self._opened.close()

    @asynccontextmanager
    async def _open_file(self) -> AsyncIterator[anyio.AsyncFile[bytes]]:
        # Starlette's one way to the file's bytes (each piece and range seeks and reads in it)
        yield anyio.wrap_file(self._opened)


def static_app(root: Path) -> Starlette:
    """Serve the files under `root`; a folder's `index.html` answers for the folder."""
    return Starlette(
        routes=[Mount("/", app=SnapshotFiles(directory=root, html=True))],
        middleware=[
            Middleware(WithHeaders, headers=(*SECURITY_HEADERS, (b"cache-control", CACHE_CONTROL)))
        ],
    )
