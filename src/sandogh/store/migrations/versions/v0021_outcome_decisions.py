"""Lots and withdrawals as stored decisions that every outcome is computed from (issue 12,
sections 1 and 2; core.rules.settled, core.candidacy.withdrawal).

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | None = None
depends_on: str | None = None

CODE = sa.String().with_variant(sa.String(collation="C"), "postgresql")


def upgrade() -> None:
    op.create_table(
        "outcome_decisions",
        sa.Column("election_id", CODE, nullable=False),
        sa.Column("number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("kind", CODE, nullable=False),
        sa.Column("key", CODE, nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("log_sequence", sa.BigInteger(), nullable=False),
        sa.Column("log_hash", sa.String(), nullable=False),
        sa.CheckConstraint("number >= 1", name=op.f("ck_outcome_decisions_number")),
        sa.ForeignKeyConstraint(
            ["election_id"],
            ["elections.id"],
            name=op.f("fk_outcome_decisions_election_id_elections"),
        ),
        sa.PrimaryKeyConstraint("election_id", "number", name=op.f("pk_outcome_decisions")),
    )
    op.create_index(
        "uq_outcome_decisions_key", "outcome_decisions", ["election_id", "key"], unique=True
    )


def downgrade() -> None:
    op.drop_index("uq_outcome_decisions_key", table_name="outcome_decisions")
    op.drop_table("outcome_decisions")
