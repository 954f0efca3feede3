"""The voted-ledger keeps the hour of each check-in, not its moment, and an offline check-in's
keyed tag of its moment.

Issue 9 §1 (`core.voters.ledger_time`): a check-in's moment, beside the order a seized box's
files keep, would name the voter at each position of it. The moments already stored are cut to
their hour's start in UTC; they cannot be given back, so going down leaves the hours as they are.
Offline check-ins stored before have no tag: a sync sent again of one of them is an incident.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | None = None
depends_on: str | None = None


# Codes and ids compare byte by byte, whatever the PostgreSQL server's locale.
CODE = sa.String().with_variant(sa.String(collation="C"), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("voted_ledger") as table:
        table.add_column(sa.Column("offline_tag", CODE, nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "UPDATE voted_ledger SET at = date_trunc('hour', at AT TIME ZONE 'UTC')"
            " AT TIME ZONE 'UTC'"
        )
    else:
        # SQLite keeps an instant as UTC text, `2024-07-05 08:30:00.000000`: 13 characters of hour
        op.execute("UPDATE voted_ledger SET at = substr(at, 1, 13) || ':00:00.000000'")


def downgrade() -> None:
    # the moments are gone: the hours stay
    with op.batch_alter_table("voted_ledger") as table:
        table.drop_column("offline_tag")
