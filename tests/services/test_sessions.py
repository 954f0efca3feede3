"""Logging in and the brute-force defence, on memory, SQLite and PostgreSQL: sessions, TOTP,
identical refusals after identical work, lockout with backoff, throttling by address and network,
the attack alerts, and a log that never holds a password, a token or a code."""

from __future__ import annotations

import dataclasses
import datetime
import json

import pyotp
import pytest

from sandogh.core.access import LockoutPolicy, Role, ThrottlePolicy, Window
from sandogh.core.log import Disposition, EventType, entry_record
from sandogh.services.operators import disable_user
from sandogh.services.ports import AlertKind
from sandogh.services.sessions import (
    Attempt,
    Defences,
    LoginError,
    SessionPolicy,
    SignedIn,
    check_session,
    log_in,
    log_out,
    record_throttled,
    rehash_if_needed,
    token_hash,
)
from sandogh.services.throttle import Origin

from .build import NOW
from .conftest import NewUnitOfWork
from .operators_build import (
    CLI,
    FACTOR,
    PASSWORD,
    CountingPasswords,
    add,
    code,
    events,
    secret,
    token_source,
)

HOME = Origin("192.0.2.10", "192.0.2.0/24")
DEFENCES = Defences()
TOKENS = token_source()
MINUTE = datetime.timedelta(minutes=1)


def attempt(
    username: str, password: str = PASSWORD, totp: str | None = None, origin: Origin = HOME
) -> Attempt:
    return Attempt(username, password, totp, origin)


def log(
    uow: NewUnitOfWork,
    what: Attempt,
    *,
    passwords: CountingPasswords | None = None,
    at: datetime.datetime = NOW,
    defences: Defences = DEFENCES,
) -> SignedIn:
    return log_in(
        uow,
        what,
        hasher=passwords or CountingPasswords(),
        factor=FACTOR,
        new_token=TOKENS,
        now=at,
        defences=defences,
    )


def refused(
    uow: NewUnitOfWork,
    what: Attempt,
    *,
    passwords: CountingPasswords | None = None,
    at: datetime.datetime = NOW,
    defences: Defences = DEFENCES,
) -> LoginError:
    with pytest.raises(LoginError) as failure:
        log(uow, what, passwords=passwords, at=at, defences=defences)
    return failure.value


def of_type(uow: NewUnitOfWork, kind: EventType) -> list[dict[str, object]]:
    return [
        entry_record(e)["event"]  # type: ignore[misc]
        for e in events(uow)
        if e.event.type is kind
    ]


def test_a_log_in_opens_a_session_stored_by_its_hash(uow: NewUnitOfWork) -> None:
    add(uow, "baft-hq", Role.COUNTY_HQ, "IR-08-0801")
    signed_in = log(uow, attempt("baft-hq"))
    assert signed_in.token is not None
    assert signed_in.session.token_hash == token_hash(signed_in.token)
    assert signed_in.session.csrf_token not in (signed_in.token, signed_in.session.token_hash)
    assert signed_in.session.expires_at == NOW + datetime.timedelta(hours=12)
    with uow() as work:
        assert work.operators.session(signed_in.token) is None  # never the token itself
    found = check_session(uow, signed_in.token, now=NOW + MINUTE)
    assert found is not None
    assert found.account.username == "baft-hq"
    (success,) = of_type(uow, EventType.LOGIN_SUCCEEDED)
    assert success["actor"] == "baft-hq"
    assert success["place"] == "IR-08-0801"
    assert success["details"] == {"address": "192.0.2.10"}
    assert log_out(uow, signed_in.token, address="192.0.2.10", now=NOW + 2 * MINUTE)
    assert check_session(uow, signed_in.token, now=NOW + MINUTE) is None
    assert not log_out(uow, signed_in.token, address="192.0.2.10", now=NOW + 3 * MINUTE)
    (out,) = of_type(uow, EventType.LOGGED_OUT)  # recorded once, by whom and from where
    assert (out["actor"], out["role"], out["place"]) == ("baft-hq", "county-hq", "IR-08-0801")
    assert out["details"] == {"address": "192.0.2.10"}


