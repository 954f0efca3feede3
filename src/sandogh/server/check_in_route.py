"""The box's check-in answered lean (issue 14): a plain ASGI route in front of the app's stack.

The check-in is the centre's hot path, and the web framework was much of its cost: per request,
FastAPI's dependency solving and pydantic's validation of the body and of the answer, two hops
through the thread pool, and then the eleven ASGI layers every request passes (Starlette's and
FastAPI's own, the metrics, the security headers, the body's bounds, the log-in throttle).
`CheckInRoute` takes a well-formed check-in before any of them sees it — the body decoded by the
standard library and checked against the same rules as its model (`models.CheckInRequest`:
exactly its fields, each a string of its form) — checks its signature on the event loop and hands
it to the process's group commit (`server.check_in_groups`), answering with JSON written directly
and with what the layers would have given the answer: the same headers, the same counts. Anything
else it passes on untouched to the app's whole stack: a body it would not take (the app's route,
`server.check_ins`, answers it, a 400 naming each field), a body sent in chunks or larger than a
check-in, another content type. So the documented endpoint, its answers, its headers and its
refusals (reason words and status codes) are those of the app's route, which the tests hold both
to.

The box's look-up before a check-in, its other request a voter, is taken the same way and
answered by the app's own route function (`check_in_look_ups.post_look_up`) in the thread pool,
without the framework's layers: it reads one voter and records nothing, so it has no group.

`check_in` is the one function a check-in passes through, for whatever counts them.
"""

from __future__ import annotations

import base64
import json
import re
import time
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sandogh.core.canonical_json import JSONValue
from sandogh.core.definition.identifiers import CODE, ELECTION_ID
from sandogh.security_headers import with_headers
from sandogh.server.auth import device_error, require_signed_fields
from sandogh.server.centre import Centre
from sandogh.server.check_in_groups import CheckInGroups, GroupOutcome
from sandogh.server.check_in_look_ups import post_look_up
from sandogh.server.check_in_requests import impossible_error
from sandogh.server.errors import ApiError, answer_to
from sandogh.server.metrics import CHECK_IN, LOOK_UP, count_answer, count_card
from sandogh.server.models import CheckInRequest, parse_time
from sandogh.server.refusals import UNPROVEN, request_source
from sandogh.services.check_in_rules import DeviceRefusedError, ImpossibleCheckInError, Refused
from sandogh.services.checkin import Asked, BallotCard
from sandogh.services.refusals import count_refusal
from sandogh.wire import api_paths

#: A check-in's body is a few hundred bytes; a larger one goes to the app (and its bounds).
MAX_BYTES = 4096
# the check-in's path, and the look-up's below it: group 1 the election, group 2 the look-up's tail
_LOOK_UP_TAIL = api_paths.LOOK_UPS.removeprefix(api_paths.CHECK_INS)
_PATH = re.compile(
    re.escape(api_paths.CHECK_INS).replace(re.escape("{election_id}"), f"({ELECTION_ID.pattern})")
    + f"({re.escape(_LOOK_UP_TAIL)})?"
)
# `models.CheckInRequest`'s fields and their forms; a body that fails any goes to the app
_FORMS = {
    "station": re.compile(f"(?=.{{1,64}}\\Z){CODE.pattern}"),
    # a lone surrogate is no text the model takes (nor UTF-8 encodes): the app answers it 400
    "national_code": re.compile("[^\ud800-\udfff]{1,32}", re.DOTALL),
    "device": re.compile("ed25519:[0-9a-f]{64}"),
    "at": re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})"),
    "signature": re.compile("[0-9a-f]{128}"),
}
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_CONTENT_TYPE = (b"content-type", b"application/json")
_CARD = b'{"outcome":"ballot-card"'


