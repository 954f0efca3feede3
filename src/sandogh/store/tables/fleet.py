"""The ballot boxes' software and journey (`core.fleet`): the builds approved or revoked, the
decisions awaiting signatures, the build each box attests, and each box's hand-overs.
"""

from __future__ import annotations

import datetime

from sqlalchemy import (
    JSON,
    ForeignKeyConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from sandogh.store.tables.base import Base, Code, Instant, of_a_unit


class BuildDecisionRow(Base):
    """A build approved for an election day, and its revocation (`core.fleet.BuildDecision`)."""

    __tablename__ = "build_decisions"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    build: Mapped[str] = mapped_column(Code, primary_key=True)
    label: Mapped[str]
    approved_by: Mapped[str]
    approved_at: Mapped[datetime.datetime] = mapped_column(Instant)
    revoked_by: Mapped[str | None]
    revoked_at: Mapped[datetime.datetime | None] = mapped_column(Instant)

    __table_args__ = (ForeignKeyConstraint(["election_id"], ["elections.id"]),)


class BuildProposalRow(Base):
    """A build decision proposed for k officials to sign, and their signatures so far
    (`core.fleet.build_signatures`): a list of [ed25519:HEX key, hex signature]."""

    __tablename__ = "build_proposals"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    build: Mapped[str] = mapped_column(Code, primary_key=True)
    action: Mapped[str] = mapped_column(Code, primary_key=True)
    label: Mapped[str]
    proposed_by: Mapped[str]
    proposed_at: Mapped[datetime.datetime] = mapped_column(Instant)
    signatures: Mapped[list[list[str]]] = mapped_column(JSON)

    __table_args__ = (ForeignKeyConstraint(["election_id"], ["elections.id"]),)


class AttestedBuildRow(Base):
    """The build a box (by its key) last named in a signed report the centre read."""

    __tablename__ = "attested_builds"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    public_key: Mapped[str] = mapped_column(Code, primary_key=True)
    build: Mapped[str] = mapped_column(Code)
    attested_at: Mapped[datetime.datetime] = mapped_column(Instant)

    __table_args__ = (ForeignKeyConstraint(["election_id"], ["elections.id"]),)


class HandoverRow(Base):
    """One hand-over of a box on its way to its station (`core.fleet.Handover`)."""

    __tablename__ = "box_handovers"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    serial: Mapped[str] = mapped_column(Code, primary_key=True)
    step: Mapped[str] = mapped_column(Code, primary_key=True)
    place: Mapped[str] = mapped_column(Code)
    handed_by: Mapped[str]
    handed_at: Mapped[datetime.datetime] = mapped_column(Instant)

    __table_args__ = (of_a_unit("place"),)
