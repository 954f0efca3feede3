"""The supervisory bodies' decisions: violation cases, voids, certifications, approved voting
modes, and the lots and withdrawals that settle an outcome.
"""

from __future__ import annotations

import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    ForeignKeyConstraint,
    Index,
)
from sqlalchemy.orm import Mapped, mapped_column

from sandogh.store.tables.base import Base, Code, Instant, of_a_unit


class ViolationCaseRow(Base):
    """A violation case as it stands; its course is in the event log."""

    __tablename__ = "violation_cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    election_id: Mapped[str] = mapped_column(Code, index=True)
    kind: Mapped[str]
    status: Mapped[str]
    summary: Mapped[str]
    place: Mapped[str] = mapped_column(Code)
    stations: Mapped[list[str]] = mapped_column(JSON)
    candidates: Mapped[list[list[str]]] = mapped_column(JSON)  # [contest, ballot code] pairs
    reference: Mapped[str | None]
    note: Mapped[str | None]
    opened_by: Mapped[str]
    opened_at: Mapped[datetime.datetime] = mapped_column(Instant)

    __table_args__ = (of_a_unit("place"),)


class VoidRow(Base):
    """A supervisory board's void, in the shape of `core.supervision.void_json`."""

    __tablename__ = "voids"

    id: Mapped[int] = mapped_column(primary_key=True)
    election_id: Mapped[str] = mapped_column(Code, index=True)
    kind: Mapped[str]
    contest: Mapped[str | None] = mapped_column(Code)
    stations: Mapped[list[str]] = mapped_column(JSON)
    candidate: Mapped[str | None] = mapped_column(Code)
    constituency: Mapped[str | None] = mapped_column(Code)
    reason: Mapped[str]
    reference: Mapped[str]
    case_id: Mapped[int | None]
    decided_by: Mapped[str]
    decided_at: Mapped[datetime.datetime] = mapped_column(Instant)
    # the event-log entry that recorded the void: read back only if it is there and matches
    log_sequence: Mapped[int | None] = mapped_column(BigInteger)
    log_hash: Mapped[str | None]

    __table_args__ = (
        ForeignKeyConstraint(["election_id"], ["elections.id"]),
        ForeignKeyConstraint(["case_id"], ["violation_cases.id"]),
    )


class CertificationRow(Base):
    """A certification; undoing it marks it undone and keeps it, with who undid it (in which
    role and place), when, why and by which decision. The board's reason and reference are
    empty in a row made before they were asked."""

    __tablename__ = "certifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    election_id: Mapped[str] = mapped_column(Code, index=True)
    contest: Mapped[str] = mapped_column(Code)
    constituency: Mapped[str | None] = mapped_column(Code)
    certified_by: Mapped[str]
    role: Mapped[str]
    place: Mapped[str] = mapped_column(Code)
    certified_at: Mapped[datetime.datetime] = mapped_column(Instant)
    digest: Mapped[str]
    reason: Mapped[str | None]
    reference: Mapped[str | None]
    undone_by: Mapped[str | None]
    undone_at: Mapped[datetime.datetime | None] = mapped_column(Instant)
    undone_role: Mapped[str | None]
    undone_place: Mapped[str | None] = mapped_column(Code)
    undo_reason: Mapped[str | None]
    undo_reference: Mapped[str | None]
    # the event-log entries that recorded the certification (as for a void) and its undoing
    log_sequence: Mapped[int | None] = mapped_column(BigInteger)
    log_hash: Mapped[str | None]
    undo_log_sequence: Mapped[int | None] = mapped_column(BigInteger)
    undo_log_hash: Mapped[str | None]

    __table_args__ = (ForeignKeyConstraint(["election_id"], ["elections.id"]),)


class ModeApprovalRow(Base):
    """A supervisory body's approval of a voting mode in one constituency of a contest
    (`core.supervision.modes`), with the event-log entry that recorded it."""

    __tablename__ = "mode_approvals"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    contest: Mapped[str] = mapped_column(Code, primary_key=True)
    constituency: Mapped[str] = mapped_column(Code, primary_key=True)
    mode: Mapped[str] = mapped_column(Code, primary_key=True)
    reference: Mapped[str]
    approved_by: Mapped[str]
    body: Mapped[str] = mapped_column(Code)
    approved_at: Mapped[datetime.datetime] = mapped_column(Instant)
    log_sequence: Mapped[int] = mapped_column(BigInteger)
    log_hash: Mapped[str]

    __table_args__ = (ForeignKeyConstraint(["election_id"], ["elections.id"]),)


class OutcomeDecisionRow(Base):
    """A lot or a withdrawal (`core.rules.settled`, `core.candidacy.withdrawal`) as recorded, in
    order, never changed, with the event-log entry that recorded it; `key` (the tie, the
    candidate) is decided once."""

    __tablename__ = "outcome_decisions"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    number: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(Code)
    key: Mapped[str] = mapped_column(Code)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    log_sequence: Mapped[int] = mapped_column(BigInteger)
    log_hash: Mapped[str]

    __table_args__ = (
        CheckConstraint("number >= 1", name="number"),
        ForeignKeyConstraint(["election_id"], ["elections.id"]),
        Index("uq_outcome_decisions_key", "election_id", "key", unique=True),
    )
