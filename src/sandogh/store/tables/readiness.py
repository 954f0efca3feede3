"""Getting the stations ready (`core.readiness`): the boxes of the fleet register, the ballot
papers, the staff and their training, the plans of hard-to-reach stations and their past problems.
"""

from __future__ import annotations

import datetime

from sqlalchemy import (
    CheckConstraint,
    ForeignKeyConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from sandogh.core.readiness import SessionKind
from sandogh.core.readiness import StaffRole as ReadinessRole
from sandogh.store.tables.base import Base, Code, Instant, non_negative, of_a_unit


class ReadinessBoxRow(Base):
    """A ballot box of the fleet register (`core.readiness.Box`)."""

    __tablename__ = "readiness_boxes"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    serial: Mapped[str] = mapped_column(Code, primary_key=True)
    model: Mapped[str]
    software: Mapped[str]
    place: Mapped[str] = mapped_column(Code)
    public_key: Mapped[str | None] = mapped_column(Code)
    last_seen: Mapped[datetime.datetime | None] = mapped_column(Instant)

    __table_args__ = (of_a_unit("place"),)


class ReadinessPapersRow(Base):
    """Ballot papers of one station (`core.readiness.PaperStock`)."""

    __tablename__ = "readiness_papers"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    station: Mapped[str] = mapped_column(Code, primary_key=True)
    sent: Mapped[int]
    received: Mapped[int]
    used: Mapped[int]

    __table_args__ = (
        of_a_unit("station"),
        *(non_negative(column) for column in ("sent", "received", "used")),
    )


class ReadinessStaffRow(Base):
    """Staff of one role at one station (`core.readiness.Staffing`)."""

    __tablename__ = "readiness_staff"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    station: Mapped[str] = mapped_column(Code, primary_key=True)
    role: Mapped[str] = mapped_column(Code, primary_key=True)
    assigned: Mapped[int]
    trained: Mapped[int]

    __table_args__ = (
        of_a_unit("station"),
        *(non_negative(column) for column in ("assigned", "trained")),
    )


class StationWorkerRow(Base):
    """One person of a station's staff, by name and role (`core.readiness.Worker`)."""

    __tablename__ = "station_workers"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    person: Mapped[str] = mapped_column(Code, primary_key=True)
    station: Mapped[str] = mapped_column(Code)
    name: Mapped[str]
    role: Mapped[str] = mapped_column(Code)

    __table_args__ = (
        of_a_unit("station"),
        CheckConstraint(
            "role IN (" + ", ".join(f"'{r.value}'" for r in ReadinessRole) + ")", name="role"
        ),
    )


class StaffSessionRow(Base):
    """A training session or briefing (`core.readiness.Session`); who attended is beside it."""

    __tablename__ = "staff_sessions"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    number: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(Code)
    held: Mapped[datetime.date]
    place: Mapped[str]
    topic: Mapped[str]

    __table_args__ = (
        ForeignKeyConstraint(["election_id"], ["elections.id"]),
        CheckConstraint(
            "kind IN (" + ", ".join(f"'{k.value}'" for k in SessionKind) + ")", name="kind"
        ),
    )


class StaffAttendanceRow(Base):
    """That a person of the roster attended a session."""

    __tablename__ = "staff_attendance"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    number: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    person: Mapped[str] = mapped_column(Code, primary_key=True)

    __table_args__ = (
        ForeignKeyConstraint(
            ["election_id", "number"], ["staff_sessions.election_id", "staff_sessions.number"]
        ),
        ForeignKeyConstraint(
            ["election_id", "person"], ["station_workers.election_id", "station_workers.person"]
        ),
    )


class RemotePlanRow(Base):
    """A hard-to-reach station's plan for the day (`core.readiness.RemotePlan`)."""

    __tablename__ = "remote_plans"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    station: Mapped[str] = mapped_column(Code, primary_key=True)
    transport: Mapped[str]
    helicopter: Mapped[bool]
    report_grace_minutes: Mapped[int]
    link_tested: Mapped[datetime.date | None]
    link_ok: Mapped[bool]

    __table_args__ = (of_a_unit("station"), non_negative("report_grace_minutes"))


class PastProblemRow(Base):
    """A problem a station had in an earlier election (`core.readiness.PastProblem`). Keyed by
    the station's code alone, with no tie to an election stored here: the catalogue outlives the
    elections it was drawn from."""

    __tablename__ = "station_past_problems"

    station: Mapped[str] = mapped_column(Code, primary_key=True)
    number: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    election: Mapped[str] = mapped_column(Code)
    note: Mapped[str]
