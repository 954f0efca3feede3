"""Candidacy: each election's calendar and its candidacy steps — registration, inquiries and
their answers, the boards' decisions, objections, the final lists and the code draws (issue 12,
section 1; core.candidacy).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | None = None
depends_on: str | None = None

CODE = sa.String().with_variant(sa.String(collation="C"), "postgresql")
INSTANT = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "candidacy_calendars",
        sa.Column("election_id", CODE, nullable=False),
        sa.Column("canonical", sa.LargeBinary(), nullable=False),
        sa.Column("calendar_hash", CODE, nullable=False),
        sa.Column("stored_at", INSTANT, nullable=False),
        sa.PrimaryKeyConstraint("election_id", name=op.f("pk_candidacy_calendars")),
    )
    op.create_table(
        "candidacy_steps",
        sa.Column("election_id", CODE, nullable=False),
        sa.Column("number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("kind", CODE, nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("at", INSTANT, nullable=False),
        sa.Column("by", sa.String(), nullable=False),
        sa.Column("log_sequence", sa.BigInteger(), nullable=False),
        sa.Column("log_hash", sa.String(), nullable=False),
        sa.Column("answer_id", CODE, nullable=True),
        sa.CheckConstraint("number >= 1", name=op.f("ck_candidacy_steps_number")),
        sa.ForeignKeyConstraint(
            ["election_id"],
            ["candidacy_calendars.election_id"],
            name=op.f("fk_candidacy_steps_election_id_candidacy_calendars"),
        ),
        sa.PrimaryKeyConstraint("election_id", "number", name=op.f("pk_candidacy_steps")),
    )
    op.create_index(
        "uq_candidacy_steps_answer", "candidacy_steps", ["election_id", "answer_id"], unique=True
    )


def downgrade() -> None:
    op.drop_index("uq_candidacy_steps_answer", table_name="candidacy_steps")
    op.drop_table("candidacy_steps")
    op.drop_table("candidacy_calendars")