def test_a_session_ends_when_idle_when_old_or_when_disabled(uow: NewUnitOfWork) -> None:
    add(uow, "baft-hq", Role.COUNTY_HQ, "IR-08-0801")
    policy = SessionPolicy()
    idle = log(uow, attempt("baft-hq")).token
    assert idle is not None
    assert check_session(uow, idle, now=NOW + policy.idle) is None
    busy = log(uow, attempt("baft-hq")).token
    assert busy is not None
    at = NOW
    while at + policy.idle - MINUTE < NOW + policy.lifetime:
        at += policy.idle - MINUTE
        assert check_session(uow, busy, now=at) is not None, at
    assert check_session(uow, busy, now=NOW + policy.lifetime) is None
    last = log(uow, attempt("baft-hq")).token
    assert last is not None
    touched = check_session(uow, last, now=NOW + 2 * MINUTE)
    assert touched is not None
    assert touched.session.last_seen_at == NOW + 2 * MINUTE
    # within a minute of the last touch nothing is written
    again = check_session(uow, last, now=NOW + 2 * MINUTE + datetime.timedelta(seconds=30))
    assert again is not None
    assert again.session.last_seen_at == NOW + 2 * MINUTE
    disabled = disable_user(uow, actor=CLI, username="baft-hq", now=NOW)
    assert disabled.account.disabled
    assert check_session(uow, last, now=NOW + 3 * MINUTE) is None


def test_privileged_roles_log_in_with_a_code_used_once(uow: NewUnitOfWork) -> None:
    added = add(uow, "kerman-hq", Role.PROVINCIAL_HQ, "IR-08")
    refused(uow, attempt("kerman-hq"))  # no code
    wrong = f"{(int(code(added, NOW)) + 1) % 1_000_000:06d}"
    refused(uow, attempt("kerman-hq", totp=wrong))
    drifted = code(added, NOW - datetime.timedelta(seconds=30))  # the phone is a step behind
    assert log(uow, attempt("kerman-hq", totp=drifted)).account.totp_step is not None
    refused(uow, attempt("kerman-hq", totp=drifted))  # replayed
    assert log(uow, attempt("kerman-hq", totp=code(added, NOW)))
    causes = [e["details"]["cause"] for e in of_type(uow, EventType.LOGIN_FAILED)]  # type: ignore[index]
    assert causes == ["second-factor"] * 3


def test_every_failure_looks_the_same_and_costs_one_password_check(uow: NewUnitOfWork) -> None:
    add(uow, "baft-hq", Role.COUNTY_HQ, "IR-08-0801")
    add(uow, "bam-hq", Role.COUNTY_HQ, "IR-08-0802")
    disable_user(uow, actor=CLI, username="bam-hq", now=NOW)
    for _ in range(5):
        refused(uow, attempt("baft-hq", "not the password"))  # locks it
    passwords = CountingPasswords()
    failures = [
        refused(uow, what, passwords=passwords)
        for what in (
            attempt("nobody"),  # no such account
            attempt("bam-hq"),  # disabled
            attempt("baft-hq"),  # locked, even with its password
            attempt("baft-hq", "wrong", origin=Origin("198.51.100.1", "198.51.100.0/24")),
        )
    ]
    assert passwords.checked == len(failures)
    assert {(f.throttled, str(f)) for f in failures} == {(False, "the log-in failed")}
    causes = [e["details"]["cause"] for e in of_type(uow, EventType.LOGIN_FAILED)][-4:]  # type: ignore[index]
    # the lock holds on the network the failures came from, not on another (issue 9)
    assert causes == ["unknown-account", "disabled", "locked", "password"]


def test_five_failures_lock_the_account_on_their_network_with_growing_backoff(
    uow: NewUnitOfWork,
) -> None:
    add(uow, "baft-hq", Role.COUNTY_HQ, "IR-08-0801")
    wide = Defences(throttle=ThrottlePolicy(address=Window(1000, MINUTE)))
    for _ in range(5):
        refused(uow, attempt("baft-hq", "guess"), defences=wide)
    (locked,) = of_type(uow, EventType.ACCOUNT_LOCKED)
    assert locked["details"] == {
        "failures": 5,
        "until": (NOW + MINUTE).isoformat(),
        "address": "192.0.2.10",
        "network": "192.0.2.0/24",
    }
    refused(uow, attempt("baft-hq"), defences=wide, at=NOW + MINUTE / 2)
    refused(uow, attempt("baft-hq", "guess"), defences=wide, at=NOW + MINUTE)
    with uow() as work:
        account = work.operators.get("baft-hq")
    assert account is not None
    assert account.lockout.locked_until == NOW + 3 * MINUTE  # two minutes more
    signed_in = log(uow, attempt("baft-hq"), defences=wide, at=NOW + 3 * MINUTE)
    assert signed_in.account.lockout.failures == 0
    assert len(of_type(uow, EventType.ACCOUNT_LOCKED)) == 2


