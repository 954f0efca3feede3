"""The station's HTTP client of the centre: what it sends, and how it sorts what comes back.

The centre's side is in tests/server (a real server); here the network is replaced
(`httpx.MockTransport`) to produce every failure a station meets.
"""

from __future__ import annotations

import base64
import datetime
import json
import socket
from collections.abc import Callable

import httpx
import pytest

from sandogh.core.report import SigningKey
from sandogh.station.centre_http import (
    HttpCentreClient,
    OperatorLogin,
    OperatorPass,
    log_in_operator,
)
from sandogh.station.ports import (
    CentreRefusedError,
    CentreUnreachableError,
    CheckInAnswer,
    OfflineCheckIn,
)
from sandogh.wire.request_signing import signed_by

KEY = SigningKey.from_seed(b"s" * 32)
NOW = datetime.datetime(2024, 7, 5, 4, 30, tzinfo=datetime.UTC)
ELECTION = "kerman-1403-r2"
STATION = "ST-0801-0001"
CARD = {
    "outcome": "ballot-card",
    "token": "tok",
    "election": ELECTION,
    "station": STATION,
    "contests": [{"contest": "president", "seats": 1, "candidates": ["21", "25"]}],
    "withheld": [],
}

Handler = Callable[[httpx.Request], httpx.Response]


def _client(handler: Handler, *, operator: OperatorPass | None = None) -> HttpCentreClient:
    return HttpCentreClient(
        "http://centre.test",
        KEY,
        timeout=1.0,
        transport=httpx.MockTransport(handler),
        operator=operator,
        clock=lambda: NOW,
    )


def _answer(status: int, body: object) -> Handler:
    return lambda _request: httpx.Response(status, json=body)


def _check_in(handler: Handler) -> CheckInAnswer:
    with _client(handler) as client:
        return client.check_in(election=ELECTION, station=STATION, national_code="0012345679")


