"""The running totals tree (the session-26 outsider's F2: an uncertified round's kept totals held
to a logged root; docs/formats.md, "An uncertified round's totals tree").

Adds `pages` to `certified_totals_nodes`: a unit's page hashes (`core.supervision.totals_tree`,
format 2), so that a report's update at a unit of 3,508 stations reads its row and the ≤ 99
siblings of its page, not every node below it; a row of a format-1 certification has none.
Creates `totals_roots`: for each contest of an election the root of its running tree the log
last recorded and that entry's sequence, read by the intake and the reads and held to the log.
Going down drops the table and the column.

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0027"
down_revision: str | None = "0026"
branch_labels: str | None = None
depends_on: str | None = None

CODE = sa.String().with_variant(sa.String(collation="C"), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("certified_totals_nodes") as table:
        table.add_column(sa.Column("pages", sa.String(), nullable=True))
    op.create_table(
        "totals_roots",
        *(sa.Column(name, CODE, nullable=False) for name in ("election_id", "contest")),
        sa.Column("root", sa.String(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["election_id"], ["elections.id"], name=op.f("fk_totals_roots_election_id_elections")
        ),
        sa.PrimaryKeyConstraint("election_id", "contest", name=op.f("pk_totals_roots")),
    )


def downgrade() -> None:
    op.drop_table("totals_roots")
    with op.batch_alter_table("certified_totals_nodes") as table:
        table.drop_column("pages")
