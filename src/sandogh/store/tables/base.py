"""What every table of the central store is built on: the declarative base and its MetaData,
with named constraints so that migrations can refer to them on every database; the column type of
codes and ids, and of instants; and the constraints many tables share.

Every instant is stored in UTC and read back as UTC (`Instant`).
"""

from __future__ import annotations

import datetime

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    Dialect,
    ForeignKeyConstraint,
    MetaData,
    String,
    TypeDecorator,
)
from sqlalchemy.orm import DeclarativeBase

# Named constraints, so that migrations can refer to them on every database.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


#: Codes and ids compare byte by byte on both databases, as Python compares them; PostgreSQL would
#: otherwise sort them by the server's locale, and sheets would come back in another order there.
Code = String().with_variant(String(collation="C"), "postgresql")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Instant(TypeDecorator[datetime.datetime]):
    """A timezone-aware instant, written in UTC and read back in UTC on both databases (SQLite
    keeps no offset, PostgreSQL answers in the session's zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(
        self,
        value: datetime.datetime | None,
        dialect: Dialect,  # noqa: ARG002 -- SQLAlchemy's signature; both databases alike
    ) -> datetime.datetime | None:
        if value is None:
            return None
        if value.utcoffset() is None:
            raise ValueError(f"{value.isoformat()} has no time zone: the store keeps instants")
        return value.astimezone(datetime.UTC)

    def process_result_value(
        self,
        value: datetime.datetime | None,
        dialect: Dialect,  # noqa: ARG002 -- SQLAlchemy's signature; both databases alike
    ) -> datetime.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=datetime.UTC)
        return value.astimezone(datetime.UTC)


def non_negative(column: str) -> CheckConstraint:
    # SQL lets NULL through a CHECK, which is what the nullable invalid-kind columns need.
    return CheckConstraint(f'"{column}" >= 0', name=f"{column}_non_negative")


def of_a_unit(column: str) -> ForeignKeyConstraint:
    # The unit row belongs to the election, so this also ties the row to the election.
    return ForeignKeyConstraint(["election_id", column], ["units.election_id", "units.code"])
