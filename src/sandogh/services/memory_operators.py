"""The in-memory `OperatorRepository` of `services.memory`: accounts, sessions, failure counters
and alerts, kept to the same contract as the SQL store (tests/store/test_operators.py).

Like the rest of the fake, a unit of work's writes are its own until `commit()`; the counters add
this unit of work's increments to what is committed then, so that concurrent failures all count
as the SQL store's `count = count + 1` does. Rows are not locked (`get_for_update` is `get`).
"""

from __future__ import annotations

import dataclasses
import datetime
import threading
from collections.abc import Collection
from dataclasses import dataclass, field

from sandogh.core.access import Lockout
from sandogh.services.ports import (
    AccountNetwork,
    AlertKind,
    ElectionRepository,
    OperatorAccount,
    OperatorSession,
    SecurityAlert,
)

_AlertKey = tuple[AlertKind, str, datetime.datetime]


@dataclass
class OperatorTables:
    """What is committed; one per `MemoryStore`."""

    accounts: dict[str, OperatorAccount] = field(default_factory=dict)
    sessions: dict[str, OperatorSession] = field(default_factory=dict)
    counts: dict[tuple[str, datetime.datetime], int] = field(default_factory=dict)
    alerts: dict[_AlertKey, SecurityAlert] = field(default_factory=dict)
    networks: dict[tuple[str, str], AccountNetwork] = field(default_factory=dict)
    #: TOTP secrets stored in clear before they were sealed, as an old database holds them
    clear_totp: dict[str, str] = field(default_factory=dict)


