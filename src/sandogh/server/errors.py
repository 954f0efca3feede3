"""The API's error answers: one body for every failure, and no traceback ever sent.

Every answer that is not a success has the body `{"error": REASON, "message": TEXT, "problems":
[{"path": …, "message": …}, …]}`: REASON is a stable machine-readable word (a station acts on it),
TEXT one line for a person, and `problems` every field that is wrong (empty when none is); a
refusal a person at a station reads (a ballot chain's) adds `"text": {"fa": …, "en": …}`, the
reason in Persian and English from the locale catalogue, never the machine word. A
request the API cannot read is 400, naming each field; a failure the centre did not foresee is
500 with a fixed message, its traceback going to the server's log only (DESIGN.md §6: errors are
specific to the caller, and nothing internal leaks). A client that leaves before its body ends is
no failure: 499, unsent, counted by the metrics and not logged.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect

from sandogh.core.definition.problems import Problem
from sandogh.locale.anchor_refusals import anchor_refusal_text
from sandogh.locale.language import Lang
from sandogh.services.anchor import AnchorError, AnchorRefusal
from sandogh.services.errors import ElectionNotFoundError
from sandogh.services.logged_reports import ReportNotLoggedError
from sandogh.services.running_trees import TotalsNotLoggedError
from sandogh.store.errors import DatabaseUnavailableError

_log = logging.getLogger("sandogh.server")

#: the reason of the answer to a request read over a store rewritten behind the log's back
STORE_REWRITTEN = "store-rewritten"
_LANGS: tuple[Lang, ...] = ("fa", "en")
_UNAVAILABLE = (OperationalError, PoolTimeoutError, DatabaseUnavailableError)
_STORE_REWRITTEN = (AnchorRefusal.REWRITTEN, AnchorRefusal.AMENDMENTS_REWRITTEN)
_HTTP_REASONS = {
    404: "not-found",
    405: "method-not-allowed",
    413: "too-large",
    415: "unsupported-media-type",
}


class ProblemBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    path: str
    message: str


class TextBody(BaseModel):
    """A reason for a person, in Persian and in English."""

    model_config = ConfigDict(extra="forbid")

    fa: str
    en: str


class ErrorBody(BaseModel):
    """The body of every answer that is not a success."""

    model_config = ConfigDict(extra="forbid")

    error: str
    message: str
    problems: list[ProblemBody]
    text: TextBody | None = None


class ApiError(Exception):
    """An answer of `status` for `reason`; raised by an endpoint, written by the handler."""

    def __init__(
        self,
        status: int,
        reason: str,
        message: str,
        problems: Iterable[Problem] = (),
        text: Mapping[Lang, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.reason = reason
        self.message = message
        self.problems = tuple(problems)
        self.text = text


def error_response(
    status: int,
    reason: str,
    message: str,
    problems: Sequence[Problem] = (),
    headers: Mapping[str, str] | None = None,
    *,
    text: Mapping[Lang, str] | None = None,
) -> JSONResponse:
    body = ErrorBody(
        error=reason,
        message=message,
        problems=[ProblemBody(path=p.path, message=p.message) for p in problems],
        text=None if text is None else TextBody(fa=text["fa"], en=text["en"]),
    )
    return JSONResponse(
        body.model_dump(exclude_none=True),
        status_code=status,
        headers=None if headers is None else dict(headers),
    )


def _path(location: Sequence[Any]) -> str:
    """A field's path as the client wrote it: `entries[2].at`, `election`; where in the request
    it is (body, path) goes without saying."""
    parts = list(location[1:]) if location and location[0] in ("body", "path") else location
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else str(part)
    return text


async def _invalid(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    # the input itself is never echoed: it may be a national code
    problems = [
        Problem("", "the body is not JSON")
        if detail.get("type") == "json_invalid"
        else Problem(_path(detail.get("loc", ())), str(detail.get("msg", "is invalid")))
        for detail in error.errors()
    ]
    return error_response(
        400, "invalid-request", "the request cannot be read; see problems", problems
    )


def answer_to(error: Exception) -> JSONResponse:
    """The answer to `error`, raised while answering a request: an `ApiError` as it says, an
    election not held 404, the database unreachable 503, the store's sealed record not the one
    the log sealed, or its kept totals not those the log last recorded, 503 `store-rewritten`
    (logged), anything else 500 (logged). The app's handlers give these, and so does a route
    that answers outside them (`server.check_in_route`)."""
    if isinstance(error, ApiError):
        headers = {"WWW-Authenticate": "Bearer"} if error.status == 401 else None
        return error_response(
            error.status, error.reason, error.message, error.problems, headers, text=error.text
        )
    if isinstance(error, ElectionNotFoundError):
        return error_response(
            404, "unknown-election", f"the centre holds no election '{error.election_id}'"
        )
    if isinstance(error, ClientDisconnect):
        # the client left before the body it announced came: nothing failed, and no one reads
        # the answer, whose status the metrics count (nginx's "client closed request")
        return error_response(499, "client-gone", "the client left before its request ended")
    if isinstance(error, _UNAVAILABLE):
        _log.error("the database is unavailable", exc_info=error)
        return error_response(503, "unavailable", "the centre's database is unavailable; try again")
    rewritten = _store_rewritten(error)
    if rewritten is not None:
        return rewritten
    _log.error("request failed", exc_info=error)
    return error_response(500, "internal-error", "the centre failed to answer; try again")


def _store_rewritten(error: Exception) -> JSONResponse | None:
    """The 503 `store-rewritten` answer to an error of a store rewritten behind the log's back,
    else None."""
    if isinstance(error, AnchorError) and error.reason in _STORE_REWRITTEN:
        # fail-closed: nothing is taken over a record or amendments the log does not name. A box
        # keeps its report and sends it again (a 5xx, as for the database down), and the
        # refusals' metric counts the reason, which an alert names (docs/deployment.md)
        _log.critical("the store's sealed record is not the one logged", exc_info=error)
        return error_response(
            503,
            STORE_REWRITTEN,
            "the centre's store is not what its event log sealed; it takes nothing until it is "
            "put right; try again later",
            text={lang: anchor_refusal_text(error.reason.value, lang, count=1) for lang in _LANGS},
        )
    if isinstance(error, TotalsNotLoggedError | ReportNotLoggedError):
        # the kept totals do not lead to the roots the log last recorded (rewritten by SQL, or
        # rolled back), or the store lost a report the log records accepted: a report is not
        # counted on top of them (the next root would log them; a report taken again would be
        # counted twice)
        _log.critical("the store is not what the event log recorded", exc_info=error)
        return error_response(
            503,
            STORE_REWRITTEN,
            "the centre's kept totals or reports are not those its event log recorded; it takes "
            "nothing until they are put right; try again later",
            text={"fa": error.fa, "en": error.en},
        )
    return None


async def _answer(_request: Request, error: Exception) -> JSONResponse:
    return answer_to(error)


async def _http(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, HTTPException)
    reason = _HTTP_REASONS.get(error.status_code, "http-error")
    message = "no such endpoint (see /openapi.json)" if error.status_code == 404 else error.detail
    return error_response(error.status_code, reason, str(message), headers=error.headers)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(HTTPException, _http)
    # each but `Exception` answered inside the app; the handler of `Exception` answers in its
    # outer layer, which raises the error again after for the server to log as a failure
    answered_inside = (
        ApiError,
        ElectionNotFoundError,
        ClientDisconnect,
        AnchorError,
        TotalsNotLoggedError,
        ReportNotLoggedError,
        *_UNAVAILABLE,
    )
    for answered in (*answered_inside, Exception):
        app.add_exception_handler(answered, _answer)


_MEANING = {
    400: "the request cannot be read: each wrong field is named",
    401: "the caller is not shown to be who it says: no or a wrong token, a bad signature, "
    "a request signed outside the window",
    403: "the caller may not do this: a device not enrolled, revoked, or for another station",
    404: "no such election, station or device",
    409: "conflicts with what the centre holds",
    413: "the body is too large",
    415: "the body is not application/json",
    422: "read, but refused on its merits: each problem is named",
    429: "asked faster than the centre allows; try again later",
    500: "the centre failed; nothing was changed",
    503: "the centre's database is unavailable, or its store is not what its event log sealed "
    "(`store-rewritten`); try again",
}


def documented(
    *statuses: int, also: Mapping[int | str, dict[str, Any]] | None = None
) -> dict[int | str, dict[str, Any]]:
    """The error answers of an endpoint, for its OpenAPI document (500 and 503 everywhere),
    with the answers `also` names (a second success)."""
    answers: dict[int | str, dict[str, Any]] = {
        status: {"model": ErrorBody, "description": _MEANING[status]}
        for status in sorted({*statuses, 500, 503})
    }
    answers.update(also or {})
    return answers


async def body_of(request: Request, media: str, what: str) -> bytes:
    """The request's body once its Content-Type is `media` (parameters aside); otherwise 415,
    saying to send `what` as `media`."""
    given = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if given != media:
        raise ApiError(415, "unsupported-media-type", f"send {what} as {media}")
    return await request.body()
