"""The lean check-in route (`server.check_in_route`): what it answers is what the documented
models say, and what it does not take goes to the app's route unchanged."""

from __future__ import annotations

import datetime

import httpx

from sandogh.core.report import BallotContest
from sandogh.core.voters import CodeFault
from sandogh.security_headers import CONTENT_SECURITY_POLICY
from sandogh.server.check_in_route import check_in_fields, check_in_json
from sandogh.server.models import (
    BallotCardBody,
    BallotContestBody,
    RefusedBody,
    WithheldBody,
)
from sandogh.services.check_in_rules import RefusalReason, Refused, Withheld
from sandogh.services.checkin import BallotCard
from sandogh.wire.request_signing import sign_request

from .live import ELECTION, Live, device, stations, voters


def test_its_answers_are_the_documented_bodies_byte_for_byte() -> None:
    card = BallotCard(
        "tok",
        ELECTION,
        "ST-1",
        (BallotContest("majles", 2, ("۱۰۱", "102")),),
        (Withheld("president", RefusalReason.RUNOFF_ELSEWHERE),),
        "زهرا / Zahra",
        b"\x89PNG",
    )
    documented = BallotCardBody(
        outcome="ballot-card",
        token="tok",
        election=ELECTION,
        station="ST-1",
        contests=[BallotContestBody(contest="majles", seats=2, candidates=["۱۰۱", "102"])],
        withheld=[WithheldBody(contest="president", reason=RefusalReason.RUNOFF_ELSEWHERE)],
        name="زهرا / Zahra",
        photo="iVBORw==",
    )
    assert check_in_json(card) == documented.model_dump_json().encode()
    refused = Refused(
        RefusalReason.UNDER_AGE,
        (RefusalReason.NOT_CITIZEN,),
        CodeFault.NOT_DIGITS,
        datetime.date(2026, 1, 2),
    )
    body = RefusedBody(
        outcome="refused",
        reason=RefusalReason.UNDER_AGE,
        also=[RefusalReason.NOT_CITIZEN],
        code_fault=CodeFault.NOT_DIGITS,
        of_age_on=datetime.date(2026, 1, 2),
    )
    assert check_in_json(refused) == body.model_dump_json().encode()


def test_it_takes_only_a_body_its_model_takes() -> None:
    signed = sign_request(
        device(1),
        "POST",
        f"/api/v1/elections/{ELECTION}/check-ins",
        {"station": "ST-1", "national_code": "۰۰۱ ۲۳"},
        at=datetime.datetime.now(datetime.UTC),
    )
    text = httpx.Request("POST", "http://x", json=signed).content
    assert check_in_fields(text) == signed
    for wrong in (
        signed | {"extra": "x"},
        {k: v for k, v in signed.items() if k != "at"},
        signed | {"station": 7},
        signed | {"station": "ST 1"},
        signed | {"station": "S" * 65},
        signed | {"national_code": ""},
        signed | {"national_code": "1" * 33},
        signed | {"at": "2024-13-05T08:00:00Z"},
        signed | {"at": "2024-07-05T08:00:00Z\n"},
        signed | {"device": "ed25519:" + "A" * 64},
        signed | {"signature": "0" * 127},
    ):
        assert check_in_fields(httpx.Request("POST", "http://x", json=wrong).content) is None, wrong
    assert check_in_fields(b"{") is None
    assert check_in_fields(b"[]") is None
    assert check_in_fields(b"[" * 4000) is None  # raised out of the route, answered by no layer
    # an escaped lone surrogate (the session-29 outsider's A2): answered 500 by the route
    lone = text.replace(b'"national_code":"', b'"national_code":"\\ud800', 1)
    assert lone != text
    assert check_in_fields(lone) is None


def test_a_check_in_in_chunks_or_of_another_type_is_the_app_s_to_answer(live: Live) -> None:
    station = stations()[0]
    first, second = voters(2)
    path = f"/api/v1/elections/{ELECTION}/check-ins"
    box = live.enrolled(device(1), station)
    box.close()

    def body(code: str) -> bytes:
        now = datetime.datetime.now(datetime.UTC)
        fields = {"station": station, "national_code": code}
        return httpx.Request(
            "POST", "http://x", json=sign_request(device(1), "POST", path, fields, at=now)
        ).content

    chunked = httpx.post(
        live.url + path, content=iter([body(first)]), headers={"Content-Type": "application/json"}
    )
    assert (chunked.status_code, chunked.json()["outcome"]) == (200, "ballot-card")
    again = httpx.post(
        live.url + path, content=body(first), headers={"Content-Type": "application/json"}
    )
    assert again.json()["reason"] == "already-voted"
    text = httpx.post(live.url + path, content=body(second), headers={"Content-Type": "text/plain"})
    # the app's answer: FastAPI reads no JSON from a body of another type
    assert (text.status_code, text.json()["error"]) == (400, "invalid-request")


def test_its_answers_carry_the_headers_the_app_s_stack_gives(live: Live) -> None:
    """The same check-in or look-up answered by this route (sent whole) and by the app's whole
    stack (sent in chunks, which this route passes on): the same headers, the security policy
    among them, and but for a card (its token differs, so its length) the same body."""
    station = stations()[0]
    first, second = voters(2)
    path = f"/api/v1/elections/{ELECTION}/check-ins"
    box = live.enrolled(device(1), station)
    box.close()

    look_ups = f"{path}/look-ups"

    def body(code: str, key: int = 1, route: str = path) -> tuple[str, bytes]:
        now = datetime.datetime.now(datetime.UTC)
        fields = {"station": station, "national_code": code}
        signed = sign_request(device(key), "POST", route, fields, at=now)
        return route, httpx.Request("POST", "http://x", json=signed).content

    def both(
        whole: tuple[str, bytes], chunked: tuple[str, bytes]
    ) -> tuple[httpx.Response, httpx.Response]:
        json_type = {"Content-Type": "application/json"}
        return (
            httpx.post(live.url + whole[0], content=whole[1], headers=json_type),
            httpx.post(live.url + chunked[0], content=iter([chunked[1]]), headers=json_type),
        )

    def headers(answer: httpx.Response) -> list[tuple[str, str]]:
        varying = {"date", "content-length"}
        return [(name, value) for name, value in answer.headers.items() if name not in varying]

    answers = [
        # a look-up records nothing: the same one twice, and the same answer
        both(body(first, route=look_ups), body(first, route=look_ups)),
        both(body(first), body(second)),  # two cards
        both(body(first), body(first)),  # a voter refused twice: already voted
        both(body(first, key=2), body(first, key=2)),  # a box not enrolled: 403
    ]
    said = [lean.json().get("outcome", lean.status_code) for lean, _ in answers]
    assert said == ["may-vote", "ballot-card", "refused", 403]
    for lean, stack in answers:
        assert lean.status_code == stack.status_code
        assert headers(lean) == headers(stack)
        assert ("content-security-policy", CONTENT_SECURITY_POLICY) in headers(lean)
        if lean.json().get("outcome") != "ballot-card":
            assert lean.content == stack.content
