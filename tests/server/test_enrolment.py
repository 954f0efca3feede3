"""Enrolling and revoking ballot boxes through the real HTTP API, on SQLite and PostgreSQL: in an
operator's session, with the manage-devices right at the box's station (issue 9: no national
bearer token), each enrolment and revocation recorded by the operator's name."""

from __future__ import annotations

import datetime

import httpx
import pytest

from sandogh.core.access import Role
from sandogh.core.candidacy.calendar import Calendar
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.problems import Problem
from sandogh.core.log import EventType
from sandogh.core.report import station_ballot
from sandogh.formats.calendar_file import canonical_calendar
from sandogh.formats.definition_schema import Contest, Unit
from sandogh.server.models import EnrolmentDocument
from sandogh.services.candidacy_ports import StoredCalendar
from sandogh.station.centre_http import (
    HttpCentreClient,
    OperatorLogin,
    OperatorPass,
    log_in_operator,
)
from sandogh.station.polling_days import read_polling
from sandogh.station.ports import CentreRefusedError
from sandogh.wire.request_signing import sign_request
from tests.services.calendar_build import runoff_schedule

from .live import ELECTION, Live, device, kerman, stations
from .operators_live import PASSWORD, add_account

DEVICES = f"/api/v1/elections/{ELECTION}/devices"
BAFT, BAM = "ST-0801-0001", "ST-0802-0001"  # stations of two counties


