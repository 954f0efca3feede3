"""TOTP secrets at rest: those an old database stored in clear are sealed once, for their own
account; a database still holding one, or whose sealed secrets the key does not open, is refused
with the command or the key named."""

from __future__ import annotations

import dataclasses
import os

import pyotp
import pytest

from sandogh.core.access import Role
from sandogh.core.log import EventType, entry_record
from sandogh.server.credentials import TotpFactor
from sandogh.server.server_key import ServerKey
from sandogh.services.memory import MemoryStore, MemoryUnitOfWork
from sandogh.services.sessions import Attempt, log_in
from sandogh.services.throttle import Origin
from sandogh.services.totp_at_rest import TotpAtRestError, check_secrets, seal_clear_secrets

from .build import NOW, ROUND_1_DAY, load
from .operators_build import FACTOR, PASSWORD, CountingPasswords, add, events, token_source

CLEAR = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # base32, 160 bits


def test_a_clear_secret_is_refused_until_sealed_then_its_codes_still_log_in() -> None:
    store = MemoryStore()

    def uow() -> MemoryUnitOfWork:
        return MemoryUnitOfWork(store)

    load(uow, ROUND_1_DAY)
    add(uow, "kerman-hq", Role.PROVINCIAL_HQ, "IR-08")
    with uow() as work:  # as an old database held it: in clear, nothing sealed
        account = work.operators.get("kerman-hq")
        assert account is not None
        work.operators.save(dataclasses.replace(account, totp_sealed=None))
        work.commit()
    store.operators.clear_totp["kerman-hq"] = CLEAR
    with pytest.raises(TotpAtRestError, match="sandogh user seal-totp --server-key FILE"):
        check_secrets(uow, FACTOR, key="the tests' key")

    assert seal_clear_secrets(uow, FACTOR, by="cli:root", now=NOW) == ["kerman-hq"]
    check_secrets(uow, FACTOR, key="the tests' key")
    assert seal_clear_secrets(uow, FACTOR, by="cli:root", now=NOW) == []  # once
    code = pyotp.TOTP(CLEAR).at(NOW)
    signed_in = log_in(
        uow,
        Attempt("kerman-hq", PASSWORD, code, Origin("192.0.2.10", "192.0.2.0/24")),
        hasher=CountingPasswords(),
        factor=FACTOR,
        new_token=token_source(),
        now=NOW,
    )
    assert signed_in.account.username == "kerman-hq"
    (sealed,) = [e for e in events(uow) if e.event.type is EventType.TOTP_SEALED]
    assert sealed.event.details == {"username": "kerman-hq"}
    assert (sealed.event.actor, sealed.event.place) == ("cli:root", "IR-08")
    assert CLEAR not in str([entry_record(e) for e in events(uow)])


def test_a_key_that_opens_none_of_the_sealed_secrets_is_refused() -> None:
    store = MemoryStore()

    def uow() -> MemoryUnitOfWork:
        return MemoryUnitOfWork(store)

    load(uow, ROUND_1_DAY)
    check_secrets(uow, TotpFactor(ServerKey(os.urandom(32))), key="k")  # nothing sealed yet
    add(uow, "kerman-hq", Role.PROVINCIAL_HQ, "IR-08")
    check_secrets(uow, FACTOR, key="k")
    with pytest.raises(TotpAtRestError, match=r"the server key other\.key opens none of the 1 "):
        check_secrets(uow, TotpFactor(ServerKey(os.urandom(32))), key="other.key")
