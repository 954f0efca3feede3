"""The operator a simulated day or the live demo enrols its ballot boxes as (issue 9: boxes are
enrolled in an operator's session, never with a shared token): an administrator's account made
for the run alone, with a random password and its own TOTP secret, whose one log-in gives the
session every box of the run is enrolled in."""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass

import pyotp

from sandogh.core.access import Grant, Role
from sandogh.core.definition.model import Election
from sandogh.server.credentials import Argon2Passwords, TotpFactor
from sandogh.server.server_key import ServerKey
from sandogh.server.settings import OperatorSettings
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.services.operators import Actor, add_user
from sandogh.station.centre_http import OperatorLogin, OperatorPass, log_in_operator

USERNAME = "run-enroller"


@dataclass(frozen=True)
class RunOperator:
    username: str
    password: str
    totp_secret: str


def add_run_operator(
    store: UnitOfWorkFactory, election: Election, *, by: str, key: ServerKey
) -> RunOperator:
    """Add the run's enrolling operator, an administrator at the root of `election`'s
    geography, as the command line `by` does, its TOTP secret sealed with the run's `key`."""
    place = next(unit.code for unit in election.units if unit.parent is None)
    password = secrets.token_urlsafe(24)
    change = add_user(
        store,
        actor=Actor(by, None),
        username=USERNAME,
        display_name="the boxes' enroller for this run",
        grant=Grant(Role.ADMIN, place),
        password=password,
        second_factor=True,
        hasher=Argon2Passwords.of(OperatorSettings()),
        factor=TotpFactor(key),
        now=datetime.datetime.now(datetime.UTC),
    )
    assert change.totp_uri is not None  # an administrator always has a second factor
    return RunOperator(USERNAME, password, pyotp.parse_uri(change.totp_uri).secret)


def run_operator_pass(base_url: str, operator: RunOperator, *, timeout: float) -> OperatorPass:
    """The run operator's session at the centre of `base_url`."""
    code = pyotp.TOTP(operator.totp_secret).now()
    login = OperatorLogin(operator.username, operator.password, code)
    return log_in_operator(base_url, login, timeout=timeout)