class MemoryOperators:
    def __init__(
        self,
        tables: OperatorTables,
        lock: threading.Lock,
        elections: ElectionRepository,
        *,
        duplicate: type[Exception],
        refused: type[Exception],
    ) -> None:
        """`duplicate` and `refused` are the fake's errors for a key already stored and for a row
        naming an account that is not (`memory.DuplicateError`, `memory.ConstraintError`)."""
        self._tables = tables
        self._lock = lock
        self._elections = elections
        self._duplicate = duplicate
        self._refused = refused
        self._accounts: dict[str, OperatorAccount] = {}
        self._sessions: dict[str, OperatorSession | None] = {}  # None: ended here
        self._counts: dict[tuple[str, datetime.datetime], int] = {}  # this unit's increments
        self._sealed: set[str] = set()
        self._forget_before: datetime.datetime | None = None
        self._alerts: dict[_AlertKey, SecurityAlert] = {}
        self._networks: dict[tuple[str, str], AccountNetwork] = {}

    # accounts

    def add(self, account: OperatorAccount) -> None:
        if self.get(account.username) is not None:
            raise self._duplicate(f"account {account.username!r} is already stored")
        self._accounts[account.username] = account

    def get(self, username: str) -> OperatorAccount | None:
        if username in self._accounts:
            return self._accounts[username]
        with self._lock:
            return self._tables.accounts.get(username)

    def get_for_update(self, username: str) -> OperatorAccount | None:
        return self.get(username)

    def save(self, account: OperatorAccount) -> None:
        if self.get(account.username) is None:
            raise self._refused(f"no account {account.username!r} is stored")
        self._accounts[account.username] = account

    def all(self) -> list[OperatorAccount]:
        with self._lock:
            merged = {**self._tables.accounts, **self._accounts}
        return [merged[name] for name in sorted(merged)]

    def clear_totp(self) -> dict[str, str]:
        with self._lock:
            clear = dict(self._tables.clear_totp)
        return {name: secret for name, secret in clear.items() if name not in self._sealed}

    def seal_totp(self, username: str, sealed: bytes) -> None:
        account = self.get(username)
        if account is not None:
            self.save(dataclasses.replace(account, totp_sealed=sealed))
            self._sealed.add(username)

    # sessions

    def add_session(self, session: OperatorSession) -> None:
        if self.get(session.username) is None:
            raise self._refused(f"no account {session.username!r} is stored")
        if self.session(session.token_hash) is not None:
            raise self._duplicate("a session of that token is already stored")
        self._sessions[session.token_hash] = session

    def session(self, token_hash: str) -> OperatorSession | None:
        if token_hash in self._sessions:
            return self._sessions[token_hash]
        with self._lock:
            return self._tables.sessions.get(token_hash)

    def touch_session(self, token_hash: str, at: datetime.datetime) -> None:
        session = self.session(token_hash)
        if session is not None:
            self._sessions[token_hash] = dataclasses.replace(session, last_seen_at=at)

    def end_session(self, token_hash: str) -> bool:
        ended = self.session(token_hash) is not None
        self._sessions[token_hash] = None
        return ended

    def end_sessions(self, username: str) -> int:
        with self._lock:
            merged = {**self._tables.sessions, **self._sessions}
        mine = [key for key, session in merged.items() if session and session.username == username]
        for key in mine:
            self._sessions[key] = None
        return len(mine)

    # counters

    def counts(
        self, counters: Collection[tuple[str, datetime.datetime]]
    ) -> dict[tuple[str, datetime.datetime], int]:
        with self._lock:
            found = {pair: self._tables.counts.get(pair, 0) for pair in counters}
        for pair in counters:
            found[pair] += self._counts.get(pair, 0)
        return {pair: count for pair, count in found.items() if count}

    def count(self, counters: Collection[tuple[str, datetime.datetime]]) -> None:
        for pair in counters:
            self._counts[pair] = self._counts.get(pair, 0) + 1

    def forget_counts(self, before: datetime.datetime) -> None:
        self._forget_before = before

    # networks

    def network(self, username: str, network: str) -> AccountNetwork | None:
        key = (username, network)
        if key in self._networks:
            return self._networks[key]
        with self._lock:
            return self._tables.networks.get(key)

    def save_network(self, standing: AccountNetwork) -> None:
        if self.get(standing.username) is None:
            raise self._refused(f"no account {standing.username!r} is stored")
        self._networks[standing.username, standing.network] = standing

    def failing_networks(self, username: str, since: datetime.datetime) -> int:
        return sum(
            1
            for standing in self._merged_networks(username)
            if standing.lockout.failures and standing.failed_at and standing.failed_at >= since
        )

    def clear_networks(self, username: str) -> int:
        failing = [s for s in self._merged_networks(username) if s.lockout != Lockout()]
        for standing in failing:
            self.save_network(dataclasses.replace(standing, lockout=Lockout()))
        return len(failing)

    def _merged_networks(self, username: str) -> list[AccountNetwork]:
        with self._lock:
            merged = {**self._tables.networks, **self._networks}
        return [standing for (name, _), standing in merged.items() if name == username]

    # alerts

    def raise_alert(self, alert: SecurityAlert) -> bool:
        key = (alert.kind, alert.subject, alert.window_start)
        with self._lock:
            taken = key in self._tables.alerts
        if taken or key in self._alerts:
            return False
        self._alerts[key] = alert
        return True

    def alerts(
        self,
        since: datetime.datetime,
        *,
        kind: AlertKind | None = None,
        subject: str | None = None,
    ) -> list[SecurityAlert]:
        with self._lock:
            merged = [*self._tables.alerts.values(), *self._alerts.values()]
        wanted = (
            a
            for a in merged
            if a.at >= since
            and (kind is None or a.kind is kind)
            and (subject is None or a.subject == subject)
        )
        return sorted(wanted, key=lambda a: (a.at, a.subject))

    # places

    def unit_parents(self) -> list[tuple[str, str | None]]:
        links: list[tuple[str, str | None]] = []
        for election_id in sorted(self._elections.ids()):
            stored = self._elections.get(election_id)
            if stored is not None:
                links += [(unit.code, unit.parent) for unit in stored.election.units]
        return links

    # the unit of work's end; called holding the store's lock

    def commit(self) -> None:
        tables = self._tables
        tables.accounts.update(self._accounts)
        for key, session in self._sessions.items():
            if session is None:
                tables.sessions.pop(key, None)
            else:
                tables.sessions[key] = session
        for pair, added in self._counts.items():
            tables.counts[pair] = tables.counts.get(pair, 0) + added
        if self._forget_before is not None:
            before = self._forget_before
            for pair in [pair for pair in tables.counts if pair[1] < before]:
                del tables.counts[pair]
        for alert_key, alert in self._alerts.items():
            tables.alerts.setdefault(alert_key, alert)
        tables.networks.update(self._networks)
        for username in self._sealed:
            tables.clear_totp.pop(username, None)
        self.discard()

    def discard(self) -> None:
        self._accounts.clear()
        self._sessions.clear()
        self._counts.clear()
        self._forget_before = None
        self._alerts.clear()
        self._networks.clear()
        self._sealed.clear()
