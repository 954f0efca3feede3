"""Candidacy (`core.candidacy`): an election's calendar and the steps recorded under it."""

from __future__ import annotations

import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    ForeignKeyConstraint,
    Index,
    LargeBinary,
)
from sqlalchemy.orm import Mapped, mapped_column

from sandogh.store.tables.base import Base, Code, Instant


class CandidacyCalendarRow(Base):
    """An election's calendar (`sandogh/calendar@1`, canonical JSON), the latest stored. Not tied
    to a stored definition: candidacy comes before the definition can be written."""

    __tablename__ = "candidacy_calendars"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    canonical: Mapped[bytes] = mapped_column(LargeBinary)
    calendar_hash: Mapped[str] = mapped_column(Code)
    stored_at: Mapped[datetime.datetime] = mapped_column(Instant)


class CandidacyStepRow(Base):
    """A candidacy step (`core.candidacy.records`) as recorded, in order, never changed, with the
    event-log entry that recorded it; an authority's answer is stored once under its id."""

    __tablename__ = "candidacy_steps"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    number: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(Code)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    at: Mapped[datetime.datetime] = mapped_column(Instant)
    by: Mapped[str]
    log_sequence: Mapped[int] = mapped_column(BigInteger)
    log_hash: Mapped[str]
    answer_id: Mapped[str | None] = mapped_column(Code)

    __table_args__ = (
        CheckConstraint("number >= 1", name="number"),
        ForeignKeyConstraint(["election_id"], ["candidacy_calendars.election_id"]),
        Index("uq_candidacy_steps_answer", "election_id", "answer_id", unique=True),
    )
