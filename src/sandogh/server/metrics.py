"""The centre's Prometheus metrics (docs/deployment.md, "Metrics"), counted by one ASGI middleware.

`Measured` sits outside every other layer of the app and sees each request's path and each
answer's status and body, so that no endpoint carries a line of its own: the check-in's hot path
stays the check-in's (issue 14). What it counts is by endpoint and by reason, never by voter:
the endpoint is one word of a fixed set (the path's election id is dropped), the reason the
machine word the centre's own answer gives (`server.errors`, a refused voter's `reason`), and
nothing of a voter's request or answer (a national code, a name, a ballot card's token) is read
into a label. The one label that names a station is the box's outbox (below); DESIGN.md §1
shows the stations' progress to everyone, and the number of items waiting in a box says
nothing of any voter.

- `sandogh_requests_total{endpoint, status}` and `sandogh_request_seconds{endpoint}`: every
  request, and the time from its first byte read to its answer's last byte sent;
- `sandogh_check_ins_total{outcome}`: each check-in answered, `ballot-card` or `refused`;
- `sandogh_refusals_total{endpoint, reason}`: every answer of 400 and above by its `error`
  (a page, the console's log-in, by `http-<status>`), and every voter refused by its `reason`;
- `sandogh_reports_received_total{kind, outcome}`: each station report taken, `zero` or
  `final`, `accepted` or `duplicate` (a refused one is a refusal of `report`);
- `sandogh_process_requests`: the requests each server process answered;
- `sandogh_box_outbox_items{station}`: what a box's courier said was still queued when it last
  sent from its outbox (`api_paths.OUTBOX_HEADER`), once the centre took what it sent.

With several server processes each counts in files under one folder that the exporter adds up
(`server.metrics_export`).
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from typing import Any

from prometheus_client import Counter, Gauge, Histogram
from prometheus_client.metrics import MetricWrapperBase
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sandogh.server.errors import STORE_REWRITTEN
from sandogh.wire import api_paths

#: Latency buckets, in seconds: a check-in's aim is under 50 ms at the 99th percentile.
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

REQUESTS = Counter(
    "sandogh_requests", "Requests answered, by endpoint and status.", ("endpoint", "status")
)
LATENCY = Histogram(
    "sandogh_request_seconds",
    "Seconds from a request's arrival to its answer's last byte, by endpoint.",
    ("endpoint",),
    buckets=LATENCY_BUCKETS,
)
CHECK_INS = Counter(
    "sandogh_check_ins", "Check-ins answered: ballot-card or refused.", ("outcome",)
)
REFUSALS = Counter(
    "sandogh_refusals",
    "Requests refused and voters refused, by endpoint and the answer's reason.",
    ("endpoint", "reason"),
)
#: Present at 0 from the start, so that the first refusal is an increase an alert sees at once:
#: a report read over a store rewritten behind the log's back
REFUSALS.labels("report", STORE_REWRITTEN)
REPORTS = Counter(
    "sandogh_reports_received",
    "Station reports taken, by kind (zero, final) and outcome (accepted, duplicate).",
    ("kind", "outcome"),
)
PROCESS_REQUESTS = Gauge(
    "sandogh_process_requests",
    "Requests answered by each server process (a `pid` label with several): how they share.",
    multiprocess_mode="all",
)
OUTBOX = Gauge(
    "sandogh_box_outbox_items",
    "Items a box's outbox still held when it last sent from it, by station.",
    ("station",),
    multiprocess_mode="mostrecent",  # the last a box said, whichever process heard it
)


#: An answer's body is read for its reason or kind up to this size; a longer one is not a refusal.
_BODY_BOUND = 64 * 1024
_WORD = re.compile(r"[a-z0-9][a-z0-9-]{0,47}")
_STATION = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")
_OUTBOX = re.compile(r"\s*items=(\d{1,9})\s*;\s*station=(\S+)\s*")
_REPORT_KINDS = frozenset({"zero", "final"})
_OUTBOX_HEADER = api_paths.OUTBOX_HEADER.lower()  # as ASGI gives header names

CHECK_IN = "check-in"
LOOK_UP = "look-up"
REPORT = "report"
#: The endpoints a box sends its outbox from (`station.courier`).
_FROM_OUTBOX = frozenset({"sync", REPORT, "ballot-chain"})


def _route(template: str) -> re.Pattern[str]:
    return re.compile(re.escape(template).replace(r"\{election_id\}", "[^/]+") + "/?")


_ENDPOINTS = (
    (_route(api_paths.CHECK_INS), CHECK_IN),
    (_route(api_paths.SYNC), "sync"),
    (_route(api_paths.LOOK_UPS), LOOK_UP),
    (_route(api_paths.REPORTS), REPORT),
    (_route(api_paths.BALLOT_CHAINS), "ballot-chain"),
    (_route(api_paths.SESSION), "session"),
    (_route(api_paths.HEALTH), "health"),
    (re.compile("/console/login/?"), "console-login"),
)


def endpoint_of(path: str) -> str:
    """The endpoint `path` is counted under: a word of a fixed set, whatever the path holds."""
    for pattern, name in _ENDPOINTS:
        if pattern.fullmatch(path):
            return name
    if path.startswith("/console"):
        return "console"
    return "api" if path.startswith(api_paths.ROOT) else "other"


#: Each metric's child of given labels, looked up once: `labels()` took most of a check-in's
#: counting. Its keys are bounded: fixed endpoints, statuses and the centre's own reasons.
_CHILDREN: dict[tuple[MetricWrapperBase, tuple[str, ...]], Any] = {}


def _child(metric: MetricWrapperBase, *values: str) -> Any:
    child = _CHILDREN.get((metric, values))
    if child is None:
        child = _CHILDREN[metric, values] = metric.labels(*values)
    return child


def _word(value: object) -> str:
    return value if isinstance(value, str) and _WORD.fullmatch(value) else "other"


def _json(body: bytes) -> dict[str, object]:
    try:
        document = json.loads(body)
    except ValueError:
        return {}
    return document if isinstance(document, dict) else {}


def count_answer(endpoint: str, status: int, body: bytes | None, seconds: float) -> None:
    """Count one answer of `endpoint`; `body` is its JSON, when it was read (`_reads_body`)."""
    _child(REQUESTS, endpoint, str(status)).inc()
    PROCESS_REQUESTS.inc()
    _child(LATENCY, endpoint).observe(seconds)
    if status >= 400:
        error = _json(body).get("error") if body else None  # a page has none: its status says
        reason = f"http-{status}" if error is None else _word(error)
        _child(REFUSALS, endpoint, reason).inc()
    elif endpoint in (CHECK_IN, LOOK_UP):
        # the answer is read only when it may be a refusal: a ballot card is most check-ins
        answer = _json(body) if body and b'"refused"' in body else {}
        refused = answer.get("outcome") == "refused"
        if refused:
            _child(REFUSALS, endpoint, _word(answer.get("reason"))).inc()
        if endpoint == CHECK_IN:
            _child(CHECK_INS, "refused" if refused else "ballot-card").inc()
    elif endpoint == REPORT and body:
        taken = _json(body)
        kind = taken.get("kind")
        outcome = "duplicate" if taken.get("duplicate") is True else "accepted"
        _child(REPORTS, kind if kind in _REPORT_KINDS else "other", outcome).inc()


def note_outbox(header: str | None) -> None:
    """Take a box's `OUTBOX_HEADER` (from a request the centre took): its station's queue."""
    found = _OUTBOX.fullmatch(header or "")
    if found is not None and _STATION.fullmatch(found.group(2)):
        OUTBOX.labels(found.group(2)).set(int(found.group(1)))


def _reads_body(endpoint: str, status: int) -> bool:
    return status >= 400 or endpoint in (CHECK_IN, LOOK_UP, REPORT)


class Measured:
    """The ASGI middleware that counts every HTTP request of the app it wraps (see above)."""

    def __init__(self, app: ASGIApp, clock: Callable[[], float] = time.perf_counter) -> None:
        self.app = app
        self._clock = clock

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = self._clock()
        endpoint = endpoint_of(scope["path"])
        status = 500  # an app that raises before it answers: the server answers 500
        body: list[bytes] | None = None
        size = 0
        counted = False

        def count() -> None:
            nonlocal counted
            counted = True
            read = None if body is None else b"".join(body)
            count_answer(endpoint, status, read, self._clock() - started)
            if endpoint in _FROM_OUTBOX and 200 <= status < 300:
                note_outbox(_header(scope, _OUTBOX_HEADER))

        async def measured(message: Message) -> None:
            nonlocal status, body, size
            if message["type"] == "http.response.start":
                status = message["status"]
                body = [] if _reads_body(endpoint, status) else None
            elif message["type"] == "http.response.body":
                chunk = message.get("body", b"")
                size += len(chunk)
                if body is not None and size <= _BODY_BOUND:
                    body.append(chunk)
                else:
                    body = None
                if not message.get("more_body", False):
                    count()  # before the last byte goes: the caller's answer is counted
            await send(message)

        try:
            await self.app(scope, receive, measured)
        finally:
            if not counted:  # the app raised, or its answer was cut off
                count()


def _header(scope: Scope, name: str) -> str | None:
    wanted = name.encode("latin-1")
    for key, value in scope["headers"]:
        if key == wanted:
            decoded: str = value.decode("latin-1")
            return decoded
    return None
