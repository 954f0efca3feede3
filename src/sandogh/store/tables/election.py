"""An election day as loaded: its definition, its reporting units and its tally sheets.

An election day is kept as the canonical bytes of its definition (what its hash is taken of, so
the stored definition can always be re-hashed and compared), plus its reporting units as rows so
that a station can be checked and looked up without decoding the whole definition. A tally sheet
keeps every figure in its own integer column under a CHECK that it is not negative, and its
candidate votes as one JSON object {ballot code: votes}: a national election day has about 235,000
sheets with up to ~70 candidates each, and one row per sheet keeps import and read-back to seconds
where one row per candidate (16 million rows) would take minutes.
"""

from __future__ import annotations

import datetime

from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    ForeignKeyConstraint,
    LargeBinary,
)
from sqlalchemy.orm import Mapped, mapped_column

from sandogh.core.counting.tally import FIGURES, INVALID_FIGURES
from sandogh.core.definition.model import UnitKind
from sandogh.store.tables.base import Base, Code, non_negative


class ElectionRow(Base):
    __tablename__ = "elections"

    id: Mapped[str] = mapped_column(Code, primary_key=True)
    version: Mapped[int]
    name_fa: Mapped[str]
    name_en: Mapped[str]
    date: Mapped[datetime.date]
    definition_hash: Mapped[str]
    definition: Mapped[bytes] = mapped_column(LargeBinary)
    loaded_at: Mapped[datetime.datetime] = mapped_column(DateTime(timezone=True))


class UnitRow(Base):
    __tablename__ = "units"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    code: Mapped[str] = mapped_column(Code, primary_key=True)
    kind: Mapped[str]
    parent: Mapped[str | None] = mapped_column(Code)
    name_fa: Mapped[str]
    name_en: Mapped[str]

    __table_args__ = (
        ForeignKeyConstraint(["election_id"], ["elections.id"]),
        ForeignKeyConstraint(["election_id", "parent"], ["units.election_id", "units.code"]),
        CheckConstraint(
            "kind IN (" + ", ".join(f"'{kind.value}'" for kind in UnitKind) + ")", name="kind"
        ),
    )


# Each invalid kind has its column, named by INVALID_FIGURES; NULL where a sheet does not list it.
class TallySheetRow(Base):
    __tablename__ = "tally_sheets"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    station: Mapped[str] = mapped_column(Code, primary_key=True)
    contest: Mapped[str] = mapped_column(Code, primary_key=True)
    papers_received: Mapped[int]
    papers_used: Mapped[int]
    papers_unused: Mapped[int]
    papers_spoiled: Mapped[int]
    cast: Mapped[int]
    valid: Mapped[int]
    invalid_blank: Mapped[int | None]
    invalid_illegible: Mapped[int | None]
    invalid_non_candidate: Mapped[int | None]
    invalid_multiple_names: Mapped[int | None]
    invalid_crossed_out: Mapped[int | None]  # NULL on every sheet stored before it (0021)
    void: Mapped[int]
    votes: Mapped[dict[str, int]] = mapped_column(JSON)

    __table_args__ = (
        # The station's unit row belongs to the election, so this also ties the sheet to it.
        ForeignKeyConstraint(["election_id", "station"], ["units.election_id", "units.code"]),
        *(non_negative(column) for column in (*FIGURES, *INVALID_FIGURES.values())),
    )
