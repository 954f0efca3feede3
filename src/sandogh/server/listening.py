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

import asyncio
import enum
import socket
import struct
import sys
from typing import Annotated, Any

if sys.platform == "linux":
    import fcntl
    import termios

import httptools
import uvicorn
from pydantic import BaseModel, ConfigDict, Field
from starlette.requests import ClientDisconnect
from uvicorn._types import ASGI3Application, ASGIReceiveCallable, ASGISendCallable, Scope
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol, RequestResponseCycle
from uvicorn.server import ServerState

from sandogh.locale.language import Lang
from sandogh.server.listening_log import log_config

#: `SO_LINGER` on, for no time: a socket closed with it is reset, whatever it held unsent
_NO_LINGER = struct.pack("HH" if sys.platform == "win32" else "ii", 1, 0)

#: DESIGN.md §6 and issue 9: no connection is held open by a silent client for more than this.
MAX_SECONDS = 30


class ListenSettings(BaseModel):
    """The bounds on the connections of one server process (seconds; bytes; connections)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    #: From a connection opening (or a later request's first byte) to the end of its headers.
    header_seconds: Annotated[int, Field(ge=1, le=MAX_SECONDS)] = 10
    #: From the end of a request's headers to the end of its body.
    body_seconds: Annotated[int, Field(ge=1, le=MAX_SECONDS)] = 30
    #: How long a connection may wait idle for its next request.
    keep_alive_seconds: Annotated[int, Field(ge=1, le=MAX_SECONDS)] = 5
    #: Open connections at which new requests are answered 503 at once.
    max_connections: Annotated[int, Field(ge=2, le=100_000)] = 1_000
    #: The request line and headers, at most (h11's default bound, kept on httptools).
    max_header_bytes: Annotated[int, Field(ge=1024, le=1024 * 1024)] = 16 * 1024
    #: How long an answer's bytes may wait for the client to take them up.
    write_seconds: Annotated[int, Field(ge=1, le=MAX_SECONDS)] = 30
    #: Requests one connection may queue behind the one being answered (pipelined).
    max_pipelined: Annotated[int, Field(ge=1, le=1_000)] = 16


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


class _Part(enum.Enum):
    """The part of a request its client owes."""

    HEADERS = "headers"
    BODY = "body"


class DeadlineProtocol(HttpToolsProtocol):
    """uvicorn's HTTP/1.1 protocol on httptools, closing a connection whose client is late with
    its headers or its body (`ListenSettings.header_seconds`, `.body_seconds`) or with taking
    up its answers (`.write_seconds`), or queues too many requests (`.max_pipelined`), and
    refusing headers larger than `.max_header_bytes`, complete or not."""

    def __init__(
        self,
        config: uvicorn.Config,
        server_state: ServerState,
        app_state: dict[str, Any],
        _loop: asyncio.AbstractEventLoop | None = None,
    ) -> None:
        super().__init__(config, server_state, app_state, _loop)
        assert isinstance(config, _ListeningConfig)  # only `listening_config` names this class
        self._limits = config.limits
        self._awaited: _Part | None = None
        self._deadline: asyncio.TimerHandle | None = None
        # of the request whose headers are awaited: the bytes read while they are incomplete,
        # and those of its request line and headers as parsed
        self._buffered = self._header_bytes = 0
        # of the body awaited: the bytes read that were not the body (chunks' sizes and
        # extensions, trailers), which the parser also keeps whole
        self._framing = 0
        self._begun = self._completed = False  # in the bytes being read: a request, its end
        # while an answer's bytes wait for the client to take them up: when they may wait no more
        self._stalled: asyncio.TimerHandle | None = None
        # when to look again at an idle connection's answers still unsent
        self._draining: asyncio.TimerHandle | None = None
        self._answering: RequestResponseCycle | None = None  # the request whose app runs
        self._dropped = False

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        # any byte the kernel does not take pauses the writer (uvicorn's mark is 64 KB): an
        # answer below the mark, left unread as its keep-alive ends, held its connection for
        # ever, since a transport closing waits to send what it holds
        transport.set_write_buffer_limits(high=0)
        self._await(_Part.HEADERS)

    def pause_writing(self) -> None:
        super().pause_writing()
        self._unstall()
        self._stalled = self.loop.call_later(self._limits.write_seconds, self._drop)

    def resume_writing(self) -> None:
        super().resume_writing()
        self._unstall()

    def data_received(self, data: bytes) -> None:
        self._begun = self._completed = False
        in_body = self._awaited is _Part.BODY
        super().data_received(data)
        # a chunked body's trailers and chunk extensions are kept whole too, and a trailer of
        # tens of megabytes held the event loop for seconds (session 24, F1): what of a body's
        # bytes is not body may be the size of its headers and of the body itself, no more
        if in_body and self._awaited is _Part.BODY and not self._begun:
            self._framing += len(data)
            if self._framing > self._limits.max_header_bytes:
                self._expire()
        # the parser keeps incomplete headers whole: bound what it keeps. The bytes that began
        # a request count, unless they also ended an earlier one (pipelined: where the new one
        # began is not told); its complete headers are counted exactly (`on_headers_complete`)
        if self._awaited is _Part.HEADERS and not (self._begun and self._completed):
            self._buffered += len(data)
            if self._buffered > self._limits.max_header_bytes:
                self._too_large()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop()
        self._unstall()
        if self._draining is not None:
            self._draining.cancel()
        # uvicorn tells only the request read last that its client left; the one answered may
        # be an earlier one, pipelined, and it wrote on to the closed transport: uvloop raised,
        # a traceback a connection (session 24, F5). The requests queued are dropped with it.
        if self._answering is not None and not self._answering.response_complete:
            self._answering.disconnected = True
            self._answering.message_event.set()
        self.pipeline.clear()
        super().connection_lost(exc)

    def timeout_keep_alive_handler(self) -> None:
        if self.transport.is_closing() or self._unsent() == 0:
            super().timeout_keep_alive_handler()
            return
        self.flow.pause_reading()  # the keep-alive is over: no request more meanwhile
        # a silent client's answers are dropped `write_seconds` after the last one's end (a
        # second at least from now), as the write deadline would have
        wait = max(1, self._limits.write_seconds - self._limits.keep_alive_seconds)
        self._draining = self.loop.call_later(wait, self._close_when_sent, self._unsent())

    def _close_when_sent(self, before: int) -> None:
        """Close the idle connection once its answers are sent; reset it if the client took
        none of them since `before` bytes were unsent, `write_seconds` ago."""
        self._draining = None
        if self.transport.is_closing():
            return
        unsent = self._unsent()
        if unsent == 0:
            super().timeout_keep_alive_handler()
        elif unsent >= before:
            self._drop()
        else:
            self._draining = self.loop.call_later(
                self._limits.write_seconds, self._close_when_sent, unsent
            )

    def _unsent(self) -> int:
        """The bytes of the answers not yet taken up: in the transport's buffer, in the kernel's."""
        in_kernel = _unsent_in_kernel(self.transport.get_extra_info("socket"))
        return self.transport.get_write_buffer_size() + in_kernel

    def _start_asgi_task(self, cycle: RequestResponseCycle, app: ASGI3Application) -> None:
        self._answering = cycle
        super()._start_asgi_task(cycle, app)

    # the parser's callbacks, one request at a time
    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._begun = True
        self._buffered = self._header_bytes = 0
        self._await(_Part.HEADERS)  # kept if armed already: from the connection opening

    def on_url(self, url: bytes) -> None:
        super().on_url(url)
        self._header_bytes += len(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        super().on_header(name, value)
        self._header_bytes += len(name) + len(value) + 4  # ": " and the line's end

    def on_headers_complete(self) -> None:
        if self._header_bytes > self._limits.max_header_bytes:
            # raised through the parser: uvicorn answers 400 and closes the connection
            raise httptools.HttpParserError("request headers too large")
        if self._dropped:  # the rest of the bytes read with those that dropped it
            return
        if len(self.pipeline) >= self._limits.max_pipelined:
            # uvicorn queues every request read while one is answered, and stops reading only
            # after the bytes in hand: a read of small requests queued thousands
            self._drop()
            return
        super().on_headers_complete()
        self._framing = 0
        self._await(_Part.BODY)

    def on_body(self, body: bytes) -> None:
        super().on_body(body)
        self._framing -= 2 * len(body)  # the body's own bytes, and as many of framing

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self._completed = True
        self._stop()  # the app's turn; then uvicorn's keep-alive timer

    def _await(self, part: _Part) -> None:
        """Keep the deadline of the part of a request the client now owes. While the same part
        is awaited its deadline stands, however many bytes arrive."""
        if part is self._awaited:
            return
        self._stop()
        seconds = (
            self._limits.header_seconds if part is _Part.HEADERS else self._limits.body_seconds
        )
        self._awaited = part
        self._deadline = self.loop.call_later(seconds, self._expire)

    def _stop(self) -> None:
        self._awaited = None
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _too_large(self) -> None:
        self._stop()
        if not self.transport.is_closing():
            self.send_400_response("Request headers too large.")

    def _unstall(self) -> None:
        if self._stalled is not None:
            self._stalled.cancel()
            self._stalled = None

    def _drop(self) -> None:
        """Close the connection now, dropping what it holds unsent (`close` would wait to send
        it to a client that may never read): a client that does not take up its answers
        (`ListenSettings.write_seconds`) or queues too many (`.max_pipelined`)."""
        self._unstall()
        self._dropped = True
        self._stop()
        # and the kernel's copy with it: closed with bytes unsent, a socket lingers on in the
        # kernel (megabytes on loopback) until its client reads them or the kernel gives up
        self.transport.get_extra_info("socket").setsockopt(
            socket.SOL_SOCKET, socket.SO_LINGER, _NO_LINGER
        )
        self.transport.abort()

    def _expire(self) -> None:
        self._deadline = None
        self._awaited = None
        # an app waiting for the body is told the client left (`http.disconnect`)
        if not self.transport.is_closing():
            self.transport.close()


def _unsent_in_kernel(connection: socket.socket) -> int:
    """The bytes of `connection` the kernel holds unsent (Linux's SIOCOUTQ); else none known."""
    if sys.platform != "linux":
        return 0
    held = fcntl.ioctl(connection.fileno(), termios.TIOCOUTQ, bytes(4))
    return int.from_bytes(held, sys.byteorder, signed=True)
