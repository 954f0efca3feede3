"""Logging in, checking a session, logging out: the operators' side of the brute-force defence.

DESIGN.md §6 and the issue "Operations centre", item 2. A log-in runs in three steps so that the
slow password hash never holds the database: (1) a read — is the caller's address or network
throttled, and what does the account hold; (2) the argon2id check, outside any transaction, always
exactly one, against a dummy hash of the same cost when there is no such account; (3) one unit of
work that decides on the account as it then stands and records the outcome. A throttled caller is
refused at (1) for every username alike, before any hash; every other failure gives the same
`LoginError` whether the account is unknown, disabled, locked, or the password or TOTP code is
wrong, after the same work, so that neither the answer nor its time tells which. The log records
which (`LOGIN_FAILED`, with the cause and the caller's address), never the password or the code.
Whether the account is locked for the caller's network is `services.lockouts`.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from sandogh.core.access import LockoutPolicy, ThrottlePolicy, needs_second_factor
from sandogh.core.canonical_json import JSONValue
from sandogh.core.errors import SandoghError
from sandogh.core.log import Disposition, Event, EventType
from sandogh.services.credentials import PasswordHasher, SecondFactor
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.services.lockouts import Footing, count_failure_against, footing, succeeded
from sandogh.services.ports import OperatorAccount, OperatorSession, UnitOfWork
from sandogh.services.throttle import NOWHERE, Origin, count_failure, throttled

#: The actor of the log-ins refused unheard: no account was even looked at.
ANONYMOUS = "anonymous"


@dataclass(frozen=True)
class SessionPolicy:
    """A session ends `lifetime` after log-in, or after `idle` without a request; its last use
    is written at most every `touch_every`, so that reading pages does not write each time."""

    lifetime: datetime.timedelta = datetime.timedelta(hours=12)  # an election day's shift
    idle: datetime.timedelta = datetime.timedelta(minutes=30)
    touch_every: datetime.timedelta = datetime.timedelta(minutes=1)


@dataclass(frozen=True)
class Defences:
    lockout: LockoutPolicy = dataclasses.field(default_factory=LockoutPolicy)
    throttle: ThrottlePolicy = dataclasses.field(default_factory=ThrottlePolicy)
    sessions: SessionPolicy = dataclasses.field(default_factory=SessionPolicy)


@dataclass(frozen=True)
class Attempt:
    username: str
    password: str
    code: str | None  # the TOTP code, when one was given
    origin: Origin


class FailureCause(StrEnum):
    """Why a log-in failed: recorded in the log, never told to the caller."""

    UNKNOWN_ACCOUNT = "unknown-account"
    DISABLED = "disabled"
    LOCKED = "locked"
    PASSWORD = "password"
    SECOND_FACTOR = "second-factor"


class LoginError(SandoghError):
    """A refused log-in: `throttled` when refused unheard. `blocks` are the keys of the caller's
    `Origin` that are throttled (now, or from this failure on), each until when."""

    def __init__(self, *, throttled: bool, blocks: Mapping[str, datetime.datetime]) -> None:
        super().__init__("too many failed log-ins" if throttled else "the log-in failed")
        self.throttled = throttled
        self.blocks = blocks

    @property
    def retry_at(self) -> datetime.datetime | None:
        """When the caller may try again (None: at once)."""
        return max(self.blocks.values(), default=None)


@dataclass(frozen=True)
class SignedIn:
    """An operator's session; `token` is handed to them once and stored only as its hash."""

    account: OperatorAccount
    session: OperatorSession
    token: str | None = None


def token_hash(token: str) -> str:
    """How a session token is stored: its SHA-256 (the token carries 256 random bits, so a
    fast hash is enough; a stolen table gives no usable token)."""
    return hashlib.sha256(token.encode()).hexdigest()


def log_in(
    uow: UnitOfWorkFactory,
    attempt: Attempt,
    *,
    hasher: PasswordHasher,
    factor: SecondFactor,
    new_token: Callable[[], str],
    now: datetime.datetime,
    defences: Defences = Defences(),
) -> SignedIn:
    """A new session for the operator, or `LoginError`."""
    with uow() as work:
        blocks = throttled(work, defences.throttle, attempt.origin, now)
        account = None if blocks else work.operators.get(attempt.username)
    if blocks:
        raise LoginError(throttled=True, blocks=blocks)
    stored = None if account is None else account.password_hash
    password_ok = hasher.verify(stored, attempt.password)
    sealed = None if account is None else account.totp_sealed
    step = factor.step(sealed, attempt.username, attempt.code, now)
    with uow() as work:
        account = work.operators.get_for_update(attempt.username)
        found = None
        if account is not None:
            found = footing(work, account, attempt.origin, defences.lockout, now)
        cause = _cause(found, stored, password_ok, step, now)
        if found is not None and cause is None:
            signed_in = _open(
                work, found, step=step, new_token=new_token, now=now, policy=defences.sessions
            )
            _record(work, EventType.LOGIN_SUCCEEDED, attempt, found.account, now=now)
            work.commit()
            return signed_in
        assert cause is not None  # no account is always a cause
        blocks = count_failure(work, defences.throttle, attempt.origin, now)
        if found is not None and cause in (FailureCause.PASSWORD, FailureCause.SECOND_FACTOR):
            count_failure_against(work, found, defences.lockout, attempt.origin, now)
        _record(work, EventType.LOGIN_FAILED, attempt, account, now=now, cause=cause)
        work.commit()
    raise LoginError(throttled=False, blocks=blocks)


