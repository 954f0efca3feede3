"""A certification's reason and decision reference, and its undoing as logged: who undid it in
which role and place, why, by which decision, and the event-log entry that recorded it; and the
events indexed by type, which every read of results now asks the log by.

Issue 13. Undoings stored before name the entry that recorded them, found in the log by what it
records (the certification's scope, digest and certifier, and the account that undid it, in order),
and take its role, place and reason from it; an undoing no entry records is left naming none, and
is refused when read (`core.supervision.recorded`). Certifications made before have no reason or
reference, nor do their entries.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | None = None
depends_on: str | None = None

CODE = sa.String().with_variant(sa.String(collation="C"), "postgresql")
_COLUMNS = (
    ("reason", sa.String()),
    ("reference", sa.String()),
    ("undone_role", sa.String()),
    ("undone_place", CODE),
    ("undo_reason", sa.String()),
    ("undo_reference", sa.String()),
    ("undo_log_sequence", sa.BigInteger()),
    ("undo_log_hash", sa.String()),
)

_events = sa.table(
    "events",
    sa.column("sequence", sa.BigInteger),
    sa.column("hash", sa.String),
    sa.column("actor", sa.String),
    sa.column("role", sa.String),
    sa.column("type", sa.String),
    sa.column("disposition", sa.String),
    sa.column("details", sa.JSON),
)
_certifications = sa.table(
    "certifications",
    sa.column("id", sa.Integer),
    sa.column("election_id", sa.String),
    sa.column("contest", sa.String),
    sa.column("constituency", sa.String),
    sa.column("certified_by", sa.String),
    sa.column("digest", sa.String),
    sa.column("undone_by", sa.String),
    sa.column("undone_at", sa.DateTime(timezone=True)),
    sa.column("undone_role", sa.String),
    sa.column("undone_place", sa.String),
    sa.column("undo_reason", sa.String),
    sa.column("undo_log_sequence", sa.BigInteger),
    sa.column("undo_log_hash", sa.String),
)


def upgrade() -> None:
    with op.batch_alter_table("certifications") as certifications:
        for name, kind in _COLUMNS:
            certifications.add_column(sa.Column(name, kind, nullable=True))
    # results now ask the log for its certifications and undoings by type on every read
    op.create_index("ix_events_type", "events", ["type"])
    _name_undoings()


def _name_undoings() -> None:
    """Name, for each certification stored as undone, the entry that recorded its undoing."""
    connection = op.get_bind()
    row = _certifications
    recorded = connection.execute(
        sa.select(_events)
        .where(_events.c.type == "certification-undone")
        .where(_events.c.disposition == "done")
        .order_by(_events.c.sequence)
    )
    for entry in recorded:
        details = entry.details
        scope = sa.and_(
            row.c.election_id == details.get("election"),
            row.c.contest == details.get("contest"),
            row.c.constituency.is_(None)
            if details.get("constituency") is None
            else row.c.constituency == details.get("constituency"),
            row.c.digest == details.get("digest"),
            row.c.certified_by == details.get("certified_by"),
            row.c.undone_by == entry.actor,
            row.c.undone_at.is_not(None),
            row.c.undo_log_sequence.is_(None),
        )
        first = sa.select(sa.func.min(row.c.id)).where(scope)
        connection.execute(
            sa.update(row)
            .where(row.c.id == first.scalar_subquery())
            .values(
                undone_role=entry.role,
                undone_place=details.get("acting_at"),
                undo_reason=details.get("reason"),
                undo_log_sequence=entry.sequence,
                undo_log_hash=entry.hash,
            )
        )


def downgrade() -> None:
    op.drop_index("ix_events_type", table_name="events")
    with op.batch_alter_table("certifications") as certifications:
        for name, _ in reversed(_COLUMNS):
            certifications.drop_column(name)