def test_every_request_is_signed_for_its_path() -> None:
    seen: list[httpx.Request] = []

    def centre(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        path = request.url.path
        assert signed_by(request.method, path, json.loads(request.content)) == KEY.public_key
        return httpx.Response(200, json=CARD if path.endswith("check-ins") else {"ok": True})

    with _client(centre, operator=OperatorPass("sandogh-session", "op", "csrf-op")) as client:
        client.enrol(election=ELECTION, station=STATION)
        client.check_in(election=ELECTION, station=STATION, national_code="0012345679")
        entries = [OfflineCheckIn("0012345679", NOW)]
        client.sync_check_ins(election=ELECTION, station=STATION, entries=entries)
    paths = [request.url.path for request in seen]
    assert paths == [
        f"/api/v1/elections/{ELECTION}/devices",
        f"/api/v1/elections/{ELECTION}/check-ins",
        f"/api/v1/elections/{ELECTION}/check-ins/sync",
    ]
    # the enrolment carries the operator's session; no other request does
    assert seen[0].headers["cookie"] == "sandogh-session=op"
    assert seen[0].headers["x-csrf-token"] == "csrf-op"
    assert "cookie" not in seen[1].headers
    assert all(r.headers["content-type"] == "application/json" for r in seen)
    assert json.loads(seen[0].content)["station"] == STATION
    assert json.loads(seen[1].content)["at"] == "2024-07-05T04:30:00.000Z"
    assert json.loads(seen[2].content)["entries"] == [
        {"national_code": "0012345679", "at": "2024-07-05T04:30:00.000Z"}
    ]


def test_a_report_is_sent_byte_for_byte() -> None:
    report = b'{"device_signature":"00","format":"x","report":{},"staff":[]}'
    seen: list[httpx.Request] = []

    def centre(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(201, json={"duplicate": False})

    with _client(centre) as client:
        assert client.send_report(report) == {"duplicate": False}
    assert seen[0].content == report
    assert seen[0].url.path == "/api/v1/reports"


def test_a_chain_file_is_sent_byte_for_byte_as_json_lines() -> None:
    chain = b'{"start":"00"}\n{"close":"11"}\n'
    seen: list[httpx.Request] = []

    def centre(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(201, json={"duplicate": False})

    with _client(centre) as client:
        assert client.send_chain(chain) == {"duplicate": False}
    assert seen[0].content == chain
    assert seen[0].url.path == "/api/v1/ballot-chains"
    assert seen[0].headers["content-type"] == "application/jsonl"
    refusing = _answer(422, {"error": "chain-mismatch", "message": "no"})
    with _client(refusing) as client, pytest.raises(CentreRefusedError) as refused:
        client.send_chain(chain)
    assert refused.value.reason == "chain-mismatch"


def test_a_check_in_answer_is_a_card_or_a_reason() -> None:
    assert _check_in(_answer(200, CARD)) == CheckInAnswer("tok", ("president",))
    refused = {"outcome": "refused", "reason": "already-voted", "also": []}
    assert _check_in(_answer(200, refused)) == CheckInAnswer(None, (), "already-voted")
    for garbled in (
        {"outcome": "ballot-card", "contests": []},
        {"outcome": "ballot-card", "token": "t", "contests": [{"seats": 1}]},
        {"outcome": "maybe"},
        [],
    ):
        with pytest.raises(CentreUnreachableError):
            _check_in(_answer(200, garbled))


def test_a_card_carries_the_registrys_name_and_a_photo_that_is_an_image() -> None:
    jpeg = b"\xff\xd8\xff\xe0" + b"\x00" * 30
    sent = {**CARD, "name": "مریم رحیمی", "photo": base64.b64encode(jpeg).decode()}
    assert _check_in(_answer(200, sent)) == CheckInAnswer(
        "tok", ("president",), name="مریم رحیمی", photo=jpeg
    )
    for photo in (base64.b64encode(b"<svg onload=alert(1)>").decode(), "not base64!", 7):
        assert _check_in(_answer(200, {**CARD, "photo": photo})).photo is None  # never shown


def test_a_refusal_carries_the_centres_reason() -> None:
    body = {
        "error": "revoked-device",
        "message": "this device was revoked",
        "problems": [{"path": "device", "message": "revoked"}],
    }
    with pytest.raises(CentreRefusedError) as refused:
        _check_in(_answer(403, body))
    assert refused.value.reason == "revoked-device"
    assert str(refused.value) == "this device was revoked (device: revoked)"
    with pytest.raises(CentreRefusedError) as refused:
        _check_in(lambda _r: httpx.Response(404, text="<html>not here</html>"))
    assert refused.value.reason == "http-404"


@pytest.mark.parametrize(
    "failure",
    [
        httpx.ConnectError("refused"),
        httpx.ReadTimeout("slow"),
        httpx.RemoteProtocolError("cut"),
    ],
)
def test_no_answer_is_unreachable(failure: httpx.HTTPError) -> None:
    def down(_request: httpx.Request) -> httpx.Response:
        raise failure

    with pytest.raises(CentreUnreachableError):
        _check_in(down)


@pytest.mark.parametrize("status", [500, 502, 503, 408, 429])
def test_a_server_error_or_a_busy_centre_is_unreachable(status: int) -> None:
    with pytest.raises(CentreUnreachableError, match=str(status)):
        _check_in(_answer(status, {"error": "internal-error", "message": "try again"}))


def test_an_answer_that_is_not_the_apis_is_unreachable() -> None:
    with pytest.raises(CentreUnreachableError):
        _check_in(lambda _r: httpx.Response(200, text="<html>captive portal</html>"))
    with pytest.raises(CentreUnreachableError):
        _check_in(lambda _r: httpx.Response(302, headers={"Location": "http://portal.test/"}))


def test_a_closed_port_is_unreachable() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = HttpCentreClient(f"http://127.0.0.1:{port}", KEY, timeout=2.0)
    with client, pytest.raises(CentreUnreachableError):
        client.check_in(election=ELECTION, station=STATION, national_code="0012345679")


def test_an_offline_time_without_a_zone_is_refused_before_sending() -> None:
    def centre(_request: httpx.Request) -> httpx.Response:
        raise AssertionError("nothing should be sent")

    naive = datetime.datetime(2024, 7, 5, 8, 0)  # noqa: DTZ001 - the time the client refuses
    with _client(centre) as client, pytest.raises(ValueError, match="no zone"):
        client.sync_check_ins(
            election=ELECTION, station=STATION, entries=[OfflineCheckIn("0012345679", naive)]
        )


def test_an_operator_logs_in_for_the_session_the_enrolment_carries() -> None:
    sent: list[dict[str, str]] = []

    def centre(request: httpx.Request) -> httpx.Response:
        sent.append(json.loads(request.content))
        if sent[-1]["password"] != "the password":
            return httpx.Response(401, json={"error": "login-failed", "message": "failed"})
        cookie = {"set-cookie": "__Host-sandogh-session=tok; Path=/; Secure; HttpOnly"}
        return httpx.Response(201, json={"csrf_token": "c"}, headers=cookie)

    transport = httpx.MockTransport(centre)
    login = OperatorLogin("kerman-hq", "the password", "123456")
    got = log_in_operator("http://centre.test", login, timeout=1.0, transport=transport)
    assert got == OperatorPass("__Host-sandogh-session", "tok", "c")
    assert sent[0] == {"username": "kerman-hq", "password": "the password", "totp": "123456"}
    wrong = OperatorLogin("kerman-hq", "a wrong one")
    with pytest.raises(CentreRefusedError) as refused:
        log_in_operator("http://centre.test", wrong, timeout=1.0, transport=transport)
    assert refused.value.reason == "login-failed"
    assert "totp" not in sent[1]