def test_an_address_is_throttled_before_any_password_is_checked(uow: NewUnitOfWork) -> None:
    add(uow, "baft-hq", Role.COUNTY_HQ, "IR-08-0801")
    passwords = CountingPasswords()
    for n in range(10):
        failure = refused(uow, attempt(f"user-{n}"), passwords=passwords)
    assert failure.blocks.keys() == {"address:192.0.2.10"}
    assert failure.retry_at is not None
    throttled = refused(uow, attempt("baft-hq"), passwords=passwords)
    assert throttled.throttled
    assert passwords.checked == 10
    assert throttled.retry_at == failure.retry_at
    # a neighbour in the same network is not throttled yet, and the owner logs in at once
    neighbour = Origin("192.0.2.11", "192.0.2.0/24")
    assert log(uow, attempt("baft-hq", origin=neighbour))
    # once the window has slid past, the address may try again
    assert log(uow, attempt("baft-hq"), at=throttled.retry_at)


def test_a_network_is_throttled_and_an_attack_raises_alerts_once(uow: NewUnitOfWork) -> None:
    add(uow, "baft-hq", Role.COUNTY_HQ, "IR-08-0801")
    policy = ThrottlePolicy(
        address=Window(3, 10 * MINUTE), network=Window(6, 10 * MINUTE), accounts=Window(8, MINUTE)
    )
    defences = Defences(throttle=policy)
    for n in range(6):  # two from each of three addresses: no address reaches its limit
        origin = Origin(f"203.0.113.{n // 2}", "203.0.113.0/24")
        refused(uow, attempt(f"user-{n}", origin=origin), defences=defences)
    another = Origin("203.0.113.99", "203.0.113.0/24")
    blocked = refused(uow, attempt("baft-hq", origin=another), defences=defences)
    assert blocked.throttled
    assert blocked.blocks.keys() == {"network:203.0.113.0/24"}
    for n in range(2):  # failures from elsewhere: together, an attack on the accounts
        origin = Origin(f"198.51.100.{n}", "198.51.100.0/24")
        refused(uow, attempt(f"user-{n}", origin=origin), defences=defences)
    with uow() as work:
        alerts = work.operators.alerts(NOW - MINUTE)
    assert [(a.kind, a.subject) for a in alerts] == [  # raised at one instant: by subject
        (AlertKind.ACCOUNTS, "*"),
        (AlertKind.NETWORK, "203.0.113.0/24"),
    ]
    suspected = of_type(uow, EventType.ATTACK_SUSPECTED)
    assert [e["details"]["kind"] for e in suspected] == ["network", "accounts"]  # type: ignore[index]
    assert suspected[0]["details"] == {
        "kind": "network",
        "subject": "203.0.113.0/24",
        "failures": 6,
        "limit": 6,
        "window_seconds": 600,
    }
    # a legitimate operator elsewhere is not affected by the attack
    assert log(uow, attempt("baft-hq"), defences=defences)


def test_refusals_unheard_are_recorded_in_one_entry(uow: NewUnitOfWork) -> None:
    record_throttled(uow, {"203.0.113.0/24": 900, "2001:db8::/64": 75}, since=NOW, now=NOW + MINUTE)
    (entry,) = of_type(uow, EventType.LOGIN_FAILED)
    assert (entry["actor"], entry["disposition"]) == ("anonymous", Disposition.DENIED.value)
    assert entry["details"] == {
        "throttled": 975,
        "networks": {"2001:db8::/64": 75, "203.0.113.0/24": 900},
        "since": NOW.isoformat(),
    }


def test_a_hash_of_an_old_cost_is_renewed_after_a_log_in(uow: NewUnitOfWork) -> None:
    add(uow, "baft-hq", Role.COUNTY_HQ, "IR-08-0801")
    signed_in = log(uow, attempt("baft-hq"))
    stronger = CountingPasswords(time_cost=2)
    rehash_if_needed(uow, signed_in, PASSWORD, stronger)
    with uow() as work:
        account = work.operators.get("baft-hq")
    assert account is not None
    assert "t=2" in account.password_hash
    assert not stronger.needs_rehash(account.password_hash)
    assert log(uow, attempt("baft-hq"), passwords=stronger)


def test_the_log_never_holds_a_password_a_token_or_a_code(uow: NewUnitOfWork) -> None:
    added = add(uow, "kerman-hq", Role.PROVINCIAL_HQ, "IR-08")
    totp = code(added, NOW)
    refused(uow, attempt("kerman-hq", "a wrong password", totp=totp))
    signed_in = log(uow, attempt("kerman-hq", totp=totp))
    assert signed_in.token is not None
    text = json.dumps([entry_record(e) for e in events(uow)], ensure_ascii=False)
    clear = secret(added)
    for forbidden in (PASSWORD, "a wrong password", totp, clear, signed_in.token):
        assert forbidden not in text
    assert pyotp.TOTP(clear).verify(totp, for_time=NOW)
    assert dataclasses.asdict(signed_in.session)["csrf_token"] not in text
    assert LockoutPolicy().threshold == 5
