"""A plain static web server for a snapshot folder: `sandogh publish-serve`.

DESIGN.md §5: public read traffic is served from static snapshots, never from the database. Any
static server or CDN will do; this one is for a demo, a test or a small election. Starlette's
`StaticFiles` answers each file with an `ETag` and a `Last-Modified` taken from the file's time and
size, and `304 Not Modified` to a request that already holds it; since the publisher rewrites only
files whose bytes change, a page polling `snapshot.json` downloads it again only when it changed.
`Cache-Control: no-cache` asks browsers and caches to revalidate every time, so a result is never
served stale from a cache, and revalidation costs a 304. Every answer carries the security
headers of every sandogh page too (`sandogh.security_headers`: the Content-Security-Policy).
"""

from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from sandogh.security_headers import SECURITY_HEADERS, WithHeaders

CACHE_CONTROL = b"no-cache"


def static_app(root: Path) -> Starlette:
    """Serve the files under `root`; a folder's `index.html` answers for the folder."""
    return Starlette(
        routes=[Mount("/", app=StaticFiles(directory=root, html=True))],
        middleware=[
            Middleware(WithHeaders, headers=(*SECURITY_HEADERS, (b"cache-control", CACHE_CONTROL)))
        ],
    )