def rehash_if_needed(
    uow: UnitOfWorkFactory, signed_in: SignedIn, password: str, hasher: PasswordHasher
) -> None:
    """After a log-in, store the password's hash again if it was made at another cost than the
    hasher's; done apart from the log-in so that a failure never takes longer because of it."""
    stored = signed_in.account.password_hash
    if not hasher.needs_rehash(stored):
        return
    fresh = hasher.hash(password)
    with uow() as work:
        account = work.operators.get_for_update(signed_in.account.username)
        if account is not None and account.password_hash == stored:
            work.operators.save(dataclasses.replace(account, password_hash=fresh))
            work.commit()


def check_session(
    uow: UnitOfWorkFactory,
    token: str,
    *,
    now: datetime.datetime,
    policy: SessionPolicy = SessionPolicy(),
) -> SignedIn | None:
    """The operator whose session `token` opens, or None when there is no such session, it has
    ended, or the account is disabled. An ended session is removed."""
    hashed = token_hash(token)
    with uow() as work:
        session = work.operators.session(hashed)
        if session is None:
            return None
        account = work.operators.get(session.username)
        ended = now >= session.expires_at or now - session.last_seen_at >= policy.idle
        if ended or account is None or account.disabled:
            work.operators.end_session(hashed)
            work.commit()
            return None
        if now - session.last_seen_at >= policy.touch_every:
            work.operators.touch_session(hashed, now)
            work.commit()
            session = dataclasses.replace(session, last_seen_at=now)
    return SignedIn(account, session)


def log_out(uow: UnitOfWorkFactory, token: str, *, address: str, now: datetime.datetime) -> bool:
    """End the session of `token` (asked from `address`) and record `LOGGED_OUT`; False when
    there was no session, and nothing is recorded."""
    hashed = token_hash(token)
    with uow() as work:
        session = work.operators.session(hashed)
        account = None if session is None else work.operators.get(session.username)
        if session is None or account is None or not work.operators.end_session(hashed):
            return False
        grant = account.grant
        details: dict[str, JSONValue] = {"address": address}
        work.events.record(
            Event(
                now,
                account.username,
                grant.role.value,
                grant.place,
                EventType.LOGGED_OUT,
                Disposition.DONE,
                details,
            )
        )
        work.commit()
    return True


def _cause(
    found: Footing | None,
    stored: str | None,
    password_ok: bool,
    step: int | None,
    now: datetime.datetime,
) -> FailureCause | None:
    if found is None:
        return FailureCause.UNKNOWN_ACCOUNT
    account = found.account
    if account.disabled:
        return FailureCause.DISABLED
    if found.standing.locked(now):
        return FailureCause.LOCKED
    # the hash checked must still be the account's: it may have changed since it was read
    if not password_ok or account.password_hash != stored:
        return FailureCause.PASSWORD
    needs_code = account.totp_sealed is not None or needs_second_factor(account.grant.role)
    used = account.totp_step
    if needs_code and (step is None or (used is not None and step <= used)):
        return FailureCause.SECOND_FACTOR  # no code, a wrong one, or one already used
    return None


def _open(
    work: UnitOfWork,
    found: Footing,
    *,
    step: int | None,
    new_token: Callable[[], str],
    now: datetime.datetime,
    policy: SessionPolicy,
) -> SignedIn:
    account = found.account
    token = new_token()
    session = OperatorSession(
        token_hash(token), account.username, new_token(), now, now, now + policy.lifetime
    )
    work.operators.add_session(session)
    totp_step = account.totp_step if step is None else step
    lockout = succeeded(work, found, now)
    fresh = dataclasses.replace(account, lockout=lockout, totp_step=totp_step)
    work.operators.save(fresh)
    return SignedIn(fresh, session, token)


def _record(
    work: UnitOfWork,
    kind: EventType,
    attempt: Attempt,
    account: OperatorAccount | None,
    *,
    now: datetime.datetime,
    cause: FailureCause | None = None,
) -> None:
    details: dict[str, JSONValue] = {"address": attempt.origin.address}
    if cause is not None:
        details["cause"] = cause.value
    role = "" if account is None else account.grant.role.value
    place = NOWHERE if account is None else account.grant.place
    disposition = Disposition.DONE if cause is None else Disposition.DENIED
    event = Event(now, attempt.username, role, place, kind, disposition, details)
    work.events.record(event)


def record_denial(
    uow: UnitOfWorkFactory,
    account: OperatorAccount,
    *,
    action: str,
    place: str,
    request: str,
    now: datetime.datetime,
) -> None:
    """Record that `account` was refused `action` at `place` (`request`: what it asked)."""
    details: dict[str, JSONValue] = {"action": action, "request": request}
    grant = account.grant
    with uow() as work:
        work.events.record(
            Event(
                now,
                account.username,
                grant.role.value,
                place,
                EventType.ACCESS_DENIED,
                Disposition.DENIED,
                details,
            )
        )
        work.commit()


def record_throttled(
    uow: UnitOfWorkFactory,
    refused: Mapping[str, int],
    *,
    since: datetime.datetime,
    now: datetime.datetime,
) -> None:
    """Record, as one `LOGIN_FAILED` entry, the log-ins refused unheard since `since` because
    their network or address was throttled: how many, from which networks. One entry for many
    keeps a flood of guesses from being a flood of writes."""
    details: dict[str, JSONValue] = {
        "throttled": sum(refused.values()),
        "networks": {network: refused[network] for network in sorted(refused)},
        "since": since.isoformat(),
    }
    with uow() as work:
        work.events.record(
            Event(
                now,
                ANONYMOUS,
                "",
                NOWHERE,
                EventType.LOGIN_FAILED,
                Disposition.DENIED,
                details,
            )
        )
        work.commit()
