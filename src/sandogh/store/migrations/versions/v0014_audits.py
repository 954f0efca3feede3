"""Risk-limiting audits: an election's audit (manifest, plan, seed), its rounds, the boards'
readings and the full hand counts pending certification (issue 11; docs/audit.md §6–§7).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | None = None
depends_on: str | None = None

# Codes and ids compare byte by byte, whatever the PostgreSQL server's locale.
CODE = sa.String().with_variant(sa.String(collation="C"), "postgresql")
INSTANT = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "audits",
        sa.Column("election_id", CODE, nullable=False),
        sa.Column("contests", sa.JSON(), nullable=False),
        sa.Column("risk_limit", sa.String(), nullable=False),
        sa.Column("manifest", sa.LargeBinary(), nullable=False),
        sa.Column("manifest_hash", CODE, nullable=False),
        sa.Column("plan", sa.LargeBinary(), nullable=False),
        sa.Column("seed", sa.LargeBinary(), nullable=True),
        sa.Column("started_at", INSTANT, nullable=False),
        sa.ForeignKeyConstraint(
            ["election_id"], ["elections.id"], name=op.f("fk_audits_election_id_elections")
        ),
        sa.PrimaryKeyConstraint("election_id", name=op.f("pk_audits")),
    )
    op.create_table(
        "audit_rounds",
        sa.Column("election_id", CODE, nullable=False),
        sa.Column("number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("sizes", sa.JSON(), nullable=False),
        sa.Column("asked", sa.JSON(), nullable=False),
        sa.Column("drawn_at", INSTANT, nullable=False),
        sa.Column("record", sa.LargeBinary(), nullable=True),
        sa.Column("hash", sa.String(), nullable=True),
        sa.CheckConstraint("number >= 1", name=op.f("ck_audit_rounds_number")),
        sa.CheckConstraint(
            "(record IS NULL) = (hash IS NULL)", name=op.f("ck_audit_rounds_closed")
        ),
        sa.ForeignKeyConstraint(
            ["election_id"],
            ["audits.election_id"],
            name=op.f("fk_audit_rounds_election_id_audits"),
        ),
        sa.PrimaryKeyConstraint("election_id", "number", name=op.f("pk_audit_rounds")),
    )
    op.create_table(
        "audit_readings",
        sa.Column("election_id", CODE, nullable=False),
        sa.Column("sample", CODE, nullable=False),
        sa.Column("unit", CODE, nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("shows", sa.JSON(), nullable=True),
        sa.Column("code", sa.String(), nullable=True),
        sa.Column("record", sa.JSON(), nullable=True),
        sa.Column("entered_at", INSTANT, nullable=False),
        sa.Column("entered_by", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["election_id", "round"],
            ["audit_rounds.election_id", "audit_rounds.number"],
            name=op.f("fk_audit_readings_election_id_round_audit_rounds"),
        ),
        sa.PrimaryKeyConstraint("election_id", "sample", "unit", name=op.f("pk_audit_readings")),
    )
    op.create_table(
        "audit_hand_counts",
        sa.Column("election_id", CODE, nullable=False),
        sa.Column("contest", CODE, nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("entered_at", INSTANT, nullable=False),
        sa.Column("entered_by", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.CheckConstraint(
            "status IN ('pending-certification')", name=op.f("ck_audit_hand_counts_status")
        ),
        sa.ForeignKeyConstraint(
            ["election_id"],
            ["audits.election_id"],
            name=op.f("fk_audit_hand_counts_election_id_audits"),
        ),
        sa.PrimaryKeyConstraint("election_id", "contest", name=op.f("pk_audit_hand_counts")),
    )


def downgrade() -> None:
    op.drop_table("audit_hand_counts")
    op.drop_table("audit_readings")
    op.drop_table("audit_rounds")
    op.drop_table("audits")
