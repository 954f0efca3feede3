"""The service as a whole: its OpenAPI document, health, and the form of every error answer."""

from __future__ import annotations

import dataclasses
import datetime
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from sandogh.core.voters import NationalCode
from sandogh.core.voters.eligibility import RegistryRecord
from sandogh.server.limits import MAX_BODY_BYTES
from sandogh.server.openapi import render
from sandogh.wire.request_signing import sign_request

from .live import ELECTION, Live, device, load_kerman, serving, stations, voters

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"
ERROR = "#/components/schemas/ErrorBody"

#: Every endpoint of the station API: its request body and its successful answers' schemas.
ENDPOINTS = {
    ("post", "/api/v1/elections/{election_id}/devices"): (
        "EnrolRequest",
        {"201": "EnrolmentDocument", "200": "EnrolmentDocument"},
    ),
    ("delete", "/api/v1/elections/{election_id}/devices/{key}"): (None, {"200": "DeviceBody"}),
    ("post", "/api/v1/elections/{election_id}/check-ins"): (
        "CheckInRequest",
        {"200": ["BallotCardBody", "RefusedBody"]},
    ),
    ("post", "/api/v1/elections/{election_id}/check-ins/look-ups"): (
        "CheckInRequest",
        {"200": ["MayVoteBody", "RefusedBody"]},
    ),
    ("post", "/api/v1/elections/{election_id}/check-ins/sync"): (
        "SyncRequest",
        {"200": "SyncedBody"},
    ),
    ("post", "/api/v1/reports"): (
        "sandogh/signed-station-report@1",
        {"201": "IngestedBody", "200": "IngestedBody"},
    ),
    ("post", "/api/v1/ballot-chains"): (
        "application/jsonl",
        {"201": "ReceivedChainBody", "200": "ReceivedChainBody"},
    ),
    ("get", "/api/v1/health"): (None, {"200": "HealthBody"}),
    ("post", "/api/v1/session"): ("LoginRequest", {"201": "SessionBody"}),
    ("get", "/api/v1/session"): (None, {"200": "SessionBody"}),
    ("delete", "/api/v1/session"): (None, {}),
    ("get", "/api/v1/users"): (None, {"200": "UsersBody"}),
    ("post", "/api/v1/users"): ("NewUserRequest", {"201": "ChangedUserBody"}),
    ("patch", "/api/v1/users/{username}"): ("GrantRequest", {"200": "ChangedUserBody"}),
    ("post", "/api/v1/users/{username}/disable"): (None, {"200": "ChangedUserBody"}),
    ("post", "/api/v1/users/{username}/unlock"): (None, {"200": "ChangedUserBody"}),
    ("get", "/api/v1/elections/{election_id}/readiness"): (None, {"200": "ReadinessBody"}),
    ("get", "/api/v1/elections/{election_id}/readiness/{register}"): (None, {}),
    ("put", "/api/v1/elections/{election_id}/readiness/{register}"): (
        "text/csv",
        {"200": "ImportedBody"},
    ),
}


@pytest.fixture
def live(sqlite_store_url: str) -> Iterator[Live]:
    """A centre over SQLite: these tests are of the web layer, not of the store."""
    url = sqlite_store_url
    load_kerman(url)
    with serving(url) as centre:
        yield centre


def _schema_names(content: dict[str, Any]) -> str | list[str]:
    if "application/json" not in content:  # a body of another kind (a CSV register): its type
        return next(iter(content))
    schema = content["application/json"]["schema"]
    if "oneOf" in schema:
        return [option["$ref"].rsplit("/", 1)[1] for option in schema["oneOf"]]
    return schema["$ref"].rsplit("/", 1)[1] if "$ref" in schema else schema["title"]


def test_the_served_document_has_every_endpoint_with_its_schemas(live: Live) -> None:
    document = httpx.get(f"{live.url}/openapi.json").json()
    assert document["openapi"].startswith("3.")
    operations = {
        (method, path): operation
        for path, methods in document["paths"].items()
        for method, operation in methods.items()
    }
    assert set(operations) == set(ENDPOINTS)
    schemas = document["components"]["schemas"]
    for key, (request, answers) in ENDPOINTS.items():
        operation = operations[key]
        if request is None:
            assert "requestBody" not in operation
        else:
            body = operation["requestBody"]
            assert body["required"] is True
            assert _schema_names(body["content"]) == request
        responses = operation["responses"]
        for status, name in answers.items():
            assert _schema_names(responses[status]["content"]) == name
        errors = {s: r for s, r in responses.items() if s.startswith(("4", "5"))}
        assert {"500", "503"} <= set(errors)
        assert "422" not in errors or key[1].endswith(
            ("devices", "sync", "reports", "ballot-chains", "users", "{username}")
        )
        for answer in errors.values():
            assert answer["content"]["application/json"]["schema"]["$ref"] == ERROR
    assert schemas["ErrorBody"]["required"] == ["error", "message", "problems"]
    assert schemas["CheckInRequest"]["additionalProperties"] is False
    assert set(schemas["CheckInRequest"]["required"]) == {
        "device",
        "at",
        "signature",
        "station",
        "national_code",
    }
    assert "HTTPValidationError" not in schemas
    # no national bearer token any more: operators enrol boxes in their sessions (issue 9)
    assert "securitySchemes" not in document["components"]


