"""Who may use the centre and who is kept out: operators' accounts, sessions and standing on
each network; the log-in throttle's counters, the security alerts, and the refusals counted before
a sender was shown to be anyone.
"""

from __future__ import annotations

import datetime

from sqlalchemy import (
    BigInteger,
    ForeignKeyConstraint,
    Index,
    LargeBinary,
)
from sqlalchemy.orm import Mapped, mapped_column

from sandogh.store.tables.base import Base, Code, Instant


class OperatorRow(Base):
    """An operator's account (`services.ports.OperatorAccount`): an argon2id hash, never a
    password; the TOTP secret sealed with the server key (`server.server_key`), since checking a
    code needs it. `totp_secret` holds a secret stored in clear before revision 0011, until
    `sandogh user seal-totp` seals it; the centre refuses to start while one is left."""

    __tablename__ = "operators"

    username: Mapped[str] = mapped_column(Code, primary_key=True)
    display_name: Mapped[str]
    role: Mapped[str]
    place: Mapped[str] = mapped_column(Code)
    # the supervisory body the account acts for (`core.access.bodies`); None: none recorded
    body: Mapped[str | None] = mapped_column(Code)
    password_hash: Mapped[str]
    totp_secret: Mapped[str | None]
    totp_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    totp_step: Mapped[int | None] = mapped_column(BigInteger)
    disabled: Mapped[bool]
    failures: Mapped[int]
    locked_until: Mapped[datetime.datetime | None] = mapped_column(Instant)
    added_at: Mapped[datetime.datetime] = mapped_column(Instant)


class OperatorSessionRow(Base):
    """A signed-in operator, by the SHA-256 of the session's token (the token is never stored)."""

    __tablename__ = "operator_sessions"

    token_hash: Mapped[str] = mapped_column(Code, primary_key=True)
    username: Mapped[str] = mapped_column(Code, index=True)
    csrf_token: Mapped[str]
    started_at: Mapped[datetime.datetime] = mapped_column(Instant)
    last_seen_at: Mapped[datetime.datetime] = mapped_column(Instant)
    expires_at: Mapped[datetime.datetime] = mapped_column(Instant)

    __table_args__ = (ForeignKeyConstraint(["username"], ["operators.username"]),)


class OperatorNetworkRow(Base):
    """An account's standing on one origin network (`services.ports.AccountNetwork`): its own
    lockout there, and when a log-in from there last failed and last succeeded."""

    __tablename__ = "operator_networks"

    username: Mapped[str] = mapped_column(Code, primary_key=True)
    network: Mapped[str] = mapped_column(Code, primary_key=True)
    failures: Mapped[int]
    locked_until: Mapped[datetime.datetime | None] = mapped_column(Instant)
    failed_at: Mapped[datetime.datetime | None] = mapped_column(Instant)
    succeeded_at: Mapped[datetime.datetime | None] = mapped_column(Instant)

    __table_args__ = (ForeignKeyConstraint(["username"], ["operators.username"]),)


class LoginCounterRow(Base):
    """Failed log-ins of one key (an address, a network, all accounts) in one fixed window of the
    throttle (`core.access.throttle`), shared by every process of the centre."""

    __tablename__ = "login_counters"

    key: Mapped[str] = mapped_column(Code, primary_key=True)
    window_start: Mapped[datetime.datetime] = mapped_column(Instant, primary_key=True)
    count: Mapped[int]

    __table_args__ = (Index("ix_login_counters_window_start", "window_start"),)


class SecurityAlertRow(Base):
    """That an attack seems under way: once per kind, subject and window."""

    __tablename__ = "security_alerts"

    kind: Mapped[str] = mapped_column(Code, primary_key=True)
    subject: Mapped[str] = mapped_column(Code, primary_key=True)
    window_start: Mapped[datetime.datetime] = mapped_column(Instant, primary_key=True)
    at: Mapped[datetime.datetime] = mapped_column(Instant, index=True)
    failures: Mapped[int]


class RefusalCountRow(Base):
    """Requests from one source refused for one reason in one minute, before their sender was
    shown to be anyone (`services.refusals`)."""

    __tablename__ = "refusal_counts"

    source: Mapped[str] = mapped_column(Code, primary_key=True)
    minute: Mapped[datetime.datetime] = mapped_column(Instant, primary_key=True)
    reason: Mapped[str] = mapped_column(Code, primary_key=True)
    count: Mapped[int] = mapped_column(BigInteger)

    __table_args__ = (Index("ix_refusal_counts_minute", "minute"),)


class RefusedSourceRow(Base):
    """That a source was refused in a minute: its key tells exactly one refusal it is the first
    (and so the one recorded in the event log)."""

    __tablename__ = "refused_sources"

    source: Mapped[str] = mapped_column(Code, primary_key=True)
    minute: Mapped[datetime.datetime] = mapped_column(Instant, primary_key=True)
