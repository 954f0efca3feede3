"""The signed-request scheme of docs/api.md, checked against a message worked by hand."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sandogh.core.report import SigningKey
from sandogh.wire.request_signing import (
    is_fresh,
    request_message,
    sign_request,
    signed_by,
    timestamp,
)

KEY = SigningKey.from_seed(bytes(range(32)))
AT = datetime.datetime(2024, 7, 5, 8, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=3.5)))
PATH = "/api/v1/elections/kerman-1403-r2/check-ins"


def test_the_message_is_the_request_line_then_the_canonical_body() -> None:
    body = {"station": "ST-0801-0001", "national_code": "۰۰۱۲", "at": "2024-07-05T04:30:00Z"}
    assert request_message("post", PATH, body) == (
        b"sandogh/centre-request@1 POST /api/v1/elections/kerman-1403-r2/check-ins\n"
        + '{"at":"2024-07-05T04:30:00Z","national_code":"۰۰۱۲","station":"ST-0801-0001"}'.encode()
    )


def test_a_signed_body_carries_device_time_and_signature() -> None:
    body = sign_request(KEY, "POST", PATH, {"station": "ST-0801-0001"}, at=AT)
    assert body["device"] == KEY.public_key.text
    assert body["at"] == "2024-07-05T04:30:00.000Z"
    assert isinstance(body["signature"], str)
    assert len(body["signature"]) == 128
    unsigned = {k: v for k, v in body.items() if k != "signature"}
    signature = bytes.fromhex(body["signature"])
    assert KEY.public_key.verifies(request_message("POST", PATH, unsigned), signature)
    assert signed_by("POST", PATH, body) == KEY.public_key


@given(
    field=st.sampled_from(["station", "device", "at", "extra"]),
    value=st.text(max_size=20),
)
def test_any_change_breaks_the_signature(field: str, value: str) -> None:
    body = sign_request(KEY, "POST", PATH, {"station": "ST-0801-0001"}, at=AT)
    if field == "device":
        value = SigningKey.from_seed(b"o" * 32).public_key.text
    changed = {**body, field: value}
    if changed == body:
        return
    assert signed_by("POST", PATH, changed) is None


def test_the_signature_binds_the_method_and_path() -> None:
    body = sign_request(KEY, "POST", PATH, {"station": "ST-0801-0001"}, at=AT)
    assert signed_by("POST", PATH + "/sync", body) is None
    assert signed_by("POST", PATH.replace("r2", "r1"), body) is None
    assert signed_by("DELETE", PATH, body) is None


def test_times_are_utc_and_need_a_zone() -> None:
    assert timestamp(AT) == "2024-07-05T04:30:00.000Z"
    with pytest.raises(ValueError, match="no zone"):
        timestamp(datetime.datetime(2024, 7, 5, 8, 0))  # noqa: DTZ001 - the naive time refused


def test_freshness_is_a_window_either_side() -> None:
    window = datetime.timedelta(minutes=5)
    assert is_fresh(AT, AT + window, window)
    assert is_fresh(AT, AT - window, window)
    assert not is_fresh(AT, AT + window + datetime.timedelta(milliseconds=1), window)
    assert not is_fresh(AT, AT - window - datetime.timedelta(milliseconds=1), window)


def test_the_worked_example_of_the_docs_holds() -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "api.md").read_text(encoding="utf-8")
    at = datetime.datetime(2024, 7, 5, 4, 30, tzinfo=datetime.UTC)
    body = sign_request(
        KEY,
        "POST",
        PATH,
        {"station": "ST-0801-0001", "national_code": "0012345679"},
        at=at,
    )
    unsigned = {k: v for k, v in body.items() if k != "signature"}
    assert request_message("POST", PATH, unsigned).decode() in docs
    assert f"is signed `{body['signature']}`" in docs
