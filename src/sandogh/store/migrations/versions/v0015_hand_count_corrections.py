"""A full hand count's totals certified as a hand-count correction: who certified, under which
grant, when, why, the audit record it came from and the log entry that recorded it (issue 11;
docs/audit.md §6.3).

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | None = None
depends_on: str | None = None

INSTANT = sa.DateTime(timezone=True)
STATUS = "ck_audit_hand_counts_status"  # named by the metadata's convention in 0014
COLUMNS = (
    ("certified_by", sa.String()),
    ("certified_role", sa.String()),
    ("certified_place", sa.String()),
    ("certified_at", INSTANT),
    ("reason", sa.String()),
    ("audit_hash", sa.String()),
    ("log_sequence", sa.Integer()),
    ("log_hash", sa.String()),
)


def upgrade() -> None:
    with op.batch_alter_table("audit_hand_counts") as batch:
        for name, type_ in COLUMNS:
            batch.add_column(sa.Column(name, type_, nullable=True))
        batch.drop_constraint(op.f(STATUS), type_="check")
        batch.create_check_constraint(
            op.f(STATUS), "status IN ('pending-certification', 'certified')"
        )


def downgrade() -> None:
    # A certified correction cannot be told in 0014's schema: it goes back to pending.
    op.execute("UPDATE audit_hand_counts SET status = 'pending-certification'")
    with op.batch_alter_table("audit_hand_counts") as batch:
        batch.drop_constraint(op.f(STATUS), type_="check")
        batch.create_check_constraint(op.f(STATUS), "status IN ('pending-certification')")
        for name, _ in reversed(COLUMNS):
            batch.drop_column(name)
