"""The ports of the operators' access: accounts, sessions, failed log-in counters, security
alerts, and the refusals of requests from no one yet known (`services.operators`,
`services.refusals`)."""

from __future__ import annotations

import datetime
from collections.abc import Collection
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from sandogh.core.access import Grant, Lockout


@dataclass(frozen=True)
class OperatorAccount:
    """An operator's account: a grant (role at a place), an argon2id password hash, and, for the
    privileged roles (`core.access.SECOND_FACTOR_ROLES`), a TOTP secret, sealed
    (`services.credentials.SecondFactor`)."""

    username: str
    display_name: str
    grant: Grant
    password_hash: str
    added_at: datetime.datetime
    totp_sealed: bytes | None = None
    totp_step: int | None = None  # the last TOTP time step used: each code is taken once
    disabled: bool = False
    lockout: Lockout = field(default_factory=Lockout)


@dataclass(frozen=True)
class OperatorSession:
    """A signed-in operator. Only the SHA-256 of the session's token is stored, never the token."""

    token_hash: str
    username: str
    csrf_token: str
    started_at: datetime.datetime
    last_seen_at: datetime.datetime
    expires_at: datetime.datetime


@dataclass(frozen=True)
class AccountNetwork:
    """An account's standing on one origin network (`core.access.network_of`): its own lockout
    there, when a log-in from there last failed, and when one last succeeded (None: never, so the
    network is not one the operator uses)."""

    username: str
    network: str
    lockout: Lockout = field(default_factory=Lockout)
    failed_at: datetime.datetime | None = None
    succeeded_at: datetime.datetime | None = None


class AlertKind(StrEnum):
    ACCOUNTS = "accounts"  # failed log-ins against all accounts together passed the threshold
    NETWORK = "network"  # failed log-ins from one network passed its limit
    ACCOUNT = "account"  # one account locked by failures from many networks (lockout.Standing)


@dataclass(frozen=True)
class SecurityAlert:
    """That an attack seems under way; one per kind, subject and window of the throttle."""

    kind: AlertKind
    subject: str  # the network (CIDR), the username, or `*` for all accounts
    window_start: datetime.datetime
    at: datetime.datetime
    failures: int


class OperatorRepository(Protocol):
    """Operators' accounts and sessions, the failed log-in counters and the security alerts."""

    def add(self, account: OperatorAccount) -> None:
        """Callers check first that the username is free."""

    def get(self, username: str) -> OperatorAccount | None: ...

    def get_for_update(self, username: str) -> OperatorAccount | None:
        """The account, its row held by this unit of work to its end, so that concurrent log-ins
        each count their failure."""

    def save(self, account: OperatorAccount) -> None:
        """Replace the stored account of that username."""

    def all(self) -> list[OperatorAccount]:
        """Every account, by username."""

    def clear_totp(self) -> dict[str, str]:
        """The TOTP secrets still stored in clear (from before they were sealed), by username."""

    def seal_totp(self, username: str, sealed: bytes) -> None:
        """Store the account's TOTP secret sealed, in place of its secret in clear."""

    def add_session(self, session: OperatorSession) -> None: ...

    def session(self, token_hash: str) -> OperatorSession | None: ...

    def touch_session(self, token_hash: str, at: datetime.datetime) -> None: ...

    def end_session(self, token_hash: str) -> bool:
        """False when there was no such session."""

    def end_sessions(self, username: str) -> int:
        """End every session of the account; how many there were."""

    def counts(
        self, counters: Collection[tuple[str, datetime.datetime]]
    ) -> dict[tuple[str, datetime.datetime], int]:
        """The failure counters (key, start of their window) that are above 0."""

    def count(self, counters: Collection[tuple[str, datetime.datetime]]) -> None:
        """Add one failure to each counter (key, start of its window); concurrent units of work
        each add theirs."""

    def forget_counts(self, before: datetime.datetime) -> None:
        """Drop the counters of windows that start before `before`."""

    def network(self, username: str, network: str) -> AccountNetwork | None:
        """The account's standing on `network`, if a log-in from there was ever counted."""

    def save_network(self, standing: AccountNetwork) -> None:
        """Store the account's standing on its network, in place of any stored."""

    def failing_networks(self, username: str, since: datetime.datetime) -> int:
        """How many networks hold failures against the account, the last at or after `since`."""

    def clear_networks(self, username: str) -> int:
        """Forget the failures against the account on every network (not where it logged in
        from); how many networks held some."""

    def raise_alert(self, alert: SecurityAlert) -> bool:
        """Store the alert unless one of its kind, subject and window is stored: True if stored."""

    def alerts(
        self,
        since: datetime.datetime,
        *,
        kind: AlertKind | None = None,
        subject: str | None = None,
    ) -> list[SecurityAlert]:
        """The alerts raised at or after `since` (of that kind and subject, if given), oldest
        first."""

    def unit_parents(self) -> list[tuple[str, str | None]]:
        """(code, parent) of every unit of every stored election day, the days by id: the places
        operators are scoped to (`core.access.Places.of`)."""


@dataclass(frozen=True)
class RefusalCount:
    """How many requests from `source` (an address) were refused for `reason` in the minute that
    starts at `minute`, before their sender was shown to be anyone (`services.refusals`)."""

    source: str
    minute: datetime.datetime
    reason: str
    count: int


class RefusalRepository(Protocol):
    """The refusals of unauthenticated requests, counted per source, minute and reason."""

    def count(self, source: str, minute: datetime.datetime, reason: str) -> bool:
        """Count one refusal: True if it is the first from `source` in `minute`, whatever the
        reason (decided by a unique key, so exactly one caller is told so)."""

    def counts(self, since: datetime.datetime, limit: int) -> list[RefusalCount]:
        """At most `limit` counts of the minutes from `since` on: the newest minutes first, and
        in a minute the largest counts first."""
