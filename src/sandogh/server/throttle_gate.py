"""Refusing a throttled caller's log-in at the door, before it costs the centre anything.

The throttle's truth is in the store (`services.throttle`), shared by every process of the centre;
each process also remembers the callers it has seen throttled, until when (`Blocks`), and refuses
their log-ins in this ASGI middleware without reading the body's fields, opening a transaction or
hashing anything — the same answer for every username. A flood of guesses from a throttled
network costs a dictionary look-up each. Each process records the log-ins it so refused as one
`LOGIN_FAILED` entry a second at most (`services.sessions.record_throttled`), and the rest when it
stops. A process that has not yet seen a caller throttled asks the store at its first attempt.

The caller's address is the socket's peer; behind a reverse proxy on the same machine, and only
when `OperatorSettings.trust_forwarded_for` is on, it is the last X-Forwarded-For entry of a
request that comes from loopback (the one the proxy added; earlier entries are the caller's word).
"""

from __future__ import annotations

import datetime
import functools
import ipaddress
import threading
from collections import Counter
from collections.abc import Mapping

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from sandogh.core.access import canonical_address, network_of
from sandogh.server.errors import error_response
from sandogh.services.throttle import Origin
from sandogh.wire import api_paths

LOGIN_PATH = api_paths.SESSION
FORWARDED_FOR = "x-forwarded-for"
#: How many throttled callers a process remembers before it forgets those whose time is up.
REMEMBERED = 100_000
#: How often at most a process writes the log-ins it refused unheard to the event log.
RECORD_EVERY = datetime.timedelta(seconds=1)
THROTTLED_REASON = "too-many-attempts"


def origin_of(peer: str | None, forwarded_for: str | None, *, trust_forwarded: bool) -> Origin:
    """Where a request comes from (see the module's text)."""
    return _origin(peer, forwarded_for, trust_forwarded)


@functools.lru_cache(maxsize=REMEMBERED)  # parsing addresses is most of a refusal's own work
def _origin(peer: str | None, forwarded_for: str | None, trust_forwarded: bool) -> Origin:
    address = peer or "unknown"
    if trust_forwarded and forwarded_for and _is_loopback(address):
        last = forwarded_for.rsplit(",", 1)[-1].strip()
        if _is_address(last):
            address = last
    address = canonical_address(address)
    return Origin(address, network_of(address))


def throttled_response(retry_at: datetime.datetime, now: datetime.datetime) -> JSONResponse:
    """The answer to a throttled log-in, the same from the middleware and from the endpoint."""
    seconds = max(1, -(-(retry_at - now) // datetime.timedelta(seconds=1)))
    return error_response(
        429,
        THROTTLED_REASON,
        f"too many failed log-ins from your address or network: try again in {seconds} s",
        headers={"Retry-After": str(seconds)},
    )


class Blocks:
    """The callers one process knows to be throttled, each key (`Origin.keys`) until when, and
    the log-ins it refused unheard that are not yet in the event log, by network."""

    def __init__(self) -> None:
        self._until: dict[str, datetime.datetime] = {}
        self._refused: Counter[str] = Counter()
        self._since: datetime.datetime | None = None
        self._recording = False
        self._lock = threading.Lock()

    def block(self, blocks: Mapping[str, datetime.datetime], now: datetime.datetime) -> None:
        with self._lock:
            if len(self._until) + len(blocks) > REMEMBERED:
                self._until = {key: t for key, t in self._until.items() if t > now}
                if len(self._until) + len(blocks) > REMEMBERED:
                    self._until.clear()  # forgetting only sends callers to the store's check
            self._until.update(blocks)

    def until(self, origin: Origin, now: datetime.datetime) -> datetime.datetime | None:
        """Until when `origin` is known to be throttled, or None."""
        with self._lock:
            found = [self._until.get(key) for key in origin.keys]
        latest = max((t for t in found if t is not None), default=None)
        return latest if latest is not None and latest > now else None

    def refused(self, origin: Origin, now: datetime.datetime) -> bool:
        """Count a log-in refused unheard; True when it is time to record the refusals."""
        with self._lock:
            self._refused[origin.network] += 1
            if self._since is None:
                self._since = now
            due = not self._recording and now - self._since >= RECORD_EVERY
            if due:
                self._recording = True
            return due

    def take(self) -> tuple[Counter[str], datetime.datetime] | None:
        """The refusals not yet recorded and since when, now handed to the caller to record."""
        with self._lock:
            refused, since = self._refused, self._since
            self._refused, self._since, self._recording = Counter(), None, False
        return None if since is None or not refused else (refused, since)


class ThrottleGate:
    """ASGI middleware: a log-in (POST `LOGIN_PATH`) from a caller this process knows to be
    throttled is answered 429 at once. It needs `app.state.desk` and `app.state.centre`; an app
    without them (the OpenAPI document's) lets every request through."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] != LOGIN_PATH:
            await self.app(scope, receive, send)
            return
        state = scope["app"].state
        desk = getattr(state, "desk", None)
        centre = getattr(state, "centre", None)
        if desk is None or centre is None:
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        origin = origin_of(
            client[0] if client else None,
            Headers(scope=scope).get(FORWARDED_FOR),
            trust_forwarded=desk.settings.trust_forwarded_for,
        )
        now = centre.clock()
        until = desk.blocks.until(origin, now)
        if until is None:
            await self.app(scope, receive, send)
            return
        await _drain(receive)  # read, so that the connection stays usable for the next request
        response = throttled_response(until, now)
        await response(scope, receive, send)
        if desk.blocks.refused(origin, now):
            await run_in_threadpool(desk.record_refusals, centre)


async def _drain(receive: Receive) -> None:
    while True:
        message = await receive()
        if message["type"] != "http.request" or not message.get("more_body", False):
            return


def _is_loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True
