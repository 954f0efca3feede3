"""The nodes of a certification's totals tree (the outsider's F2 of session 24).

Creates `certified_totals_nodes`: the node of each unit and station of a certified scope, of
one contest, and a unit's hash of the nodes below it (`core.supervision.totals_tree`), written
when the result is certified, so that a read of one unit checks its figures up to the root the
certification's log entry records. Certifications made before hold no tree: a read of theirs
recomputes their digest from the scope's sheets. Going down drops the table.

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | None = None
depends_on: str | None = None

CODE = sa.String().with_variant(sa.String(collation="C"), "postgresql")


def upgrade() -> None:
    op.create_table(
        "certified_totals_nodes",
        *(sa.Column(name, CODE, nullable=False) for name in ("election_id", "contest", "code")),
        sa.Column("node", sa.String(), nullable=False),
        sa.Column("below", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(
            ["election_id"],
            ["elections.id"],
            name=op.f("fk_certified_totals_nodes_election_id_elections"),
        ),
        sa.PrimaryKeyConstraint(
            "election_id", "contest", "code", name=op.f("pk_certified_totals_nodes")
        ),
    )


def downgrade() -> None:
    op.drop_table("certified_totals_nodes")
