"""The HTTP/1.1 protocol every sandogh server runs on: uvicorn's on httptools, with a deadline for
each part a client owes (its headers, its body, taking up its answers) and the bounds on its
headers and its pipelined requests (`server.listening` says why, `ListenSettings` how much).
"""

from __future__ import annotations

import asyncio
import enum
import socket
import struct
import sys
from typing import Any

if sys.platform == "linux":
    import fcntl
    import termios

import httptools
import uvicorn
from uvicorn._types import ASGI3Application
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol, RequestResponseCycle
from uvicorn.server import ServerState

from sandogh.server.listen_settings import ListenSettings

#: `SO_LINGER` on, for no time: a socket closed with it is reset, whatever it held unsent
_NO_LINGER = struct.pack("HH" if sys.platform == "win32" else "ii", 1, 0)


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
        limits = getattr(config, "limits", None)
        assert isinstance(limits, ListenSettings)  # only `listening_config` names this class
        self._limits = limits
        self._awaited: _Part | None = None
        self._due = 0.0  # the loop's time by which the part awaited must have come
        self._deadline: asyncio.TimerHandle | None = None  # set only past a read (`_arm`)
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
        self._arm()

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
        self._arm()
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
        self._due = self.loop.time() + seconds

    def _arm(self) -> None:
        """Set the timer of the part awaited, once the bytes in hand are read: a request read
        whole in one go (a check-in's is) needs none, and a timer set and cancelled twice a
        request was a part of a check-in's CPU (issue 14)."""
        if self._awaited is not None and self._deadline is None:
            self._deadline = self.loop.call_at(self._due, self._expire)

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
