"""Operators for the tests of the accounts and sessions use cases: the real argon2id hasher at the
lowest cost (hashes in microseconds), counting its checks, and the real TOTP, its secrets sealed
with a server key made for the tests."""

from __future__ import annotations

import datetime
import itertools
import os
from collections.abc import Callable

import pyotp

from sandogh.core.access import Grant, Role
from sandogh.core.log import Entry
from sandogh.server.credentials import Argon2Passwords, TotpFactor
from sandogh.server.server_key import ServerKey
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.services.operators import AccountChange, Actor, add_user

from .build import NOW

CLI = Actor("cli:root", None)
PASSWORD = "correct horse battery staple"
FACTOR = TotpFactor(ServerKey(os.urandom(32)))


class CountingPasswords(Argon2Passwords):
    """argon2id at its lowest cost, counting every password checked (the dummy's included) and
    every one hashed."""

    def __init__(self, time_cost: int = 1) -> None:
        super().__init__(time_cost=time_cost, memory_kib=8, parallelism=1)
        self.checked = 0
        self.hashed = 0

    def hash(self, password: str) -> str:
        self.hashed += 1
        return super().hash(password)

    def verify(self, stored: str | None, password: str) -> bool:
        self.checked += 1
        return super().verify(stored, password)


def token_source() -> Callable[[], str]:
    """Session and CSRF tokens, numbered so that a test can tell them apart."""
    numbers = itertools.count(1)
    return lambda: f"token-{next(numbers):04d}-" + "x" * 40


def add(
    uow: UnitOfWorkFactory,
    username: str,
    role: Role,
    place: str,
    *,
    actor: Actor = CLI,
    totp: bool = False,
    passwords: Argon2Passwords | None = None,
) -> AccountChange:
    return add_user(
        uow,
        actor=actor,
        username=username,
        display_name=username.replace("-", " ").title(),
        grant=Grant(role, place),
        password=PASSWORD,
        second_factor=totp,
        hasher=passwords or CountingPasswords(),
        factor=FACTOR,
        now=NOW,
    )


def secret(change: AccountChange) -> str:
    """The TOTP secret in clear, as the operator's authenticator read it from the URI shown."""
    assert change.totp_uri is not None
    return pyotp.parse_uri(change.totp_uri).secret


def code(change: AccountChange, at: datetime.datetime) -> str:
    """The TOTP code of the account's authenticator at `at`."""
    return pyotp.TOTP(secret(change)).at(at)


def events(uow: UnitOfWorkFactory) -> list[Entry]:
    with uow() as work:
        return list(work.events.entries())
