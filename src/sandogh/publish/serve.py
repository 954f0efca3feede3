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
"""

from __future__ import annotations

import os
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.responses import FileResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import PathLike, StaticFiles
from starlette.types import Scope

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
        with open(full_path, "rb") as opened:
            held = os.fstat(opened.fileno())
            body = opened.read()
        answer = super().file_response(full_path, held, scope, status_code)
        if not isinstance(answer, FileResponse):
            return answer
        headers = {k: v for k, v in answer.headers.items() if k != "content-length"}
        return Response(body, answer.status_code, headers, answer.media_type)


def static_app(root: Path) -> Starlette:
    """Serve the files under `root`; a folder's `index.html` answers for the folder."""
    return Starlette(
        routes=[Mount("/", app=SnapshotFiles(directory=root, html=True))],
        middleware=[
            Middleware(WithHeaders, headers=(*SECURITY_HEADERS, (b"cache-control", CACHE_CONTROL)))
        ],
    )
