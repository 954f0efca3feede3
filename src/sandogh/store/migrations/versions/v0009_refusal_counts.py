"""Refusals of unauthenticated requests, counted per source, minute and reason.

Issue 9, section 4 (`services.refusals`): junk sent to the station API no longer adds an event
to the chained log each.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | None = None
depends_on: str | None = None

# Codes and ids compare byte by byte, whatever the PostgreSQL server's locale.
CODE = sa.String().with_variant(sa.String(collation="C"), "postgresql")
INSTANT = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "refusal_counts",
        sa.Column("source", CODE, nullable=False),
        sa.Column("minute", INSTANT, nullable=False),
        sa.Column("reason", CODE, nullable=False),
        sa.Column("count", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("source", "minute", "reason", name=op.f("pk_refusal_counts")),
    )
    op.create_index("ix_refusal_counts_minute", "refusal_counts", ["minute"])
    op.create_table(
        "refused_sources",
        sa.Column("source", CODE, nullable=False),
        sa.Column("minute", INSTANT, nullable=False),
        sa.PrimaryKeyConstraint("source", "minute", name=op.f("pk_refused_sources")),
    )


def downgrade() -> None:
    op.drop_table("refused_sources")
    op.drop_index("ix_refusal_counts_minute", table_name="refusal_counts")
    op.drop_table("refusal_counts")