class CheckInRoute:
    """The box's two hot routes' dispatcher, in front of the app's whole stack
    (`app._CentreApp`): a well-formed check-in or look-up it answers itself, with what the
    stack's layers would have given its answer — the security headers
    (`security_headers.with_headers`), the metrics (`metrics.count_card`, `count_answer`) and, by
    taking only a body declared of at most `MAX_BYTES`, the body's bound (`limits.BodyLimit`);
    anything else goes to `stack` with the body it read given again. It answers with
    `state.centre` and `state.check_in_groups`, and lets every request through on an app without
    them (the OpenAPI document's)."""

    def __init__(self, state: Any, stack: ASGIApp) -> None:
        self._state = state
        self._stack = stack

    @staticmethod
    def takes(scope: Scope) -> bool:
        """Whether `scope` may be a check-in or a look-up: the paths and method answered here."""
        return (
            scope["type"] == "http"
            and scope["method"] == "POST"
            and _PATH.fullmatch(scope["path"]) is not None
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = time.perf_counter()
        found = _PATH.fullmatch(scope["path"])
        groups = getattr(self._state, "check_in_groups", None)
        if found is None or groups is None or not _small_json(scope):
            await self._stack(scope, receive, send)
            return
        body = await _body(receive)
        fields = check_in_fields(body)
        if fields is None:
            await self._stack(scope, _replay(body, receive), send)
            return
        centre, election_id = self._state.centre, found.group(1)
        if found.group(2) is None:
            endpoint, answer = CHECK_IN, await check_in(centre, groups, scope, election_id, fields)
        else:
            endpoint, answer = LOOK_UP, await look_up_json(centre, scope, election_id, fields)
        if isinstance(answer, bytes):  # a card, a voter's look-up or a refused voter
            status, headers = 200, [(b"content-length", b"%d" % len(answer)), _CONTENT_TYPE]
            body = answer
        else:
            status, headers, body = answer.status_code, answer.raw_headers, bytes(answer.body)
        seconds = time.perf_counter() - started
        if endpoint == CHECK_IN and status == 200 and body.startswith(_CARD):
            count_card(seconds)
        else:
            count_answer(endpoint, status, body, seconds)
        # counted before the last byte goes, as `metrics.Measured` counts; sent as two plain
        # messages
        await send(
            {"type": "http.response.start", "status": status, "headers": with_headers(headers)}
        )
        await send({"type": "http.response.body", "body": body})


async def look_up_json(
    centre: Centre, scope: Scope, election_id: str, fields: dict[str, str]
) -> bytes | Response:
    """The answer to a box's look-up for `election_id`, its body read as `fields`: the app's own
    route (`check_in_look_ups.post_look_up`), run in the thread pool as FastAPI runs it, its
    answer's JSON (200), or the app's answer to an error."""
    try:
        source = request_source(Request(scope))
        request = CheckInRequest.model_validate(fields)
        answer = await run_in_threadpool(post_look_up, election_id, request, centre, source)
    except Exception as error:  # answered as the app's handlers answer it
        return answer_to(error)
    return answer.model_dump_json().encode()


async def check_in(
    centre: Centre, groups: CheckInGroups, scope: Scope, election_id: str, fields: dict[str, str]
) -> bytes | Response:
    """The answer to a box's check-in for `election_id`, its body read as `fields`: the JSON of
    a card or a refused voter (200), or the app's answer to an error."""
    path = api_paths.fill(api_paths.CHECK_INS, election_id=election_id)
    signed: dict[str, JSONValue] = dict(fields)
    try:
        try:
            device = require_signed_fields(centre, "POST", path, signed)
            asked = Asked(
                election_id, fields["station"], device, fields["national_code"], centre.clock()
            )
            outcome = _refusal(await groups.take(asked))
        except ApiError as refused:
            if refused.reason in UNPROVEN:
                await run_in_threadpool(_count, centre, request_source(Request(scope)), refused)
            raise
    except Exception as error:  # answered as the app's handlers answer it
        return answer_to(error)
    return check_in_json(outcome)


def _count(centre: Centre, source: str, refused: ApiError) -> None:
    count_refusal(centre.uow, source=source, reason=refused.reason, now=centre.clock())


def _refusal(outcome: GroupOutcome) -> BallotCard | Refused:
    """The card or the refusal the box is told, or raise the error it is answered."""
    if isinstance(outcome, BallotCard | Refused):
        return outcome
    if isinstance(outcome, DeviceRefusedError):
        raise device_error(outcome)
    if isinstance(outcome, ImpossibleCheckInError):
        raise impossible_error(outcome)
    raise outcome


def check_in_json(result: BallotCard | Refused) -> bytes:
    """The answer's body, as `models.BallotCardBody` or `models.RefusedBody` documents it."""
    answer: dict[str, Any]
    if isinstance(result, BallotCard):
        answer = {
            "outcome": "ballot-card",
            "token": result.token,
            "election": result.election,
            "station": result.station,
            "contests": [
                {"contest": c.contest, "seats": c.seats, "candidates": list(c.candidates)}
                for c in result.contests
            ],
            "withheld": [{"contest": w.contest, "reason": w.reason.value} for w in result.withheld],
            "name": result.name,
            "photo": base64.b64encode(result.photo).decode() if result.photo else None,
        }
    else:
        answer = {
            "outcome": "refused",
            "reason": result.reason.value,
            "also": [reason.value for reason in result.also],
            "code_fault": None if result.code_fault is None else result.code_fault.value,
            "of_age_on": None if result.of_age_on is None else result.of_age_on.isoformat(),
        }
    return _JSON(answer).encode()


def _small_json(scope: Scope) -> bool:
    headers = dict(scope["headers"])
    declared = headers.get(b"content-length", b"")
    media = headers.get(b"content-type", b"").split(b";")[0].strip().lower()
    return declared.isdigit() and int(declared) <= MAX_BYTES and media == b"application/json"


async def _body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if message["type"] != "http.request" or not message.get("more_body", False):
            return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """`receive` with `body`, read already, given first."""
    given = False

    async def replayed() -> Message:
        nonlocal given
        if given:
            return await receive()
        given = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replayed


def check_in_fields(body: bytes) -> dict[str, str] | None:
    """The body's fields when it is exactly a check-in's, each of its form; else None."""
    try:
        fields = json.loads(body)
    except (ValueError, RecursionError):  # nested deeper than the parser goes: the app's too
        return None
    if not isinstance(fields, dict) or fields.keys() != _FORMS.keys():
        return None
    for name, form in _FORMS.items():
        value = fields[name]
        if not isinstance(value, str) or form.fullmatch(value) is None:
            return None
    try:
        parse_time(fields["at"])
    except ValueError:
        return None
    return fields
