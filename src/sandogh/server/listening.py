"""How every sandogh HTTP server holds its connections: the centre (`sandogh serve`), the results
site (`sandogh publish-serve`) and the box's kiosk (`sandogh station kiosk`), all on uvicorn.

A connection costs the server a socket and some memory for as long as it is open, so a client
that opens many and sends nothing, or sends a request a byte at a time (slowloris), or declares a
body and never sends it (slow POST), or just keeps an idle connection, would otherwise hold them
for ever. `ListenSettings` bounds each case, and `listening_config` is the one uvicorn
configuration the three servers are run with:

- the request line and headers must be complete within `header_seconds` of the connection
  opening, or of the first byte of a later request on it;
- a body must be complete within `body_seconds` of the end of its headers;
- an idle keep-alive connection is closed after `keep_alive_seconds` (uvicorn's own setting);
- a request line and headers larger than `max_header_bytes` are refused with 400, and the
  connection closed; so is a connection whose chunked body carries more than `max_header_bytes`
  beyond the body's own size in chunk sizes, extensions and trailers (closed, the app told the
  client left);
- an answer's bytes must be taken up by the client within `write_seconds` of the kernel's
  buffer filling (uvicorn's writer then waits), or the connection is reset and what it holds
  dropped: a client that asks and never reads held its connection, its answers and their tasks
  for ever (session 24, F4), since every other deadline ends with its request;
- so must the answers the kernel still holds when the keep-alive ends (Linux, which says what
  it holds): the connection is closed once they are taken up, and reset when none is taken for
  `write_seconds` from the last one's end, then for each `write_seconds` after. Closed at once,
  an unread answer that fit the kernel's buffer stayed there (FIN-WAIT-1) for as long as its
  silent client liked, its socket no longer counted (session 25, G3);
- a connection queueing more than `max_pipelined` requests behind the one being answered is
  reset: uvicorn queued every request of a read;
- while `max_connections` connections are open, a new request is answered at once with 503 and
  its connection closed (uvicorn's `limit_concurrency`), never queued.

uvicorn has no deadline for headers or a body (its keep-alive timer runs only after a response).
The alternatives were weighed: hypercorn's `read_timeout` bounds each read, not the whole
request, so a client sending a byte every few seconds is never cut, and it has no concurrency
limit; granian has a header-read timeout but none for a body, and its backpressure queues
requests rather than refusing them. Both would also replace the server every test and the live
demo run on. So the bounds are added here, in a subclass of uvicorn's protocol on httptools
(llhttp, the parser of Node.js): its callbacks say where a request stands — begun, headers
complete, message complete — and the subclass keeps one timer for the part awaited: a timer
armed when that part begins and not re-armed by the bytes that trickle in, which is what defeats
a client that sends just often enough to look alive. uvicorn's reading of X-Forwarded-For is
off: the centre decides whom to believe about a caller's address (`OperatorSettings`).

The protocol is httptools' rather than h11's (issue 14): h11, in pure Python, was the largest
part of a check-in's CPU (≈ 0.25 ms a request against ≈ 0.05). h11 also bounded the headers it
kept incomplete; httptools keeps them whole whatever their size, so the subclass counts them:
the bytes read while a request's headers are incomplete, and its request line and headers once
parsed, each against `max_header_bytes`. The event loop is uvloop's where it is installed
(uvicorn's `loop="auto"`; pyproject.toml installs it but on Windows), else asyncio's.

Behind a reverse proxy (docs/deploy.md) the proxy enforces the same bounds on the clients; these
protect the server when it is reached directly, and from a proxy that misbehaves.

What a server writes of itself, in the command's language, is `server.listening_log`'s.
"""

from __future__ import annotations

from typing import Any

import uvicorn
from starlette.requests import ClientDisconnect
from uvicorn._types import ASGI3Application, ASGIReceiveCallable, ASGISendCallable, Scope

from sandogh.locale.language import Lang
from sandogh.server.deadline_protocol import DeadlineProtocol
from sandogh.server.listen_settings import ListenSettings
from sandogh.server.listening_log import log_config


class _ListeningConfig(uvicorn.Config):
    """uvicorn's configuration, carrying the settings to each connection's protocol (and, being
    a class of this module, to the worker processes of `serve --workers`)."""

    def __init__(self, app: Any, limits: ListenSettings, lang: Lang, **options: Any) -> None:
        self.limits = limits
        super().__init__(
            app,
            http=DeadlineProtocol,
            timeout_keep_alive=limits.keep_alive_seconds,
            limit_concurrency=limits.max_connections,
            # uvicorn would take the client's address from an X-Forwarded-For sent from
            # loopback; the centre decides that itself (`OperatorSettings.trust_forwarded_for`)
            **{"proxy_headers": False, "log_config": log_config(lang), **options},
        )

    def load(self) -> None:
        super().load()
        self.loaded_app = _ClientGone(self.loaded_app)


def listening_config(
    app: Any, limits: ListenSettings, *, lang: Lang = "fa", **options: Any
) -> uvicorn.Config:
    """uvicorn's configuration of `app` held to `limits`, its lines in `lang`; `options` go to
    uvicorn as they are (host, port, log level, workers...)."""
    return _ListeningConfig(app, limits, lang, **options)


class _ClientGone:
    """The app, its requests whose client left before their answer ended quietly: the app
    learns it by `ClientDisconnect` as it reads the body, and uvicorn wrote the traceback of
    each as that of a failure (session 24, F5). The centre counts them (`server.errors`)."""

    def __init__(self, app: ASGI3Application) -> None:
        self._app = app

    async def __call__(
        self, scope: Scope, receive: ASGIReceiveCallable, send: ASGISendCallable
    ) -> None:
        try:
            await self._app(scope, receive, send)
        except ClientDisconnect:
            return
