"""A live centre for the operators' tests: the Kerman runoff loaded, accounts added through the
use case (their TOTP secrets sealed with the tests' server key), cookies without `Secure` (plain
http on loopback), X-Forwarded-For trusted from loopback (so that one test client can speak for
many addresses), argon2id at its lowest cost."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx
import pyotp
from pydantic import SecretBytes

from sandogh.core.access import Body, Grant, Role
from sandogh.server.app import create_app
from sandogh.server.centre import Centre, Clock, utc_now
from sandogh.server.credentials import Argon2Passwords, TotpFactor
from sandogh.server.settings import OperatorSettings, ServerSettings
from sandogh.services.operators import AccountChange, Actor, add_user
from sandogh.store.engine import make_engine
from sandogh.store.unit_of_work import SqlUnitOfWork
from tests.loopback import served

from .live import REGISTRY, SECRET, server_key, server_key_file

TEST_OPERATORS = OperatorSettings(
    secure_cookies=False,
    trust_forwarded_for=True,
    argon2_time_cost=1,
    argon2_memory_kib=8,
    argon2_parallelism=1,
)
PASSWORD = "correct horse battery staple"
SESSION = "/api/v1/session"
USERS = "/api/v1/users"


def settings(store_url: str, operators: OperatorSettings = TEST_OPERATORS) -> ServerSettings:
    return ServerSettings(
        database_url=store_url,
        ledger_secret=SecretBytes(SECRET),
        registry=REGISTRY,
        operators=operators,
        server_key_file=server_key_file(),
    )


def add_account(
    store_url: str,
    username: str,
    role: Role,
    place: str,
    *,
    totp: bool = False,
    body: Body | None = None,
) -> AccountChange:
    """Add an account as the command line does."""
    engine = make_engine(store_url)
    now = datetime.datetime.now(datetime.UTC)
    try:
        return add_user(
            lambda: SqlUnitOfWork(engine, now=now),
            actor=Actor("cli:tests", None),
            username=username,
            display_name=username,
            grant=Grant(role, place, body),
            password=PASSWORD,
            second_factor=totp,
            hasher=Argon2Passwords.of(TEST_OPERATORS),
            factor=TotpFactor(server_key()),
            now=now,
        )
    finally:
        engine.dispose()


def current_code(change: AccountChange) -> str:
    """The account's code now, from the secret its operator's authenticator read (the URI)."""
    assert change.totp_uri is not None
    return pyotp.TOTP(pyotp.parse_uri(change.totp_uri).secret).now()


@dataclass(frozen=True)
class LiveCentre:
    url: str
    centre: Centre

    def client(self, address: str = "192.0.2.10") -> httpx.Client:
        """A client that speaks for `address` (X-Forwarded-For, trusted from loopback)."""
        return httpx.Client(base_url=self.url, timeout=30.0, headers={"X-Forwarded-For": address})


def log_in(
    client: httpx.Client, username: str, password: str = PASSWORD, totp: str | None = None
) -> httpx.Response:
    body: dict[str, str] = {"username": username, "password": password}
    if totp is not None:
        body["totp"] = totp
    return client.post(SESSION, json=body)


def signed_in(client: httpx.Client, username: str, totp: str | None = None) -> str:
    """Log `client` in; its CSRF token, which it now sends with every request."""
    answer = log_in(client, username, totp=totp)
    assert answer.status_code == 201, answer.text
    csrf: str = answer.json()["csrf_token"]
    client.headers["X-CSRF-Token"] = csrf
    return csrf


@contextmanager
def serving(server_settings: ServerSettings, *, clock: Clock = utc_now) -> Iterator[LiveCentre]:
    """The centre on a free loopback port, in a thread, until the block ends."""
    app = create_app(server_settings, clock=clock)
    # uvicorn itself trusts X-Forwarded-For from loopback unless told not to; here the centre's
    # own setting (`OperatorSettings.trust_forwarded_for`) decides alone
    with served(app, "the test centre", lifespan="on", proxy_headers=False) as url:
        yield LiveCentre(url, app.state.centre)
