"""A risk-limiting audit: its manifest and plan, its rounds, what its boards read and the full
hand counts it leads to (docs/audit.md §7).
"""

from __future__ import annotations

import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKeyConstraint,
    LargeBinary,
)
from sqlalchemy.orm import Mapped, mapped_column

from sandogh.store.tables.base import Base, Code, Instant


class AuditRow(Base):
    """An election's risk-limiting audit: the manifest and plan as published (canonical JSON,
    docs/audit.md §7) and the seed record once rolled, once."""

    __tablename__ = "audits"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    contests: Mapped[list[str]] = mapped_column(JSON)
    risk_limit: Mapped[str]  # "numerator/denominator"
    manifest: Mapped[bytes] = mapped_column(LargeBinary)
    manifest_hash: Mapped[str] = mapped_column(Code)
    plan: Mapped[bytes] = mapped_column(LargeBinary)
    seed: Mapped[bytes | None] = mapped_column(LargeBinary)
    started_at: Mapped[datetime.datetime] = mapped_column(Instant)

    __table_args__ = (ForeignKeyConstraint(["election_id"], ["elections.id"]),)


class AuditRoundRow(Base):
    """A round of an audit: each sample's total after it and, once closed, its record and hash."""

    __tablename__ = "audit_rounds"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    number: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    sizes: Mapped[dict[str, int]] = mapped_column(JSON)
    asked: Mapped[dict[str, int]] = mapped_column(JSON)
    drawn_at: Mapped[datetime.datetime] = mapped_column(Instant)
    record: Mapped[bytes | None] = mapped_column(LargeBinary)
    hash: Mapped[str | None]

    __table_args__ = (
        ForeignKeyConstraint(["election_id"], ["audits.election_id"]),
        CheckConstraint("number >= 1", name="number"),
        CheckConstraint("(record IS NULL) = (hash IS NULL)", name="closed"),
    )


class AuditReadingRow(Base):
    """What a board entered for one drawn paper (`sample` empty) or station, once; `code` is
    erased when the round closes and `record` joined (docs/audit.md §7, secrecy)."""

    __tablename__ = "audit_readings"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    sample: Mapped[str] = mapped_column(Code, primary_key=True)
    unit: Mapped[str] = mapped_column(Code, primary_key=True)
    round: Mapped[int]
    shows: Mapped[Any] = mapped_column(JSON, nullable=True)
    code: Mapped[str | None]
    record: Mapped[Any] = mapped_column(JSON, nullable=True)
    entered_at: Mapped[datetime.datetime] = mapped_column(Instant)
    entered_by: Mapped[str]

    __table_args__ = (
        ForeignKeyConstraint(
            ["election_id", "round"], ["audit_rounds.election_id", "audit_rounds.number"]
        ),
    )


class AuditHandCountRow(Base):
    """A full hand count's totals for one contest of an audit, pending certification or
    certified as a hand-count correction (the certifier, their grant, when, why, the audit
    record it came from and the log entry that recorded it)."""

    __tablename__ = "audit_hand_counts"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    contest: Mapped[str] = mapped_column(Code, primary_key=True)
    counts: Mapped[dict[str, Any]] = mapped_column(JSON)
    entered_at: Mapped[datetime.datetime] = mapped_column(Instant)
    entered_by: Mapped[str]
    status: Mapped[str]
    certified_by: Mapped[str | None]
    certified_role: Mapped[str | None]
    certified_place: Mapped[str | None]
    certified_at: Mapped[datetime.datetime | None] = mapped_column(Instant)
    reason: Mapped[str | None]
    audit_hash: Mapped[str | None]
    log_sequence: Mapped[int | None]
    log_hash: Mapped[str | None]

    __table_args__ = (
        ForeignKeyConstraint(["election_id"], ["audits.election_id"]),
        CheckConstraint("status IN ('pending-certification', 'certified')", name="status"),
    )
