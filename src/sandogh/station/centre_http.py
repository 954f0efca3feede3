"""The station's `CentreClient` over HTTP: the station API of docs/api.md, every request signed.

Each request is signed with the box's key (`wire.request_signing`, the one module both ends
share) at the moment it is sent. What the centre answers is sorted three ways (`station.ports`):
- a success is returned (a voter refused a ballot card is a success: a `CheckInAnswer` with the
  reason);
- a refusal (4xx with the API's error body) raises `CentreRefusedError` with the centre's reason:
  sending the same request again will not change it;
- no answer — the network down, a timeout, a 5xx, 408 or 429, an answer that is not the API's —
  raises `CentreUnreachableError`: the station keeps the request and tries again later.
Retrying and backing off are the station's: this client sends each request once.

Enrolment is an operator's act as well as the box's (docs/api.md): the operator logs in
(`log_in_operator`, with their username, password and TOTP code) and the client sends the
session it gets (`OperatorPass`) with the box's signed request, so the centre checks the
operator's right to manage devices at that station and records the enrolment by their name.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Self

import httpx

from sandogh.core.canonical_json import JSONValue, canonical_json
from sandogh.core.report import SigningKey
from sandogh.core.voters.photo import photo_type
from sandogh.station.ports import (
    Backlog,
    CentreRefusedError,
    CentreUnreachableError,
    CheckInAnswer,
    LookUpAnswer,
    OfflineCheckIn,
)
from sandogh.wire import api_paths
from sandogh.wire.request_signing import sign_request, timestamp

_JSON = {"Content-Type": "application/json", "Accept": "application/json"}
#: Client errors that say "not now" rather than "no": the station should try again.
_TRANSIENT = frozenset({408, 425, 429})


@dataclass(frozen=True)
class OperatorLogin:
    """What an operator types to log in; `totp` the authenticator's code, when the account has
    a second factor."""

    username: str
    password: str
    totp: str | None = None


@dataclass(frozen=True)
class OperatorPass:
    """An operator's session at the centre: the cookie it was given and its CSRF token."""

    cookie: str
    token: str
    csrf: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Cookie": f"{self.cookie}={self.token}", api_paths.CSRF_HEADER: self.csrf}


def log_in_operator(
    base_url: str,
    login: OperatorLogin,
    *,
    timeout: float,
    transport: httpx.BaseTransport | None = None,
) -> OperatorPass:
    """Log the operator in at the centre: their session, or `CentreRefusedError` (the centre
    says only that the log-in failed) or `CentreUnreachableError`."""
    body: dict[str, str] = {"username": login.username, "password": login.password}
    if login.totp:
        body["totp"] = login.totp
    with httpx.Client(base_url=base_url, timeout=timeout, transport=transport) as http:
        try:
            response = http.post(api_paths.SESSION, json=body)
        except httpx.HTTPError as error:
            raise CentreUnreachableError(f"the centre did not answer: {error!r}") from error
    answer = _answer(response)
    csrf = answer.get("csrf_token")
    cookies = list(response.cookies.items())
    if not isinstance(csrf, str) or len(cookies) != 1:
        raise CentreUnreachableError("the centre's answer to a log-in is not the API's")
    ((cookie, token),) = cookies
    return OperatorPass(cookie, token, csrf)


def _utc_now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


