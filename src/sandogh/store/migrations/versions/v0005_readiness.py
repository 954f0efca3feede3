"""Readiness: the registers of the ballot-box fleet, ballot papers and staff per station.

Issue 4, item 5 (`core.readiness`).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None

# Codes and ids compare byte by byte, whatever the PostgreSQL server's locale.
CODE = sa.String().with_variant(sa.String(collation="C"), "postgresql")
INSTANT = sa.DateTime(timezone=True)
TABLES = ("readiness_staff", "readiness_papers", "readiness_boxes")


def _of_a_unit(table: str, column: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["election_id", column],
        ["units.election_id", "units.code"],
        name=op.f(f"fk_{table}_election_id_{column}_units"),
    )


def _counts(table: str, *columns: str) -> list[sa.CheckConstraint]:
    return [
        sa.CheckConstraint(f'"{c}" >= 0', name=op.f(f"ck_{table}_{c}_non_negative"))
        for c in columns
    ]


def upgrade() -> None:
    op.create_table(
        "readiness_boxes",
        sa.Column("election_id", CODE, nullable=False),
        sa.Column("serial", CODE, nullable=False),
        sa.Column("model", sa.String(), nullable=False),
        sa.Column("software", sa.String(), nullable=False),
        sa.Column("update_status", sa.String(), nullable=False),
        sa.Column("place", CODE, nullable=False),
        sa.Column("public_key", CODE, nullable=True),
        sa.Column("last_seen", INSTANT, nullable=True),
        _of_a_unit("readiness_boxes", "place"),
        sa.CheckConstraint(
            "update_status IN ('current', 'pending', 'failed')",
            name=op.f("ck_readiness_boxes_update_status"),
        ),
        sa.PrimaryKeyConstraint("election_id", "serial", name=op.f("pk_readiness_boxes")),
    )
    op.create_table(
        "readiness_papers",
        sa.Column("election_id", CODE, nullable=False),
        sa.Column("station", CODE, nullable=False),
        sa.Column("sent", sa.Integer(), nullable=False),
        sa.Column("received", sa.Integer(), nullable=False),
        sa.Column("used", sa.Integer(), nullable=False),
        _of_a_unit("readiness_papers", "station"),
        *_counts("readiness_papers", "sent", "received", "used"),
        sa.PrimaryKeyConstraint("election_id", "station", name=op.f("pk_readiness_papers")),
    )
    op.create_table(
        "readiness_staff",
        sa.Column("election_id", CODE, nullable=False),
        sa.Column("station", CODE, nullable=False),
        sa.Column("role", CODE, nullable=False),
        sa.Column("assigned", sa.Integer(), nullable=False),
        sa.Column("trained", sa.Integer(), nullable=False),
        _of_a_unit("readiness_staff", "station"),
        *_counts("readiness_staff", "assigned", "trained"),
        sa.PrimaryKeyConstraint("election_id", "station", "role", name=op.f("pk_readiness_staff")),
    )


def downgrade() -> None:
    for table in TABLES:
        op.drop_table(table)