def test_the_committed_document_is_the_served_one(live: Live) -> None:
    served = httpx.get(f"{live.url}/openapi.json").json()
    assert json.loads(render()) == served
    assert COMMITTED.read_text(encoding="utf-8") == render(), (
        "docs/openapi.json is stale: run `.venv/bin/python -m sandogh.server.openapi > "
        "docs/openapi.json`"
    )


def test_health(live: Live) -> None:
    answer = httpx.get(f"{live.url}/api/v1/health")
    assert answer.status_code == 200
    assert answer.json()["status"] == "ok"
    # a load balancer's check may be a HEAD (session 25, G5): 405 read as the centre down
    head = httpx.head(f"{live.url}/api/v1/health")
    assert head.status_code == 200
    assert head.headers["content-type"] == "application/json"
    assert head.content == b""


def test_an_unreadable_request_names_each_field(live: Live) -> None:
    path = f"{live.url}/api/v1/elections/{ELECTION}/check-ins"
    answer = httpx.post(path, json={"station": 7, "national_code": "1", "extra": True})
    assert answer.status_code == 400
    body = answer.json()
    assert body["error"] == "invalid-request"
    paths = {problem["path"] for problem in body["problems"]}
    assert paths == {"device", "at", "signature", "station", "extra"}
    signed = sign_request(
        device(1),
        "POST",
        f"/api/v1/elections/{ELECTION}/check-ins",
        {"station": stations()[0], "national_code": "0"},
        at=datetime.datetime.now(datetime.UTC),
    )
    wrong_time = httpx.post(path, json=signed | {"at": "2024-13-05T08:00:00Z"})
    assert [p["path"] for p in wrong_time.json()["problems"]] == ["at"]
    not_json = httpx.post(path, content=b"{", headers={"Content-Type": "application/json"})
    assert not_json.status_code == 400
    assert not_json.json()["problems"] == [{"path": "", "message": "the body is not JSON"}]
    bad_id = httpx.post(f"{live.url}/api/v1/elections/Not%20An%20Id/check-ins", json=signed)
    assert bad_id.status_code == 400
    assert [p["path"] for p in bad_id.json()["problems"]] == ["election_id"]
    # what was typed is never echoed back: it may be a national code
    entries = [{"national_code": "0" * 40, "at": "2024-07-05T08:00:00Z"}]
    sync = httpx.post(f"{path}/sync", json=signed | {"entries": entries})
    assert sync.status_code == 400
    assert "entries[0].national_code" in {p["path"] for p in sync.json()["problems"]}
    assert "0" * 40 not in sync.text


def test_unknown_endpoints_and_methods_answer_in_the_same_form(live: Live) -> None:
    missing = httpx.get(f"{live.url}/api/v2/health")
    assert (missing.status_code, missing.json()["error"]) == (404, "not-found")
    method = httpx.get(f"{live.url}/api/v1/reports")
    assert (method.status_code, method.json()["error"]) == (405, "method-not-allowed")
    assert httpx.get(f"{live.url}/docs").status_code == 404  # no pages that load a CDN's scripts


def test_a_body_over_the_bound_is_refused_unread(live: Live) -> None:
    url = f"{live.url}/api/v1/reports"
    json_type = {"Content-Type": "application/json"}
    declared = httpx.post(url, content=b" " * (MAX_BODY_BYTES + 1), headers=json_type)
    assert (declared.status_code, declared.json()["error"]) == (413, "too-large")

    def streamed() -> Iterator[bytes]:  # no length declared: refused once the bound is crossed
        for _ in range(MAX_BODY_BYTES // 65536 + 2):
            yield b" " * 65536

    chunked = httpx.post(url, content=streamed(), headers=json_type)
    assert (chunked.status_code, chunked.json()["error"]) == (413, "too-large")


class _BrokenRegistry:
    def lookup(self, code: NationalCode) -> RegistryRecord | None:
        raise RuntimeError(f"registry down at /secret/path while looking up {code.digits}")


def test_no_traceback_leaves_the_server(live: Live, caplog: pytest.LogCaptureFixture) -> None:
    live.app.state.centre = dataclasses.replace(live.centre, registry=_BrokenRegistry())
    station = stations()[0]
    (voter,) = voters(1)
    live.enrolled(device(1), station).close()
    path = f"/api/v1/elections/{ELECTION}/check-ins"
    body = {"station": station, "national_code": voter}
    answer = httpx.post(
        f"{live.url}{path}",
        json=sign_request(device(1), "POST", path, body, at=datetime.datetime.now(datetime.UTC)),
    )
    assert answer.status_code == 500
    assert answer.json() == {
        "error": "internal-error",
        "message": "the centre failed to answer; try again",
        "problems": [],
    }
    assert "secret" not in answer.text
    assert voter not in answer.text
    logged = [r.exc_info[1] for r in caplog.records if r.exc_info]
    assert any(isinstance(e, RuntimeError) and "registry down" in str(e) for e in logged)


def test_fastapi_s_own_telemetry_is_off(live: Live) -> None:
    # asking at each request whether a tracer, meter or logger provider was configured read the
    # environment three times a check-in (issue 14); the centre's metrics are Prometheus's
    config = live.app._telemetry  # FastAPI's settings of `FastAPI(telemetry=...)`
    assert (config["tracing"], config["metrics"], config["logs"]) == (False, False, False)
