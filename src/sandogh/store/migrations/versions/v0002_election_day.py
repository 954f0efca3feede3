"""Election day: the voted-ledger, enrolled devices, station reports, incidents, the event log.

The ledger's key is (election, voter key) and it has no other id or order (DESIGN.md §3): on
SQLite it is a WITHOUT ROWID table, so not even a hidden rowid numbers the check-ins.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None

# Codes and ids compare byte by byte, whatever the PostgreSQL server's locale.
CODE = sa.String().with_variant(sa.String(collation="C"), "postgresql")
INSTANT = sa.DateTime(timezone=True)


def _of_a_unit(table: str, column: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["election_id", column],
        ["units.election_id", "units.code"],
        name=op.f(f"fk_{table}_election_id_{column}_units"),
    )


def upgrade() -> None:
    op.create_table(
        "voted_ledger",
        sa.Column("election_id", CODE, nullable=False),
        sa.Column("voter_key", CODE, nullable=False),
        sa.Column("station", CODE, nullable=False),
        sa.Column("at", INSTANT, nullable=False),
        sa.Column("constituencies", sa.JSON(), nullable=False),
        sa.Column("provisional", sa.Boolean(), nullable=False),
        _of_a_unit("voted_ledger", "station"),
        sa.PrimaryKeyConstraint("election_id", "voter_key", name=op.f("pk_voted_ledger")),
        sqlite_with_rowid=False,
    )
    op.create_index(
        "ix_voted_ledger_election_id_station", "voted_ledger", ["election_id", "station"]
    )
    op.create_table(
        "devices",
        sa.Column("election_id", CODE, nullable=False),
        sa.Column("public_key", CODE, nullable=False),
        sa.Column("station", CODE, nullable=False),
        sa.Column("enrolled_at", INSTANT, nullable=False),
        sa.Column("revoked_at", INSTANT, nullable=True),
        _of_a_unit("devices", "station"),
        sa.PrimaryKeyConstraint("election_id", "public_key", name=op.f("pk_devices")),
    )
    op.create_index("ix_devices_election_id_station", "devices", ["election_id", "station"])
    op.create_table(
        "station_reports",
        sa.Column("election_id", CODE, nullable=False),
        sa.Column("station", CODE, nullable=False),
        sa.Column("kind", CODE, nullable=False),
        sa.Column("device", CODE, nullable=False),
        sa.Column("report_hash", sa.String(), nullable=False),
        sa.Column("signed", sa.LargeBinary(), nullable=False),
        sa.Column("received_at", INSTANT, nullable=False),
        sa.ForeignKeyConstraint(
            ["election_id", "device"],
            ["devices.election_id", "devices.public_key"],
            name=op.f("fk_station_reports_election_id_device_devices"),
        ),
        _of_a_unit("station_reports", "station"),
        sa.PrimaryKeyConstraint("election_id", "station", "kind", name=op.f("pk_station_reports")),
    )
    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("election_id", CODE, nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("stations", sa.JSON(), nullable=False),
        sa.Column("at", INSTANT, nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["election_id"], ["elections.id"], name=op.f("fk_incidents_election_id_elections")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidents")),
    )
    op.create_index(op.f("ix_incidents_election_id"), "incidents", ["election_id"])
    op.create_table(
        "events",
        sa.Column("sequence", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("previous_hash", sa.String(), nullable=False),
        sa.Column("hash", sa.String(), nullable=False),
        sa.Column("time", INSTANT, nullable=False),
        sa.Column("actor", sa.String(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("place", sa.String(), nullable=False),
        sa.Column("type", sa.String(), nullable=False),
        sa.Column("disposition", sa.String(), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.CheckConstraint(
            "disposition IN ('done', 'refused', 'denied')", name=op.f("ck_events_disposition")
        ),
        sa.PrimaryKeyConstraint("sequence", name=op.f("pk_events")),
        sa.UniqueConstraint("hash", name=op.f("uq_events_hash")),
    )


def downgrade() -> None:
    op.drop_table("events")
    op.drop_index(op.f("ix_incidents_election_id"), table_name="incidents")
    op.drop_table("incidents")
    op.drop_table("station_reports")
    op.drop_index("ix_devices_election_id_station", table_name="devices")
    op.drop_table("devices")
    op.drop_index("ix_voted_ledger_election_id_station", table_name="voted_ledger")
    op.drop_table("voted_ledger")
