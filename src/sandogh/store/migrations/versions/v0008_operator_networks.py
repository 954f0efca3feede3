"""Operators' lockouts per origin network, and the networks they log in from (issue 9, section 4,
"lockout as a weapon"; `core.access.lockout`).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | None = None
depends_on: str | None = None

# Codes and ids compare byte by byte, whatever the PostgreSQL server's locale.
CODE = sa.String().with_variant(sa.String(collation="C"), "postgresql")
INSTANT = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "operator_networks",
        sa.Column("username", CODE, nullable=False),
        sa.Column("network", CODE, nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("locked_until", INSTANT, nullable=True),
        sa.Column("failed_at", INSTANT, nullable=True),
        sa.Column("succeeded_at", INSTANT, nullable=True),
        sa.ForeignKeyConstraint(
            ["username"],
            ["operators.username"],
            name=op.f("fk_operator_networks_username_operators"),
        ),
        sa.PrimaryKeyConstraint("username", "network", name=op.f("pk_operator_networks")),
    )


def downgrade() -> None:
    op.drop_table("operator_networks")
