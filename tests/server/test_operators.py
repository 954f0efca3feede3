"""The operators' API over HTTP: the session cookie and CSRF, answers that tell an attacker nothing,
the throttle at the door, X-Forwarded-For only when trusted, and managing accounts."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import httpx
import pytest

from sandogh.core.access import Role
from sandogh.core.log import EventType
from sandogh.locale.digits import to_persian_digits
from sandogh.server.settings import OperatorSettings
from sandogh.store.engine import make_engine
from sandogh.store.unit_of_work import SqlUnitOfWork

from .live import load_kerman
from .operators_live import (
    PASSWORD,
    SESSION,
    TEST_OPERATORS,
    USERS,
    LiveCentre,
    add_account,
    current_code,
    log_in,
    serving,
    settings,
    signed_in,
)


@pytest.fixture
def store(sqlite_store_url: str) -> str:
    """A store with the Kerman runoff and three accounts; these tests are of the web layer."""
    url = sqlite_store_url
    load_kerman(url)
    add_account(url, "baft-hq", Role.COUNTY_HQ, "IR-08-0801")
    add_account(url, "bam-hq", Role.COUNTY_HQ, "IR-08-0802")
    return url


@pytest.fixture
def live(store: str) -> Iterator[LiveCentre]:
    with serving(settings(store)) as centre:
        yield centre


def entries_of(store: str, kind: EventType) -> list[dict[str, object]]:
    engine = make_engine(store)
    try:
        with SqlUnitOfWork(engine, now=datetime.datetime.now(datetime.UTC)) as work:
            return [
                {"actor": e.event.actor, "place": e.event.place, **e.event.details}
                for e in work.events.entries()
                if e.event.type is kind
            ]
    finally:
        engine.dispose()


def test_a_session_is_a_strict_http_only_cookie_and_ends_on_log_out(
    live: LiveCentre, store: str
) -> None:
    with live.client() as client:
        answer = log_in(client, "baft-hq")
        assert answer.status_code == 201
        cookie = answer.headers["set-cookie"]
        assert cookie.startswith("sandogh-session=")
        for attribute in ("HttpOnly", "SameSite=strict", "Path=/", "Max-Age=43200"):
            assert attribute in cookie
        body = answer.json()
        assert (body["username"], body["role"], body["place"]) == (
            "baft-hq",
            "county-hq",
            "IR-08-0801",
        )
        me = client.get(SESSION)
        assert me.status_code == 200
        assert me.json()["csrf_token"] == body["csrf_token"]
        # logging out changes something: it needs the CSRF header
        assert client.delete(SESSION).status_code == 403
        out = client.delete(SESSION, headers={"X-CSRF-Token": body["csrf_token"]})
        assert out.status_code == 204
        assert client.get(SESSION).status_code == 401
    (logged_out,) = entries_of(store, EventType.LOGGED_OUT)
    assert logged_out == {"actor": "baft-hq", "place": "IR-08-0801", "address": "192.0.2.10"}
    with httpx.Client(base_url=live.url) as stranger:
        answer = stranger.get(SESSION)
        assert (answer.status_code, answer.json()["error"]) == (401, "unauthenticated")


def test_over_https_the_cookie_is_secure_and_host_only(store: str) -> None:
    secure = OperatorSettings(**{**TEST_OPERATORS.model_dump(), "secure_cookies": True})
    with serving(settings(store, secure)) as centre, centre.client() as client:
        cookie = log_in(client, "baft-hq").headers["set-cookie"]
    assert cookie.startswith("__Host-sandogh-session=")
    assert "Secure" in cookie


def test_a_change_without_the_csrf_header_is_refused_and_logged(
    live: LiveCentre, store: str
) -> None:
    admin = add_account(store, "admin", Role.ADMIN, "IR")
    with live.client() as client:
        csrf = signed_in(client, "admin", current_code(admin))
        new = {
            "username": "kerman-head",
            "display_name": "رئیس شعبه",
            "role": "station-head",
            "place": "ST-0801-0001",
            "password": PASSWORD,
        }
        forged = client.post(USERS, json=new, headers={"X-CSRF-Token": "not-the-token"})
        assert (forged.status_code, forged.json()["error"]) == (403, "csrf")
        assert client.post(USERS, json=new, headers={"X-CSRF-Token": csrf}).status_code == 201
    (denied,) = entries_of(store, EventType.ACCESS_DENIED)
    assert denied == {
        "actor": "admin",
        "place": "IR",
        "action": "csrf",
        "request": "POST /api/v1/users",
    }


def test_every_failed_log_in_gets_the_same_answer(live: LiveCentre, store: str) -> None:
    admin = add_account(store, "admin", Role.ADMIN, "IR")
    # a lock holds on the network the failures came from (issue 9): the one asked from below
    with live.client("203.0.113.2") as client:
        for _ in range(5):
            assert log_in(client, "bam-hq", "wrong password").status_code == 401  # locks it
    with live.client("198.51.100.1") as client:
        signed_in(client, "admin", current_code(admin))
        client.post(f"{USERS}/baft-hq/disable")
    answers = []
    with live.client("203.0.113.1") as client:
        for username, password in [
            ("nobody", PASSWORD),  # unknown
            ("baft-hq", PASSWORD),  # disabled
            ("bam-hq", PASSWORD),  # locked
            ("admin", PASSWORD),  # no TOTP code
            ("admin", "wrong password"),
            ("x" * 64, "y"),  # not even a username one could make
        ]:
            answer = log_in(client, username, password)
            answers.append((answer.status_code, answer.content, answer.headers.get("set-cookie")))
    assert len(set(answers)) == 1
    assert answers[0][0] == 401


def test_a_throttled_caller_is_refused_at_the_door_whoever_it_names(
    live: LiveCentre, store: str
) -> None:
    with live.client("203.0.113.7") as client:
        for n in range(10):
            assert log_in(client, f"guess-{n}").status_code == 401
        for username in ("nobody", "baft-hq"):
            answer = log_in(client, username)
            assert answer.status_code == 429
            assert answer.json()["error"] == "too-many-attempts"
            assert 1 <= int(answer.headers["Retry-After"]) <= 20 * 60
    # its neighbour is not throttled, nor is anyone else
    with live.client("203.0.113.8") as neighbour:
        assert log_in(neighbour, "baft-hq").status_code == 201
    assert len(entries_of(store, EventType.LOGIN_FAILED)) == 10


def test_refusals_at_the_door_are_in_the_log_once_the_centre_stops(store: str) -> None:
    with serving(settings(store)) as centre, centre.client("203.0.113.7") as client:
        statuses = [log_in(client, f"guess-{n}").status_code for n in range(25)]
    assert statuses.count(429) == 15
    unheard = [e for e in entries_of(store, EventType.LOGIN_FAILED) if "throttled" in e]
    assert sum(int(str(e["throttled"])) for e in unheard) == 15
    assert {network for e in unheard for network in e["networks"]} == {"203.0.113.0/24"}  # type: ignore[attr-defined]


def test_x_forwarded_for_is_ignored_unless_trusted(store: str) -> None:
    untrusting = OperatorSettings(**{**TEST_OPERATORS.model_dump(), "trust_forwarded_for": False})
    with serving(settings(store, untrusting)) as centre:
        for n in range(10):
            with centre.client(f"203.0.{n}.1") as client:
                assert log_in(client, "nobody").status_code == 401
        # ten addresses claimed, one caller seen: loopback is throttled
        with centre.client("198.51.100.1") as client:
            assert log_in(client, "baft-hq").status_code == 429
    addresses = {e["address"] for e in entries_of(store, EventType.LOGIN_FAILED) if "address" in e}
    assert addresses == {"127.0.0.1"}


def test_privileged_operators_log_in_with_their_code(live: LiveCentre, store: str) -> None:
    province = add_account(store, "kerman-hq", Role.PROVINCIAL_HQ, "IR-08")
    with live.client() as client:
        assert log_in(client, "kerman-hq").status_code == 401
        typed = to_persian_digits(current_code(province))  # as a Persian keyboard types it
        answer = log_in(client, "kerman-hq", totp=typed)
        assert answer.status_code == 201
        assert answer.json()["second_factor"] is True


def test_accounts_are_managed_through_the_api(live: LiveCentre, store: str) -> None:
    province = add_account(store, "kerman-hq", Role.PROVINCIAL_HQ, "IR-08")
    with live.client() as client:
        signed_in(client, "kerman-hq", current_code(province))
        new = {
            "username": "rafsanjan-hq",
            "display_name": "ستاد انتخابات رفسنجان",
            "role": "county-hq",
            "place": "IR-08-0804",
            "password": PASSWORD,
            "totp": True,
        }
        added = client.post(USERS, json=new)
        assert added.status_code == 201
        assert added.json()["totp_uri"].startswith("otpauth://totp/sandogh:rafsanjan-hq?")
        assert added.json()["user"]["second_factor"] is True
        assert client.post(USERS, json=new).status_code == 409
        weak = client.post(USERS, json={**new, "username": "other", "password": "short"})
        assert (weak.status_code, weak.json()["problems"][0]["path"]) == (422, "password")
        nowhere = client.post(USERS, json={**new, "username": "other", "place": "IR-99"})
        assert (nowhere.status_code, nowhere.json()["error"]) == (422, "unknown-place")
        moved = client.patch(
            f"{USERS}/rafsanjan-hq", json={"role": "county-hq", "place": "IR-08-0805"}
        )
        assert moved.status_code == 200
        assert moved.json()["user"]["place"] == "IR-08-0805"
        above = client.patch(f"{USERS}/rafsanjan-hq", json={"role": "county-hq", "place": "IR"})
        assert above.status_code == 403
        assert client.post(f"{USERS}/nobody/disable").status_code == 404
        assert client.post(f"{USERS}/rafsanjan-hq/unlock").status_code == 409
        listed = client.get(USERS, params={"place": "IR-08-0805"})
        assert [u["username"] for u in listed.json()["users"]] == ["rafsanjan-hq"]
        assert client.get(USERS, params={"place": "IR-99"}).status_code == 404
        disabled = client.post(f"{USERS}/rafsanjan-hq/disable")
        assert disabled.json()["user"]["disabled"] is True
    with live.client("198.51.100.9") as client:
        answer = log_in(client, "bam-hq", "wrong password")
        assert answer.status_code == 401


def test_server_processes_share_the_throttle_through_the_store(store: str) -> None:
    with serving(settings(store)) as first, serving(settings(store)) as second:
        with first.client("203.0.113.7") as client:
            for n in range(10):
                assert log_in(client, f"guess-{n}").status_code == 401
        with second.client("203.0.113.7") as client:
            answer = log_in(client, "baft-hq")
        assert answer.status_code == 429  # the second never saw a failure: it asked the store
