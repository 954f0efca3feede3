"""Operators in the store: accounts, sessions, failed log-in counters and security alerts.

The counters and alerts are written with the databases' own upsert (`INSERT … ON CONFLICT`, on
SQLite and PostgreSQL alike), so that concurrent failures from several processes of the centre
each add one and an alert is stored once, without a read first; an account read for update holds
its row on PostgreSQL (`SELECT … FOR UPDATE`; on SQLite the unit of work already holds the write
lock).
"""

from __future__ import annotations

import datetime
from collections.abc import Collection
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from sandogh.core.access import Body, Grant, Lockout, Role
from sandogh.services.ports import (
    AccountNetwork,
    AlertKind,
    OperatorAccount,
    OperatorSession,
    SecurityAlert,
)
from sandogh.store.errors import ConstraintError
from sandogh.store.integrity import translated
from sandogh.store.tables import (
    LoginCounterRow,
    OperatorNetworkRow,
    OperatorRow,
    OperatorSessionRow,
    SecurityAlertRow,
    UnitRow,
)

# Built once: a flood of log-ins runs these thousands of times a second.
_ACCOUNT = select(OperatorRow).where(OperatorRow.username == bindparam("username"))
_ACCOUNT_FOR_UPDATE = _ACCOUNT.with_for_update()
_COUNTS = select(LoginCounterRow.key, LoginCounterRow.window_start, LoginCounterRow.count).where(
    LoginCounterRow.key.in_(bindparam("keys", expanding=True)),
    LoginCounterRow.window_start.in_(bindparam("windows", expanding=True)),
)
_DIALECTS = {"postgresql": postgresql, "sqlite": sqlite}
_COUNT = {
    name: dialect.insert(LoginCounterRow).on_conflict_do_update(
        index_elements=[LoginCounterRow.key, LoginCounterRow.window_start],
        set_={"count": LoginCounterRow.count + 1},
    )
    for name, dialect in _DIALECTS.items()
}
_SAVE_NETWORK = {
    name: dialect.insert(OperatorNetworkRow).on_conflict_do_update(
        index_elements=[OperatorNetworkRow.username, OperatorNetworkRow.network],
        set_={
            column: getattr(dialect.insert(OperatorNetworkRow).excluded, column)
            for column in ("failures", "locked_until", "failed_at", "succeeded_at")
        },
    )
    for name, dialect in _DIALECTS.items()
}
# SQLAlchemy keeps an INSERT's row count only when asked to.
_ALERT = {
    name: dialect.insert(SecurityAlertRow)
    .on_conflict_do_nothing()
    .execution_options(preserve_rowcount=True)
    for name, dialect in _DIALECTS.items()
}


def _account(row: Any) -> OperatorAccount:
    return OperatorAccount(
        username=row.username,
        display_name=row.display_name,
        grant=Grant(Role(row.role), row.place, None if row.body is None else Body(row.body)),
        password_hash=row.password_hash,
        added_at=row.added_at,
        totp_sealed=row.totp_sealed,
        totp_step=row.totp_step,
        disabled=row.disabled,
        lockout=Lockout(row.failures, row.locked_until),
    )


def _account_row(account: OperatorAccount) -> dict[str, Any]:
    return {
        "username": account.username,
        "display_name": account.display_name,
        "role": account.grant.role.value,
        "place": account.grant.place,
        "body": None if account.grant.body is None else account.grant.body.value,
        "password_hash": account.password_hash,
        "totp_sealed": account.totp_sealed,
        "totp_step": account.totp_step,
        "disabled": account.disabled,
        "failures": account.lockout.failures,
        "locked_until": account.lockout.locked_until,
        "added_at": account.added_at,
    }


def _session(row: Any) -> OperatorSession:
    return OperatorSession(
        row.token_hash,
        row.username,
        row.csrf_token,
        row.started_at,
        row.last_seen_at,
        row.expires_at,
    )


class SqlOperatorRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._postgresql = connection.dialect.name == "postgresql"
        self._count = _COUNT[connection.dialect.name]
        self._alert = _ALERT[connection.dialect.name]
        self._save_network = _SAVE_NETWORK[connection.dialect.name]

    # accounts

    def add(self, account: OperatorAccount) -> None:
        with translated():
            self._connection.execute(insert(OperatorRow), _account_row(account))

    def get(self, username: str) -> OperatorAccount | None:
        row = self._connection.execute(_ACCOUNT, {"username": username}).one_or_none()
        return None if row is None else _account(row)

    def get_for_update(self, username: str) -> OperatorAccount | None:
        query = _ACCOUNT_FOR_UPDATE if self._postgresql else _ACCOUNT
        row = self._connection.execute(query, {"username": username}).one_or_none()
        return None if row is None else _account(row)

    def save(self, account: OperatorAccount) -> None:
        row = _account_row(account)
        statement = update(OperatorRow).where(OperatorRow.username == row.pop("username"))
        if self._connection.execute(statement.values(row)).rowcount == 0:
            raise ConstraintError(f"no account {account.username!r} is stored")

    def all(self) -> list[OperatorAccount]:
        query = select(OperatorRow).order_by(OperatorRow.username)
        return [_account(row) for row in self._connection.execute(query)]

    # sessions

    def clear_totp(self) -> dict[str, str]:
        rows = self._connection.execute(
            select(OperatorRow.username, OperatorRow.totp_secret).where(
                OperatorRow.totp_secret.is_not(None)
            )
        )
        return {row.username: row.totp_secret for row in rows}

    def seal_totp(self, username: str, sealed: bytes) -> None:
        self._connection.execute(
            update(OperatorRow)
            .where(OperatorRow.username == username)
            .values(totp_sealed=sealed, totp_secret=None)
        )

    def add_session(self, session: OperatorSession) -> None:
        row = {
            "token_hash": session.token_hash,
            "username": session.username,
            "csrf_token": session.csrf_token,
            "started_at": session.started_at,
            "last_seen_at": session.last_seen_at,
            "expires_at": session.expires_at,
        }
        with translated():
            self._connection.execute(insert(OperatorSessionRow), row)

    def session(self, token_hash: str) -> OperatorSession | None:
        query = select(OperatorSessionRow).where(OperatorSessionRow.token_hash == token_hash)
        row = self._connection.execute(query).one_or_none()
        return None if row is None else _session(row)

    def touch_session(self, token_hash: str, at: datetime.datetime) -> None:
        self._connection.execute(
            update(OperatorSessionRow)
            .where(OperatorSessionRow.token_hash == token_hash)
            .values(last_seen_at=at)
        )

    def end_session(self, token_hash: str) -> bool:
        statement = delete(OperatorSessionRow).where(OperatorSessionRow.token_hash == token_hash)
        return bool(self._connection.execute(statement).rowcount)

    def end_sessions(self, username: str) -> int:
        statement = delete(OperatorSessionRow).where(OperatorSessionRow.username == username)
        return int(self._connection.execute(statement).rowcount)

    # counters

    def counts(
        self, counters: Collection[tuple[str, datetime.datetime]]
    ) -> dict[tuple[str, datetime.datetime], int]:
        keys = sorted({key for key, _ in counters})
        windows = sorted({window for _, window in counters})
        rows = self._connection.execute(_COUNTS, {"keys": keys, "windows": windows})
        wanted = set(counters)
        found = {(key, window): count for key, window, count in rows}
        return {pair: count for pair, count in found.items() if pair in wanted and count}

    def count(self, counters: Collection[tuple[str, datetime.datetime]]) -> None:
        # in one order, so that two transactions never wait for each other's rows crosswise
        rows = [{"key": key, "window_start": at, "count": 1} for key, at in sorted(set(counters))]
        self._connection.execute(self._count, rows)

    def forget_counts(self, before: datetime.datetime) -> None:
        self._connection.execute(
            delete(LoginCounterRow).where(LoginCounterRow.window_start < before)
        )

    # networks

    def network(self, username: str, network: str) -> AccountNetwork | None:
        query = select(OperatorNetworkRow).where(
            OperatorNetworkRow.username == username, OperatorNetworkRow.network == network
        )
        row = self._connection.execute(query).one_or_none()
        if row is None:
            return None
        lockout = Lockout(row.failures, row.locked_until)
        return AccountNetwork(username, network, lockout, row.failed_at, row.succeeded_at)

    def save_network(self, standing: AccountNetwork) -> None:
        row = {
            "username": standing.username,
            "network": standing.network,
            "failures": standing.lockout.failures,
            "locked_until": standing.lockout.locked_until,
            "failed_at": standing.failed_at,
            "succeeded_at": standing.succeeded_at,
        }
        with translated():
            self._connection.execute(self._save_network, row)

    def failing_networks(self, username: str, since: datetime.datetime) -> int:
        query = select(func.count()).where(
            OperatorNetworkRow.username == username,
            OperatorNetworkRow.failures > 0,
            OperatorNetworkRow.failed_at >= since,
        )
        return int(self._connection.execute(query).scalar_one())

    def clear_networks(self, username: str) -> int:
        statement = (
            update(OperatorNetworkRow)
            .where(
                OperatorNetworkRow.username == username,
                (OperatorNetworkRow.failures > 0) | OperatorNetworkRow.locked_until.is_not(None),
            )
            .values(failures=0, locked_until=None)
        )
        return int(self._connection.execute(statement).rowcount)

    # alerts

    def raise_alert(self, alert: SecurityAlert) -> bool:
        row = {
            "kind": alert.kind.value,
            "subject": alert.subject,
            "window_start": alert.window_start,
            "at": alert.at,
            "failures": alert.failures,
        }
        return bool(self._connection.execute(self._alert, row).rowcount)

    def alerts(
        self,
        since: datetime.datetime,
        *,
        kind: AlertKind | None = None,
        subject: str | None = None,
    ) -> list[SecurityAlert]:
        query = select(SecurityAlertRow).where(SecurityAlertRow.at >= since)
        if kind is not None:
            query = query.where(SecurityAlertRow.kind == kind.value)
        if subject is not None:
            query = query.where(SecurityAlertRow.subject == subject)
        query = query.order_by(SecurityAlertRow.at, SecurityAlertRow.subject)
        return [
            SecurityAlert(AlertKind(r.kind), r.subject, r.window_start, r.at, r.failures)
            for r in self._connection.execute(query)
        ]

    # places

    def unit_parents(self) -> list[tuple[str, str | None]]:
        query = select(UnitRow.code, UnitRow.parent).order_by(UnitRow.election_id)
        return [(row.code, row.parent) for row in self._connection.execute(query)]
