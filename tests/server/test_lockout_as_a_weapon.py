"""Lockout as a weapon (issue 9, section 4): wrong passwords from elsewhere must not keep an
operator out. Each client speaks from its own loopback address (all of 127.0.0.0/8 is this
machine's), so the centre sees real, distinct origins with X-Forwarded-For not trusted: 127.1.N.3
for N = 0…49 are fifty /24 networks, and 127.9.9.9 is the owner's office."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import httpx
import pyotp
import pytest

from sandogh.core.access import Role
from sandogh.core.log import EventType
from sandogh.server.settings import OperatorSettings
from sandogh.services.operators import AccountChange

from .live import load_kerman
from .operators_live import (
    TEST_OPERATORS,
    LiveCentre,
    add_account,
    current_code,
    log_in,
    serving,
    settings,
)
from .test_operators import entries_of

OWNER = "127.9.9.9"
ATTACKERS = [f"127.1.{n}.3" for n in range(50)]  # fifty networks
ONE_NETWORK = [f"127.1.2.{n}" for n in range(3, 53)]  # fifty addresses, one network
UNTRUSTING = OperatorSettings(**{**TEST_OPERATORS.model_dump(), "trust_forwarded_for": False})


@pytest.fixture
def store(sqlite_store_url: str) -> str:
    url = sqlite_store_url
    load_kerman(url)
    return url


@pytest.fixture
def live(store: str) -> Iterator[LiveCentre]:
    with serving(settings(store, UNTRUSTING)) as centre:
        yield centre


def client_at(live: LiveCentre, address: str) -> httpx.Client:
    transport = httpx.HTTPTransport(local_address=address)
    return httpx.Client(base_url=live.url, timeout=30.0, transport=transport)


def guess(live: LiveCentre, sources: list[str], username: str) -> list[int]:
    statuses = []
    for n, address in enumerate(sources):
        with client_at(live, address) as client:
            statuses.append(log_in(client, username, f"guess-{n:02d}").status_code)
    return statuses


def next_code(change: AccountChange) -> str:
    """The code of the next time step (the centre allows one step of drift): a code is taken
    once, and the owner logs in twice within one step here."""
    assert change.totp_uri is not None
    totp = pyotp.parse_uri(change.totp_uri)
    return totp.at(datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=30))


def test_fifty_failures_from_one_network_leave_the_owner_free_everywhere_else(
    live: LiveCentre, store: str
) -> None:
    add_account(store, "baft-hq", Role.COUNTY_HQ, "IR-08-0801")
    statuses = guess(live, ONE_NETWORK, "baft-hq")
    assert set(statuses) == {401, 429}  # the network's throttle closes before the fiftieth
    with client_at(live, OWNER) as client:  # a network the owner never used before
        assert log_in(client, "baft-hq").status_code == 201
    with client_at(live, "127.1.2.200") as client:  # the guessers' network: throttled, locked
        assert log_in(client, "baft-hq").status_code == 429
    locked = entries_of(store, EventType.ACCOUNT_LOCKED)
    assert {e["network"] for e in locked} == {"127.1.2.0/24"}
    alerts = {(e["kind"], e["subject"]) for e in entries_of(store, EventType.ATTACK_SUSPECTED)}
    assert alerts == {("network", "127.1.2.0/24")}  # a network's, none on the account


def test_fifty_failures_from_fifty_networks_leave_the_owner_free_at_their_office(
    live: LiveCentre, store: str
) -> None:
    owner = add_account(store, "kerman-hq", Role.PROVINCIAL_HQ, "IR-08")  # with a TOTP code
    with client_at(live, OWNER) as client:  # the owner's office, used before the attack
        assert log_in(client, "kerman-hq", totp=current_code(owner)).status_code == 201
    statuses = guess(live, ATTACKERS, "kerman-hq")
    assert statuses == [401] * 50  # no network fails often enough to be throttled
    with client_at(live, OWNER) as client:
        assert log_in(client, "kerman-hq", totp=next_code(owner)).status_code == 201
    # under the attack alert the account is locked on every other network, the right
    # password and code notwithstanding
    with client_at(live, "127.8.8.8") as client:
        assert log_in(client, "kerman-hq", totp=current_code(owner)).status_code == 401
    (alert,) = entries_of(store, EventType.ATTACK_SUSPECTED)
    assert (alert["kind"], alert["subject"], alert["place"]) == ("account", "kerman-hq", "IR-08")
    assert alert["networks"] == 5  # raised when the account-wide lock began
    causes = [e["cause"] for e in entries_of(store, EventType.LOGIN_FAILED) if "cause" in e]
    assert causes.count("locked") == 46  # the 45 guesses after the lock, and 127.8.8.8
    assert causes.count("password") == 5
