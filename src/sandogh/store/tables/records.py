"""The records fixed before polling day and checked against what comes in: the pre-election
record with its signatures and amendments, and the E2E ceremony with the ballot chains the boxes
send under it.
"""

from __future__ import annotations

import datetime

from sqlalchemy import (
    ForeignKeyConstraint,
    Index,
    LargeBinary,
)
from sqlalchemy.orm import Mapped, mapped_column

from sandogh.store.tables.base import Base, Code, Instant, of_a_unit


class PreElectionRecordRow(Base):
    """An election's pre-election record (`core.anchor`): its canonical bytes, and once sealed
    when; a draft is replaced until then."""

    __tablename__ = "pre_election_records"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    record: Mapped[bytes] = mapped_column(LargeBinary)
    fingerprint: Mapped[str]  # of `record`: read on every report, without the record itself
    drafted_at: Mapped[datetime.datetime] = mapped_column(Instant)
    sealed_at: Mapped[datetime.datetime | None] = mapped_column(Instant)

    __table_args__ = (
        ForeignKeyConstraint(["election_id"], ["elections.id"]),
        # what every report asks (`SqlRecordRepository.sealed`), read from the index alone: on
        # SQLite, reaching the columns after a national record (22 MB) walked its pages
        Index("ix_pre_election_records_sealed", "election_id", "sealed_at", "fingerprint"),
    )


class RecordSignatureRow(Base):
    """An official's signature of the election's record, once per key."""

    __tablename__ = "record_signatures"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    public_key: Mapped[str] = mapped_column(Code, primary_key=True)
    signature: Mapped[bytes] = mapped_column(LargeBinary)

    __table_args__ = (ForeignKeyConstraint(["election_id"], ["pre_election_records.election_id"]),)


class RecordAmendmentRow(Base):
    """A signed amendment to a sealed record (`core.anchor.amendments`), numbered from 1."""

    __tablename__ = "record_amendments"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    number: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    amendment: Mapped[bytes] = mapped_column(LargeBinary)
    signatures: Mapped[bytes] = mapped_column(LargeBinary)  # its signature file
    added_at: Mapped[datetime.datetime] = mapped_column(Instant)

    __table_args__ = (ForeignKeyConstraint(["election_id"], ["pre_election_records.election_id"]),)


class E2ECeremonyRow(Base):
    """An election's E2E ceremony record (docs/e2e.md §5), its canonical bytes, once."""

    __tablename__ = "e2e_ceremonies"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    record: Mapped[bytes] = mapped_column(LargeBinary)
    joint_key: Mapped[str] = mapped_column(Code)  # hex, read by every enrolment
    extended_hash: Mapped[str] = mapped_column(Code)  # hex
    loaded_at: Mapped[datetime.datetime] = mapped_column(Instant)

    __table_args__ = (ForeignKeyConstraint(["election_id"], ["elections.id"]),)


class BallotChainRow(Base):
    """A station's E2E ballot chain (docs/e2e.md §9) exactly as its box sent it, once."""

    __tablename__ = "ballot_chains"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    station: Mapped[str] = mapped_column(Code, primary_key=True)
    device: Mapped[str] = mapped_column(Code)
    chain_hash: Mapped[str]
    data: Mapped[bytes] = mapped_column(LargeBinary)
    received_at: Mapped[datetime.datetime] = mapped_column(Instant)

    __table_args__ = (
        of_a_unit("station"),
        ForeignKeyConstraint(
            ["election_id", "device"], ["devices.election_id", "devices.public_key"]
        ),
    )
