"""Which body decides what (issue 12, section 2): the supervisory body an operator's account acts
for, and the bodies' approvals of a voting mode per constituency.

Accounts stored before hold supervisory rights for the Guardian Council's boards, which supervise
every election they could hold (presidential and Majlis: the Kerman example and the tests' data),
so the supervisors' and administrators' accounts are recorded as the Guardian Council's; the
others act for no body and keep none.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | None = None
depends_on: str | None = None

# Codes and ids compare byte by byte, whatever the PostgreSQL server's locale.
CODE = sa.String().with_variant(sa.String(collation="C"), "postgresql")
INSTANT = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("operators") as batch:
        batch.add_column(sa.Column("body", CODE, nullable=True))
    op.execute(
        "UPDATE operators SET body = 'guardian-council' WHERE role IN ('supervisor', 'admin')"
    )
    op.create_table(
        "mode_approvals",
        sa.Column("election_id", CODE, nullable=False),
        sa.Column("contest", CODE, nullable=False),
        sa.Column("constituency", CODE, nullable=False),
        sa.Column("mode", CODE, nullable=False),
        sa.Column("reference", sa.String(), nullable=False),
        sa.Column("approved_by", sa.String(), nullable=False),
        sa.Column("body", CODE, nullable=False),
        sa.Column("approved_at", INSTANT, nullable=False),
        sa.Column("log_sequence", sa.BigInteger(), nullable=False),
        sa.Column("log_hash", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["election_id"], ["elections.id"], name=op.f("fk_mode_approvals_election_id_elections")
        ),
        sa.PrimaryKeyConstraint(
            "election_id", "contest", "constituency", "mode", name=op.f("pk_mode_approvals")
        ),
    )


def downgrade() -> None:
    op.drop_table("mode_approvals")
    with op.batch_alter_table("operators") as batch:
        batch.drop_column("body")
