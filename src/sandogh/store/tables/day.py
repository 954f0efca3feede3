"""What election day adds: the voted-ledger, the enrolled devices and staff keys, the station
reports as received, the incidents and the hash-chained event log with its checkpoints.

The ledger is the only record of who voted, where and when, and it is kept so (DESIGN.md §3,
secrecy by construction): its key is the voter key itself, with no surrogate id or insertion
number (on SQLite not even a hidden rowid), and `at` is its only time; no table of the central
store holds what anyone chose, so there is nothing to join it to.
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
    LargeBinary,
)
from sqlalchemy.orm import Mapped, mapped_column

from sandogh.core.log.events import Disposition
from sandogh.core.report import StaffRole
from sandogh.store.tables.base import Base, Code, Instant, of_a_unit


class LedgerRow(Base):
    """The voted-ledger: that a voter, by keyed hash, checked in for an election day."""

    __tablename__ = "voted_ledger"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    voter_key: Mapped[str] = mapped_column(Code, primary_key=True)
    station: Mapped[str] = mapped_column(Code)
    at: Mapped[datetime.datetime] = mapped_column(Instant)
    constituencies: Mapped[dict[str, str]] = mapped_column(JSON)
    provisional: Mapped[bool]
    offline_tag: Mapped[str | None] = mapped_column(Code)

    __table_args__ = (
        of_a_unit("station"),
        Index("ix_voted_ledger_election_id_station", "election_id", "station"),
        {"sqlite_with_rowid": False},
    )


class DeviceRow(Base):
    """A ballot box's public key, enrolled for one station of an election day."""

    __tablename__ = "devices"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    public_key: Mapped[str] = mapped_column(Code, primary_key=True)
    station: Mapped[str] = mapped_column(Code)
    enrolled_at: Mapped[datetime.datetime] = mapped_column(Instant)
    revoked_at: Mapped[datetime.datetime | None] = mapped_column(Instant)

    __table_args__ = (
        of_a_unit("station"),
        Index("ix_devices_election_id_station", "election_id", "station"),
    )


class StaffKeyRow(Base):
    """A member of a station's staff with the role they sign under and their Ed25519 key
    (`core.report.staff`); a key serves one person of one station per election day. When it was
    registered is in the event log."""

    __tablename__ = "staff_keys"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    public_key: Mapped[str] = mapped_column(Code, primary_key=True)
    station: Mapped[str] = mapped_column(Code)
    person: Mapped[str]
    role: Mapped[str] = mapped_column(Code)

    __table_args__ = (
        of_a_unit("station"),
        CheckConstraint(
            "role IN (" + ", ".join(f"'{r.value}'" for r in StaffRole) + ")", name="role"
        ),
        Index("ix_staff_keys_election_id_station", "election_id", "station"),
    )


class StationReportRow(Base):
    """A signed station report exactly as received, once per station and kind."""

    __tablename__ = "station_reports"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    station: Mapped[str] = mapped_column(Code, primary_key=True)
    kind: Mapped[str] = mapped_column(Code, primary_key=True)
    device: Mapped[str] = mapped_column(Code)
    report_hash: Mapped[str]
    signed: Mapped[bytes] = mapped_column(LargeBinary)
    received_at: Mapped[datetime.datetime] = mapped_column(Instant)

    __table_args__ = (
        of_a_unit("station"),
        ForeignKeyConstraint(
            ["election_id", "device"], ["devices.election_id", "devices.public_key"]
        ),
    )


class IncidentRow(Base):
    __tablename__ = "incidents"

    id: Mapped[int] = mapped_column(primary_key=True)
    election_id: Mapped[str] = mapped_column(Code, index=True)
    kind: Mapped[str]
    stations: Mapped[list[str]] = mapped_column(JSON)
    at: Mapped[datetime.datetime] = mapped_column(Instant)
    details: Mapped[dict[str, str]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(server_default="open")
    assignee: Mapped[str | None]
    resolution: Mapped[str | None]

    __table_args__ = (ForeignKeyConstraint(["election_id"], ["elections.id"]),)


class EventRow(Base):
    """One entry of the event log: what `core.log.Entry` holds, so that it re-verifies as read.

    The type is not checked against the catalogue: the catalogue grows with the code, and a CHECK
    would need a migration for every new type, one Alembic does not notice is missing.
    """

    __tablename__ = "events"

    sequence: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    previous_hash: Mapped[str]
    hash: Mapped[str] = mapped_column(unique=True)
    time: Mapped[datetime.datetime] = mapped_column(Instant)
    actor: Mapped[str]
    role: Mapped[str]
    place: Mapped[str]
    type: Mapped[str]
    disposition: Mapped[str]
    details: Mapped[dict[str, Any]] = mapped_column(JSON)

    __table_args__ = (
        CheckConstraint(
            "disposition IN (" + ", ".join(f"'{d.value}'" for d in Disposition) + ")",
            name="disposition",
        ),
        # every read of results asks the log for its certifications and undoings by type
        # (`services.recorded_decisions`): without it, a scan of the whole log each time; and
        # a box's enrolment its station's approvals by type and place (`services.
        # mode_approvals`): by type alone, each enrolment read the ~13,500 approvals
        Index("ix_events_type_place", "type", "place"),
        # the newest entry recording the kept totals' roots, from the log's end, one row a
        # type (`services.running_trees.logged_roots`; revision 0027)
        Index("ix_events_type_sequence", "type", "sequence"),
    )


class LogCheckpointRow(Base):
    """A signed checkpoint of the event log (`core.log.checkpoints`), in the order taken."""

    __tablename__ = "log_checkpoints"

    id: Mapped[int] = mapped_column(primary_key=True)
    sequence: Mapped[int] = mapped_column(BigInteger)
    head: Mapped[str]
    time: Mapped[datetime.datetime] = mapped_column(Instant)
    signature: Mapped[str]  # 128 hex digits
