"""The running totals tree (the session-26 outsider's F2: an uncertified round's kept totals held
to a logged root; docs/formats.md, "An uncertified round's totals tree").

Adds `pages` to `certified_totals_nodes`: a unit's page hashes (`core.supervision.totals_tree`,
format 2), so that a report's update at a unit of 3,508 stations reads its row and the ≤ 99
siblings of its page, not every node below it; a row of a format-1 certification has none.
Adds `ix_events_type_sequence` on the log's (type, sequence): every entry that changes the kept
totals records every contest's root (`totals_roots`), and the intake and the reads find the
election's newest such entry from the log's end (`services.running_trees.logged_roots`), one
row a type, however many entries of other contests came since. Going down drops the index and
the column.

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


def upgrade() -> None:
    with op.batch_alter_table("certified_totals_nodes") as table:
        table.add_column(sa.Column("pages", sa.String(), nullable=True))
    op.create_index("ix_events_type_sequence", "events", ["type", "sequence"])


def downgrade() -> None:
    op.drop_index("ix_events_type_sequence", table_name="events")
    with op.batch_alter_table("certified_totals_nodes") as table:
        table.drop_column("pages")
