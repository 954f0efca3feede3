"""Supervision: violation cases, voids, certifications, and the course of incidents.

Issue 4, item 4. Incidents gain a status (open → assigned → resolved; those stored before are
open), the operator they are assigned to and the note they were resolved with.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None

# Codes and ids compare byte by byte, whatever the PostgreSQL server's locale.
CODE = sa.String().with_variant(sa.String(collation="C"), "postgresql")
INSTANT = sa.DateTime(timezone=True)


def _of_the_election(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["election_id"], ["elections.id"], name=op.f(f"fk_{table}_election_id_elections")
    )


def _by_election(table: str) -> None:
    op.create_index(op.f(f"ix_{table}_election_id"), table, ["election_id"])


def upgrade() -> None:
    with op.batch_alter_table("incidents") as incidents:
        incidents.add_column(
            sa.Column("status", sa.String(), server_default="open", nullable=False)
        )
        incidents.add_column(sa.Column("assignee", sa.String(), nullable=True))
        incidents.add_column(sa.Column("resolution", sa.String(), nullable=True))
    op.create_table(
        "violation_cases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("election_id", CODE, nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("summary", sa.String(), nullable=False),
        sa.Column("place", CODE, nullable=False),
        sa.Column("stations", sa.JSON(), nullable=False),
        sa.Column("candidates", sa.JSON(), nullable=False),
        sa.Column("reference", sa.String(), nullable=True),
        sa.Column("note", sa.String(), nullable=True),
        sa.Column("opened_by", sa.String(), nullable=False),
        sa.Column("opened_at", INSTANT, nullable=False),
        sa.ForeignKeyConstraint(
            ["election_id", "place"],
            ["units.election_id", "units.code"],
            name=op.f("fk_violation_cases_election_id_place_units"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_violation_cases")),
    )
    _by_election("violation_cases")
    op.create_table(
        "voids",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("election_id", CODE, nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("contest", CODE, nullable=True),
        sa.Column("stations", sa.JSON(), nullable=False),
        sa.Column("candidate", CODE, nullable=True),
        sa.Column("constituency", CODE, nullable=True),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("reference", sa.String(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("decided_by", sa.String(), nullable=False),
        sa.Column("decided_at", INSTANT, nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["violation_cases.id"], name=op.f("fk_voids_case_id_violation_cases")
        ),
        _of_the_election("voids"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_voids")),
    )
    _by_election("voids")
    op.create_table(
        "certifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("election_id", CODE, nullable=False),
        sa.Column("contest", CODE, nullable=False),
        sa.Column("constituency", CODE, nullable=True),
        sa.Column("certified_by", sa.String(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("place", CODE, nullable=False),
        sa.Column("certified_at", INSTANT, nullable=False),
        sa.Column("digest", sa.String(), nullable=False),
        sa.Column("undone_by", sa.String(), nullable=True),
        sa.Column("undone_at", INSTANT, nullable=True),
        _of_the_election("certifications"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certifications")),
    )
    _by_election("certifications")


def downgrade() -> None:
    for table in ("certifications", "voids", "violation_cases"):
        op.drop_index(op.f(f"ix_{table}_election_id"), table_name=table)
        op.drop_table(table)
    with op.batch_alter_table("incidents") as incidents:
        incidents.drop_column("resolution")
        incidents.drop_column("assignee")
        incidents.drop_column("status")