def _revoke(live: Live, key_text: str, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.delete(
        f"{live.url}{DEVICES}/{key_text}",
        headers=live.operator_headers if headers is None else headers,
    )


def _operator(live: Live, store_url: str, username: str, role: Role, place: str) -> OperatorPass:
    add_account(store_url, username, role, place)
    return log_in_operator(live.url, OperatorLogin(username, PASSWORD), timeout=30.0)


def _events(live: Live, kind: EventType) -> list[tuple[str, str, str]]:
    with live.uow() as work:
        return [
            (e.event.actor, e.event.role, e.event.place)
            for e in work.events.entries()
            if e.event.type is kind
        ]


def test_an_enrolled_box_receives_what_its_station_needs(live: Live) -> None:
    station = stations()[0]
    with live.client(device(1), operator=True) as box:
        document = box.enrol(election=ELECTION, station=station)
        again = box.enrol(election=ELECTION, station=station)
    assert document["format"] == "sandogh/enrolment@1"
    assert document["created"] is True
    assert again["created"] is False
    assert {k: v for k, v in again.items() if k != "created"} == {
        k: v for k, v in document.items() if k != "created"
    }
    assert document["definition_hash"] == kerman().definition_hash
    assert document["device"] == {
        "key": device(1).public_key.text,
        "election": ELECTION,
        "station": station,
        "enrolled_at": document["device"]["enrolled_at"],  # type: ignore[index]
        "revoked_at": None,
    }
    assert document["election"] == {
        "id": ELECTION,
        "name": {"fa": kerman().election.name.fa, "en": kerman().election.name.en},
        "date": "2024-07-05",
    }
    # the unit and contests read with the definition file's own models
    unit = Unit.model_validate(document["unit"]).to_core()
    assert unit.code == station
    (contest,) = (Contest.model_validate(c).to_core() for c in document["contests"])  # type: ignore[attr-defined]
    assert contest.id == "president"
    assert [c.code for c in contest.candidates] == ["21", "25"]
    (ballot,) = station_ballot(Geography.of(kerman().election), station)
    assert document["ballot"] == [{"contest": "president", "seats": 1, "candidates": ["21", "25"]}]
    assert ballot.candidates == ("21", "25")


def test_enrolment_needs_an_operators_session_and_the_boxs_own_signature(live: Live) -> None:
    station = stations()[0]
    with live.client(device(1)) as box, pytest.raises(CentreRefusedError) as refused:
        box.enrol(election=ELECTION, station=station)
    assert refused.value.reason == "unauthenticated"
    body = sign_request(
        device(1), "POST", DEVICES, {"station": station}, at=datetime.datetime.now(datetime.UTC)
    )
    # the bearer token of old opens nothing
    wrong = httpx.post(
        f"{live.url}{DEVICES}", json=body, headers={"Authorization": "Bearer " + "x" * 40}
    )
    assert (wrong.status_code, wrong.json()["error"]) == (401, "unauthenticated")
    # a session without its CSRF header changes nothing
    cookie_only = {"Cookie": live.operator_headers["Cookie"]}
    assert httpx.post(f"{live.url}{DEVICES}", json=body, headers=cookie_only).status_code == 403
    # an operator cannot enrol a key whose holder did not sign: here the key is swapped
    swapped = body | {"device": device(2).public_key.text}
    answer = httpx.post(f"{live.url}{DEVICES}", json=swapped, headers=live.operator_headers)
    assert answer.status_code == 401
    assert answer.json()["error"] == "bad-signature"
    # nor replay a signature made for another election's path
    other = sign_request(
        device(1),
        "POST",
        "/api/v1/elections/kerman-1403-r1/devices",
        {"station": station},
        at=datetime.datetime.now(datetime.UTC),
    )
    answer = httpx.post(f"{live.url}{DEVICES}", json=other, headers=live.operator_headers)
    assert answer.json()["error"] == "bad-signature"


def test_an_operator_enrols_and_revokes_only_within_their_place_and_by_name(
    live: Live, store_url: str
) -> None:
    baft = _operator(live, store_url, "baft-hq", Role.COUNTY_HQ, "IR-08-0801")
    head = _operator(live, store_url, "baft-head", Role.STATION_HEAD, BAFT)
    with HttpCentreClient(live.url, device(1), timeout=30.0, operator=baft) as box:
        box.enrol(election=ELECTION, station=BAFT)
    # another county's station, or a role without the right: refused, and recorded
    for operator, key, station in ((baft, device(2), BAM), (head, device(3), BAFT)):
        with (
            HttpCentreClient(live.url, key, timeout=30.0, operator=operator) as box,
            pytest.raises(CentreRefusedError) as refused,
        ):
            box.enrol(election=ELECTION, station=station)
        assert refused.value.reason == "not-allowed"
    live.enrolled(device(4), BAM).close()
    assert _revoke(live, device(4).public_key.text, baft.headers).status_code == 403
    assert _revoke(live, device(9).public_key.text, head.headers).status_code == 403
    assert _revoke(live, device(1).public_key.text, baft.headers).status_code == 200
    assert _events(live, EventType.DEVICE_ENROLLED) == [
        ("baft-hq", "county-hq", BAFT),
        ("run-enroller", "admin", BAM),
    ]
    assert _events(live, EventType.DEVICE_REVOKED) == [("baft-hq", "county-hq", BAFT)]
    denied = _events(live, EventType.ACCESS_DENIED)
    assert denied == [
        ("baft-hq", "county-hq", BAM),
        ("baft-head", "station-head", BAFT),
        ("baft-hq", "county-hq", BAM),
        ("baft-head", "station-head", BAFT),
    ]


def test_enrolment_refusals_name_their_reason(live: Live) -> None:
    first, second = stations()[:2]
    with live.client(device(1), operator=True) as box:
        box.enrol(election=ELECTION, station=first)
        for election, station, reason in [
            (ELECTION, second, "key-enrolled"),
            (ELECTION, "ST-9999-9999", "unknown-place"),
            (ELECTION, "IR-08-0801", "not-a-station"),
            ("no-such-election", first, "unknown-election"),
        ]:
            with pytest.raises(CentreRefusedError) as refused:
                box.enrol(election=election, station=station)
            assert refused.value.reason == reason


def test_a_revoked_box_stays_revoked(live: Live) -> None:
    station = stations()[0]
    key = device(1).public_key.text
    live.enrolled(device(1), station).close()
    assert _revoke(live, key, {}).status_code == 401  # no session
    revoked = _revoke(live, key)
    assert revoked.status_code == 200
    assert revoked.json()["key"] == key
    assert revoked.json()["revoked_at"] is not None
    again = _revoke(live, key)
    assert (again.status_code, again.json()["error"]) == (409, "already-revoked")
    unknown = _revoke(live, device(2).public_key.text)
    assert (unknown.status_code, unknown.json()["error"]) == (404, "unknown-device")
    malformed = _revoke(live, "ed25519:beef")
    assert (malformed.status_code, malformed.json()["problems"][0]["path"]) == (400, "key")
    with live.client(device(1), operator=True) as box, pytest.raises(CentreRefusedError) as no:
        box.enrol(election=ELECTION, station=station)
    assert no.value.reason == "key-enrolled"


def test_the_enrolment_document_gives_the_polling_days_of_the_stored_calendar(
    live: Live,
) -> None:
    """Issue 12: once a calendar is stored, the box is told the days it may open, in the API's
    documented form, and the box reads them (`station.polling_days`)."""
    calendar = Calendar(ELECTION, (runoff_schedule(datetime.date(2024, 7, 5), 20, 22),))
    canonical = canonical_calendar(calendar)
    with live.uow() as work:
        stored = StoredCalendar(calendar, canonical, "c" * 64, datetime.datetime.now(datetime.UTC))
        work.candidacy.put_calendar(ELECTION, stored)
        work.commit()
    station = stations()[0]
    with live.client(device(1), operator=True) as box:
        document = box.enrol(election=ELECTION, station=station)
    assert document["polling"] == [
        {"contest": "president", "first": "2024-07-05", "last": "2024-07-05", "closes": "22:00"}
    ]
    EnrolmentDocument.model_validate(document)
    problems: list[Problem] = []
    assert read_polling(document["polling"], problems)[0][1].closes == datetime.time(22)
    assert problems == []
