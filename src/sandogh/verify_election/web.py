"""Reading the record over HTTP(S) from a server that may be hostile (`docs/e2e.md` §10,
"Reading over HTTP").

A server can hold a reader by sending a byte now and then (a timeout per read never fires), send
headers without end, compress a bomb, or redirect elsewhere. So every socket operation — connect,
TLS, each write and read, headers included — is bounded by the file's deadline (`Limits`): a
time per MiB the verifier may read of it, and the run's deadline if sooner; redirects stay on the
record URL's origin (scheme, host, port) and number at most `REDIRECTS`; the file's own bytes are
asked for (`Accept-Encoding: identity`) and any other encoding is refused, never decoded; only
200 is read (404 and 410 are a missing file); at most the caller's cap is read, a body with a
longer `Content-Length` refused unread when the file is unlisted. httpcore is used directly: it
takes the network backend that carries the deadline, and does nothing the verifier did not ask.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import SplitResult, urljoin, urlsplit

import httpcore

from sandogh.verify_election.errors import Refusal, RefusedError

MIB = 2**20
FILE_SECONDS = 60.0  # per MiB: a mean of about 17 KiB/s, so a slow mobile link still reads
REDIRECTS = 5
_HEADERS = [(b"Accept-Encoding", b"identity"), (b"User-Agent", b"sandogh-verify-election")]
_REDIRECT = frozenset({301, 302, 303, 307, 308})
_PORTS = {"http": 80, "https": 443}


def _seconds(value: float) -> str:
    return f"{value:g}"


@dataclass(frozen=True)
class Limits:
    """How long reading may take: `file_seconds` per MiB a file may hold (at least one MiB's
    worth), and the run's deadline `run_ends` (a wall-clock time, so that every worker process
    holds the same one; None: no deadline) set `run_seconds` after the run started."""

    file_seconds: float = FILE_SECONDS
    run_seconds: float | None = None
    run_ends: float | None = None

    @classmethod
    def starting_now(cls, file_seconds: float, run_seconds: float | None) -> Limits:
        ends = None if run_seconds is None else time.time() + run_seconds
        return cls(file_seconds, run_seconds, ends)

    def run_left(self) -> float | None:
        return None if self.run_ends is None else self.run_ends - time.time()

    def run_over(self, where: str) -> RefusedError:
        return RefusedError(
            where, Refusal.RUN_DEADLINE, {"seconds": _seconds(self.run_seconds or 0)}
        )


class _Clock:
    """One read's deadline, on the monotonic clock. It travels as httpcore's every timeout
    (connect, read, write: httpcore hands a timeout to the socket as it is), so each request
    carries its own, and `_bounded` turns it into the seconds left at each operation."""

    def __init__(self) -> None:
        self.ends = math.inf
        self.expired: RefusedError | None = None


def _bounded(timeout: float | _Clock | None, expired: type[Exception]) -> float | None:
    if not isinstance(timeout, _Clock):
        return timeout
    left = timeout.ends - time.monotonic()
    if left <= 0:
        raise expired("the deadline passed")
    return left


class _Stream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | _Clock | None = None) -> bytes:
        return self._inner.read(max_bytes, _bounded(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | _Clock | None = None) -> None:
        self._inner.write(buffer, _bounded(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: Any,
        server_hostname: str | None = None,
        timeout: float | _Clock | None = None,
    ) -> httpcore.NetworkStream:
        bounded = _bounded(timeout, httpcore.ConnectTimeout)
        return _Stream(self._inner.start_tls(ssl_context, server_hostname, bounded))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _Backend(httpcore.NetworkBackend):
    """httpcore's own sockets, each operation bounded by its request's deadline."""

    def __init__(self) -> None:
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | _Clock | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        bounded = _bounded(timeout, httpcore.ConnectTimeout)
        return _Stream(self._inner.connect_tcp(host, port, bounded, local_address, socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def _origin(parts: SplitResult) -> tuple[str, str | None, int | None, str | None, str | None]:
    scheme = parts.scheme.lower()
    port = parts.port or _PORTS.get(scheme)
    return (scheme, parts.hostname, port, parts.username, parts.password)


def _header(response: httpcore.Response, name: bytes) -> str | None:
    for key, value in response.headers:
        if key.lower() == name:
            return value.decode("latin-1").strip()
    return None


class Remote:
    """The snapshot at an http(s) URL, refused unless of that scheme, without a user name,
    password, query or fragment."""

    def __init__(self, location: str, limits: Limits) -> None:
        try:
            parts = urlsplit(location)
            self._origin = _origin(parts)
        except ValueError as error:
            raise RefusedError(location, Refusal.NETWORK, {"detail": str(error)}) from error
        if self._origin[0] not in _PORTS:
            raise RefusedError(location, Refusal.SCHEME, {"scheme": self._origin[0]})
        if parts.username is not None or parts.password is not None:
            hidden = parts._replace(netloc="…@" + parts.netloc.rpartition("@")[2]).geturl()
            raise RefusedError(hidden, Refusal.CREDENTIALS)  # named, but not printed
        if "?" in location or "#" in location:
            raise RefusedError(location, Refusal.QUERY)
        if not parts.hostname:
            raise RefusedError(location, Refusal.NETWORK, {"detail": "no host"})
        self.location = location
        self.limits = limits
        self._pool = httpcore.ConnectionPool(network_backend=_Backend(), retries=0)

    def url(self, relative: str) -> str:
        return self.location.rstrip("/") + "/" + relative

    def open(self, relative: str, cap: int, unlisted: int | None) -> Iterator[bytes] | None:
        """At most `cap` bytes of the file, as they arrive; None when it is not there. With
        `unlisted` (its bound), a `Content-Length` past it is refused before its body is read."""
        url = self.url(relative)
        clock = _Clock()
        started = time.monotonic()
        self._deadline(clock, url, started, MIB)  # the connection, redirects and headers
        with self._mapped(url, clock):
            response = self._response(url, clock)
        if response is None:
            return None
        try:
            encoding = _header(response, b"content-encoding")
            if encoding is not None and encoding.lower() not in ("", "identity"):
                raise RefusedError(url, Refusal.ENCODING, {"encoding": encoding})
            length = _header(response, b"content-length")
            size = int(length) if length is not None and length.isdigit() else None
            if unlisted is not None and size is not None and size > unlisted:
                raise RefusedError(url, Refusal.TOO_LONG, {"bytes": unlisted})
        except RefusedError:
            response.close()
            raise
        self._deadline(clock, url, started, cap if size is None else min(size + 1, cap))
        return self._body(url, response, cap, clock)

    def _deadline(self, clock: _Clock, url: str, started: float, size: int) -> None:
        """Set `clock` for a file of `size` bytes at most, read since `started`."""
        per_file = self.limits.file_seconds * max(1, math.ceil(size / MIB))
        clock.ends = started + per_file
        clock.expired = RefusedError(
            url,
            Refusal.FILE_DEADLINE,
            {"seconds": _seconds(per_file), "per": _seconds(self.limits.file_seconds)},
        )
        run_left = self.limits.run_left()
        if run_left is not None and time.monotonic() + run_left < clock.ends:
            clock.ends = time.monotonic() + run_left
            clock.expired = self.limits.run_over(url)

    @contextmanager
    def _mapped(self, url: str, clock: _Clock) -> Iterator[None]:
        try:
            yield
        except httpcore.TimeoutException as error:
            raise (
                clock.expired or RefusedError(url, Refusal.NETWORK, {"detail": "timeout"})
            ) from error
        except httpcore.ProtocolError as error:
            detail = str(error) or type(error).__name__
            raise RefusedError(url, Refusal.BROKEN, {"detail": detail}) from error
        except (httpcore.NetworkError, httpcore.UnsupportedProtocol) as error:
            detail = str(error) or type(error).__name__
            raise RefusedError(url, Refusal.NETWORK, {"detail": detail}) from error

    def _response(self, url: str, clock: _Clock) -> httpcore.Response | None:
        target = url
        timeouts = {"connect": clock, "read": clock, "write": clock, "pool": None}
        for _ in range(REDIRECTS + 1):
            try:
                host = urlsplit(target).netloc.encode("idna")
            except UnicodeError as error:
                raise RefusedError(url, Refusal.NETWORK, {"detail": str(error)}) from error
            headers = [(b"Host", host), *_HEADERS]
            request = httpcore.Request(
                b"GET", target, headers=headers, extensions={"timeout": timeouts}
            )
            response = self._pool.handle_request(request)
            if response.status == 200:
                return response
            location = _header(response, b"location")
            response.close()  # a redirect's or an error's body is never read
            if response.status in (404, 410):
                return None
            if response.status not in _REDIRECT or not location:
                raise RefusedError(url, Refusal.STATUS, {"status": response.status})
            following = urljoin(target, location)
            try:
                elsewhere = _origin(urlsplit(following)) != self._origin
            except ValueError:
                elsewhere = True
            if elsewhere:
                origin = urlsplit(self.location)._replace(path="", query="", fragment="").geturl()
                raise RefusedError(url, Refusal.OFF_ORIGIN, {"target": following, "origin": origin})
            target = following
        raise RefusedError(url, Refusal.REDIRECTS, {"count": REDIRECTS})

    def _body(
        self, url: str, response: httpcore.Response, cap: int, clock: _Clock
    ) -> Iterator[bytes]:
        got = 0
        try:
            with self._mapped(url, clock):
                for received in response.iter_stream():
                    chunk = received[: cap - got]
                    got += len(chunk)
                    yield chunk
                    if got >= cap:
                        return
        finally:
            response.close()

    def close(self) -> None:
        self._pool.close()
