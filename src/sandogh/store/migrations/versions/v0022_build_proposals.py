"""Build decisions proposed for k officials of the pre-election record to sign (review S19 F7;
core.fleet.build_signatures).

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | None = None
depends_on: str | None = None

CODE = sa.String().with_variant(sa.String(collation="C"), "postgresql")


def upgrade() -> None:
    op.create_table(
        "build_proposals",
        sa.Column("election_id", CODE, nullable=False),
        sa.Column("build", CODE, nullable=False),
        sa.Column("action", CODE, nullable=False),
        sa.Column("label", sa.String(), nullable=False),
        sa.Column("proposed_by", sa.String(), nullable=False),
        sa.Column("proposed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("signatures", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["election_id"], ["elections.id"], name=op.f("fk_build_proposals_election_id_elections")
        ),
        sa.PrimaryKeyConstraint("election_id", "build", "action", name=op.f("pk_build_proposals")),
    )


def downgrade() -> None:
    op.drop_table("build_proposals")
