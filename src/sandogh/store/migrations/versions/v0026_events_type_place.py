"""The event log's entries found by type and place (issue 14, the national night's preparation).

Replaces `ix_events_type` with `ix_events_type_place` on (type, place): a box's enrolment asks
the log for the mode approvals recorded where its station's constituencies lie
(`services.mode_approvals.recorded_approvals`); by type alone each enrolment read the
election's every approval (~13,500 nationally). Reads by type alone use the index's first
column. Adds `ix_pre_election_records_sealed` on (election_id, sealed_at, fingerprint): every
report asks whether the record is sealed and its fingerprint, and SQLite walked a national
record's 22 MB of pages to reach those columns (~10 ms a report). Going down puts the index by
type back and drops the other.

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision: str = "0026"
down_revision: str | None = "0025"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.drop_index("ix_events_type", table_name="events")
    op.create_index("ix_events_type_place", "events", ["type", "place"])
    op.create_index(
        "ix_pre_election_records_sealed",
        "pre_election_records",
        ["election_id", "sealed_at", "fingerprint"],
    )


def downgrade() -> None:
    op.drop_index("ix_pre_election_records_sealed", table_name="pre_election_records")
    op.drop_index("ix_events_type_place", table_name="events")
    op.create_index("ix_events_type", "events", ["type"])
