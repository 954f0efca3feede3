"""Tally sheets count crossed-out ballots (مخدوش), an invalid kind of their own.

Issue 12 §3 (`core.counting.tally.InvalidKind.CROSSED_OUT`): the seeds name blank, crossed-out
and non-candidate ballots among the invalid. The column is NULL on every sheet stored before, as
for any kind a sheet does not list, and such a sheet reads as having none. Going down drops it.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("tally_sheets") as table:
        table.add_column(sa.Column("invalid_crossed_out", sa.Integer(), nullable=True))
        table.create_check_constraint(
            op.f("ck_tally_sheets_invalid_crossed_out_non_negative"),
            sa.text('"invalid_crossed_out" >= 0'),
        )


def downgrade() -> None:
    with op.batch_alter_table("tally_sheets") as table:
        table.drop_constraint(
            op.f("ck_tally_sheets_invalid_crossed_out_non_negative"), type_="check"
        )
        table.drop_column("invalid_crossed_out")