class HttpCentreClient:
    """A `station.ports.CentreClient` talking to the centre at `base_url` (e.g.
    `https://centre.example/`), signing with `signing_key`; `timeout` is in seconds for each
    request. `operator` (a session from `log_in_operator`) is needed for `enrol` only.
    `transport` replaces the network in tests; `clock` is read to sign each request."""

    def __init__(
        self,
        base_url: str,
        signing_key: SigningKey,
        *,
        timeout: float,
        transport: httpx.BaseTransport | None = None,
        operator: OperatorPass | None = None,
        clock: Callable[[], datetime.datetime] = _utc_now,
    ) -> None:
        self._key = signing_key
        self._operator = operator
        self._clock = clock
        self._http = httpx.Client(base_url=base_url, timeout=timeout, transport=transport)

    def enrol(
        self, *, election: str, station: str, build: str | None = None
    ) -> Mapping[str, object]:
        """Enrol this box, running `build`, for `station`: the enrolment document
        (docs/api.md)."""
        headers = {} if self._operator is None else self._operator.headers
        path = api_paths.fill(api_paths.DEVICES, election_id=election)
        body: dict[str, JSONValue] = {"station": station}
        if build is not None:
            body["build"] = build
        return self._signed(path, body, headers)

    def look_up(self, *, election: str, station: str, national_code: str) -> LookUpAnswer:
        path = api_paths.fill(api_paths.LOOK_UPS, election_id=election)
        answer = self._signed(path, {"station": station, "national_code": national_code})
        outcome, reason = answer.get("outcome"), answer.get("reason")
        contests = _contests(answer.get("contests"))
        if outcome == "may-vote" and contests is not None:
            name = answer.get("name")
            return LookUpAnswer(
                contests,
                name=name if isinstance(name, str) and name.strip() else None,
                photo=_photo(answer.get("photo")),
            )
        if outcome == "refused" and isinstance(reason, str):
            return LookUpAnswer((), refusal=reason)
        raise CentreUnreachableError("the centre's answer to a look-up is not the API's")

    def check_in(self, *, election: str, station: str, national_code: str) -> CheckInAnswer:
        path = api_paths.fill(api_paths.CHECK_INS, election_id=election)
        answer = self._signed(path, {"station": station, "national_code": national_code})
        outcome, token, reason = (answer.get(k) for k in ("outcome", "token", "reason"))
        contests = _contests(answer.get("contests"))
        if outcome == "ballot-card" and isinstance(token, str) and contests is not None:
            name = answer.get("name")
            return CheckInAnswer(
                token=token,
                contests=contests,
                name=name if isinstance(name, str) and name.strip() else None,
                photo=_photo(answer.get("photo")),
            )
        if outcome == "refused" and isinstance(reason, str):
            return CheckInAnswer(token=None, contests=(), refusal=reason)
        raise CentreUnreachableError("the centre's answer to a check-in is not the API's")

    def sync_check_ins(
        self,
        *,
        election: str,
        station: str,
        entries: Sequence[OfflineCheckIn],
        backlog: Backlog | None = None,
    ) -> Mapping[str, object]:
        """Send check-ins made offline: `{"recorded", "already", "duplicates"}` counts. A time
        without a zone raises ValueError before anything is sent."""
        path = api_paths.fill(api_paths.SYNC, election_id=election)
        sent: list[JSONValue] = [
            {"national_code": entry.national_code, "at": timestamp(entry.at)} for entry in entries
        ]
        return self._signed(path, {"station": station, "entries": sent}, _told(backlog))

    def send_report(self, signed: bytes, backlog: Backlog | None = None) -> Mapping[str, object]:
        """Deliver a signed report's bytes as they are: what the centre took (`duplicate` true
        when it already held them)."""
        return self._send(api_paths.REPORTS, signed, _told(backlog))

    def send_chain(self, chain: bytes, backlog: Backlog | None = None) -> Mapping[str, object]:
        """Deliver an E2E box's chain file as it is (docs/e2e.md §7): it proves itself against
        the station's final report, as a report proves itself by its signatures."""
        media = {"Content-Type": api_paths.CHAIN_MEDIA_TYPE, **_told(backlog)}
        return self._send(api_paths.BALLOT_CHAINS, chain, media)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _signed(
        self, path: str, fields: Mapping[str, JSONValue], headers: Mapping[str, str] | None = None
    ) -> dict[str, object]:
        body = sign_request(self._key, "POST", path, fields, at=self._clock())
        return self._send(path, canonical_json(body), headers or {})

    def _send(self, path: str, content: bytes, headers: Mapping[str, str]) -> dict[str, object]:
        try:
            response = self._http.post(path, content=content, headers={**_JSON, **headers})
        except httpx.HTTPError as error:
            raise CentreUnreachableError(f"the centre did not answer: {error!r}") from error
        return _answer(response)


def _told(backlog: Backlog | None) -> dict[str, str]:
    """The header that tells the centre what the outbox still holds (`api_paths.OUTBOX_HEADER`)."""
    if backlog is None or not backlog.station.isascii():  # a header is ASCII
        return {}
    return {api_paths.OUTBOX_HEADER: f"items={backlog.items}; station={backlog.station}"}


def _answer(response: httpx.Response) -> dict[str, object]:
    """The centre's answer, sorted as the module's text says."""
    status = response.status_code
    body = _json_object(response)
    if status >= 500 or status in _TRANSIENT:
        message = body.get("message") if body else None
        raise CentreUnreachableError(f"the centre answered {status}: {message or 'no reason'}")
    if status >= 400:
        if body is None or not isinstance(body.get("error"), str):
            raise CentreRefusedError(f"http-{status}", f"the centre answered {status}")
        raise _refusal(body)
    if body is None or not 200 <= status < 300:
        raise CentreUnreachableError(f"the centre's answer ({status}) is not the API's")
    return body


def _photo(value: object) -> bytes | None:
    """The voter's photo sent in base64, if it is a JPEG or PNG (else none: what the kiosk
    shows as an image is only ever an image)."""
    if not isinstance(value, str):
        return None
    try:
        data = base64.b64decode(value, validate=True)
    except binascii.Error:
        return None
    return data if photo_type(data) else None


def _contests(value: object) -> tuple[str, ...] | None:
    """The contest ids of a ballot card's `contests`, if that is what `value` is."""
    if not isinstance(value, list):
        return None
    ids = [item.get("contest") if isinstance(item, dict) else None for item in value]
    return (
        tuple(i for i in ids if isinstance(i, str))
        if all(isinstance(i, str) for i in ids)
        else None
    )


def _json_object(response: httpx.Response) -> dict[str, object] | None:
    try:
        parsed = json.loads(response.content)
    except ValueError:  # not JSON, or not UTF-8
        return None
    return parsed if isinstance(parsed, dict) else None


def _refusal(body: dict[str, object]) -> CentreRefusedError:
    problems = body.get("problems")
    shown = ""
    if isinstance(problems, list) and problems:
        shown = " (" + "; ".join(_problem(p) for p in problems[:3]) + ")"
    return CentreRefusedError(str(body["error"]), f"{body.get('message', '')}{shown}")


def _problem(problem: object) -> str:
    if isinstance(problem, dict):
        path, message = problem.get("path", ""), problem.get("message", "")
        return f"{path}: {message}" if path else str(message)
    return str(problem)
