"""The tables of the central store, as SQLAlchemy 2 typed declarative classes.

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
    MetaData,
    String,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from sandogh.core.counting.tally import InvalidKind
from sandogh.core.definition.model import UnitKind

# Named constraints, so that migrations can refer to them on every database.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

#: The whole-number figures of `Counts`, each in a column of that name.
FIGURES = (
    "papers_received",
    "papers_used",
    "papers_unused",
    "papers_spoiled",
    "cast",
    "valid",
    "void",
)

#: The column of each invalid kind; NULL where the sheet does not list that kind.
INVALID_COLUMNS = {kind: "invalid_" + kind.value.replace("-", "_") for kind in InvalidKind}


#: Codes and ids compare byte by byte on both databases, as Python compares them; PostgreSQL would
#: otherwise sort them by the server's locale, and sheets would come back in another order there.
Code = String().with_variant(String(collation="C"), "postgresql")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


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


def _non_negative(column: str) -> CheckConstraint:
    # SQL lets NULL through a CHECK, which is what the nullable invalid-kind columns need.
    return CheckConstraint(f'"{column}" >= 0', name=f"{column}_non_negative")


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
    void: Mapped[int]
    votes: Mapped[dict[str, int]] = mapped_column(JSON)

    __table_args__ = (
        # The station's unit row belongs to the election, so this also ties the sheet to it.
        ForeignKeyConstraint(["election_id", "station"], ["units.election_id", "units.code"]),
        *(_non_negative(column) for column in (*FIGURES, *INVALID_COLUMNS.values())),
    )
