"""The box's check-in answered lean (issue 14): a plain ASGI route in front of the app's own.

The check-in is the centre's hot path, and the web framework was much of its cost: per request,
FastAPI's dependency solving and pydantic's validation of the body and of the answer, and two hops
through the thread pool. `CheckInRoute` takes a well-formed check-in before the framework sees it
— the body decoded by the standard library and checked against the same rules as its model
(`models.CheckInRequest`: exactly its fields, each a string of its form) — checks its signature
on the event loop and hands it to the process's group commit (`server.check_in_groups`), answering
with JSON written directly. Anything else it passes on untouched to the app: a body it would not
take (the app's route, `server.check_ins`, answers it, a 400 naming each field), a body sent in
chunks or larger than a check-in, another content type. So the documented endpoint, its answers
and its refusals (reason words and status codes) are those of the app's route, which the tests
hold both to.

`check_in` is the one function a check-in passes through, for whatever counts them.
"""

from __future__ import annotations

import base64
import json
import re
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sandogh.core.canonical_json import JSONValue
from sandogh.core.definition.identifiers import CODE, ELECTION_ID
from sandogh.server.auth import device_error, require_signed_fields
from sandogh.server.centre import Centre
from sandogh.server.check_in_groups import CheckInGroups, GroupOutcome
from sandogh.server.check_in_requests import impossible_error
from sandogh.server.errors import ApiError, answer_to
from sandogh.server.models import parse_time
from sandogh.server.refusals import UNPROVEN, request_source
from sandogh.services.check_in_rules import DeviceRefusedError, ImpossibleCheckInError, Refused
from sandogh.services.checkin import Asked, BallotCard
from sandogh.services.refusals import count_refusal
from sandogh.wire import api_paths

#: A check-in's body is a few hundred bytes; a larger one goes to the app (and its bounds).
MAX_BYTES = 4096
_PATH = re.compile(
    re.escape(api_paths.CHECK_INS).replace(re.escape("{election_id}"), f"({ELECTION_ID.pattern})")
)
# `models.CheckInRequest`'s fields and their forms; a body that fails any goes to the app
_FORMS = {
    "station": re.compile(f"(?=.{{1,64}}\\Z){CODE.pattern}"),
    "national_code": re.compile(".{1,32}", re.DOTALL),
    "device": re.compile("ed25519:[0-9a-f]{64}"),
    "at": re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})"),
    "signature": re.compile("[0-9a-f]{128}"),
}
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_CONTENT_TYPE = (b"content-type", b"application/json")


class CheckInRoute:
    """ASGI middleware answering a well-formed check-in itself; it needs `app.state.centre` and
    `app.state.check_in_groups`, and lets every request through on an app without them (the
    OpenAPI document's)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        found = None
        if scope["type"] == "http" and scope["method"] == "POST":
            found = _PATH.fullmatch(scope["path"])
        state = scope["app"].state if found is not None else None
        groups = getattr(state, "check_in_groups", None)
        if found is None or state is None or groups is None or not _small_json(scope):
            await self.app(scope, receive, send)
            return
        body = await _body(receive)
        fields = check_in_fields(body)
        if fields is None:
            await self.app(scope, _replay(body, receive), send)
            return
        answer = await check_in(state.centre, groups, scope, found.group(1), fields)
        if isinstance(answer, bytes):  # a card or a refused voter: sent as two plain messages
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [(b"content-length", b"%d" % len(answer)), _CONTENT_TYPE],
                }
            )
            await send({"type": "http.response.body", "body": answer})
            return
        await answer(scope, receive, send)


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
    except ValueError:
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
