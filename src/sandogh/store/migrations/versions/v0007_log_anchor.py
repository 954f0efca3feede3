"""The anchored event log: signed checkpoints, and the entry that recorded each void and
certification.

Issue 9, section 3. Voids and certifications stored before name the entry that recorded them,
found in the log by what it records; a row no entry records is left naming none, and is refused
when read (`core.supervision.recorded`).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | None = None
depends_on: str | None = None

INSTANT = sa.DateTime(timezone=True)
DECISIONS = ("voids", "certifications")
_VOIDED = ("station-voided", "candidate-votes-voided", "constituency-voided")

_events = sa.table(
    "events",
    sa.column("sequence", sa.BigInteger),
    sa.column("hash", sa.String),
    sa.column("type", sa.String),
    sa.column("disposition", sa.String),
    sa.column("details", sa.JSON),
)


def _decision(table: str) -> sa.TableClause:
    return sa.table(
        table,
        sa.column("id", sa.Integer),
        sa.column("log_sequence", sa.BigInteger),
        sa.column("log_hash", sa.String),
        sa.column("election_id", sa.String),
        sa.column("contest", sa.String),
        sa.column("constituency", sa.String),
        sa.column("digest", sa.String),
    )


def upgrade() -> None:
    op.create_table(
        "log_checkpoints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.BigInteger(), nullable=False),
        sa.Column("head", sa.String(), nullable=False),
        sa.Column("time", INSTANT, nullable=False),
        sa.Column("signature", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_log_checkpoints")),
    )
    for table in DECISIONS:
        with op.batch_alter_table(table) as decisions:
            decisions.add_column(sa.Column("log_sequence", sa.BigInteger(), nullable=True))
            decisions.add_column(sa.Column("log_hash", sa.String(), nullable=True))
    _name_entries()


def _name_entries() -> None:
    """Name, for each void and certification stored, the entry that recorded it."""
    connection = op.get_bind()
    voids, certifications = _decision("voids"), _decision("certifications")
    recorded = connection.execute(
        sa.select(_events)
        .where(_events.c.type.in_((*_VOIDED, "result-certified")))
        .where(_events.c.disposition == "done")
        .order_by(_events.c.sequence)
    )
    for entry in recorded:
        details = entry.details
        if entry.type in _VOIDED:
            row, scope = voids, voids.c.id == details.get("void")
        else:
            row = certifications
            scope = sa.and_(
                row.c.election_id == details.get("election"),
                row.c.contest == details.get("contest"),
                row.c.constituency.is_(None)
                if details.get("constituency") is None
                else row.c.constituency == details.get("constituency"),
                row.c.digest == details.get("digest"),
            )
        first = sa.select(sa.func.min(row.c.id)).where(scope, row.c.log_sequence.is_(None))
        connection.execute(
            sa.update(row)
            .where(row.c.id == first.scalar_subquery())
            .values(log_sequence=entry.sequence, log_hash=entry.hash)
        )


def downgrade() -> None:
    for table in DECISIONS:
        with op.batch_alter_table(table) as decisions:
            decisions.drop_column("log_hash")
            decisions.drop_column("log_sequence")
    op.drop_table("log_checkpoints")
