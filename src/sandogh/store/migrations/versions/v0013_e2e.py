"""The E2E ceremony record of an election and its stations' ballot chains (issue 10;
docs/e2e.md §5, §7, §9).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | None = None
depends_on: str | None = None

# Codes and ids compare byte by byte, whatever the PostgreSQL server's locale.
CODE = sa.String().with_variant(sa.String(collation="C"), "postgresql")
INSTANT = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "e2e_ceremonies",
        sa.Column("election_id", CODE, nullable=False),
        sa.Column("record", sa.LargeBinary(), nullable=False),
        sa.Column("joint_key", CODE, nullable=False),
        sa.Column("extended_hash", CODE, nullable=False),
        sa.Column("loaded_at", INSTANT, nullable=False),
        sa.ForeignKeyConstraint(
            ["election_id"], ["elections.id"], name=op.f("fk_e2e_ceremonies_election_id_elections")
        ),
        sa.PrimaryKeyConstraint("election_id", name=op.f("pk_e2e_ceremonies")),
    )
    op.create_table(
        "ballot_chains",
        sa.Column("election_id", CODE, nullable=False),
        sa.Column("station", CODE, nullable=False),
        sa.Column("device", CODE, nullable=False),
        sa.Column("chain_hash", sa.String(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("received_at", INSTANT, nullable=False),
        sa.ForeignKeyConstraint(
            ["election_id", "device"],
            ["devices.election_id", "devices.public_key"],
            name=op.f("fk_ballot_chains_election_id_device_devices"),
        ),
        sa.ForeignKeyConstraint(
            ["election_id", "station"],
            ["units.election_id", "units.code"],
            name=op.f("fk_ballot_chains_election_id_station_units"),
        ),
        sa.PrimaryKeyConstraint("election_id", "station", name=op.f("pk_ballot_chains")),
    )


def downgrade() -> None:
    op.drop_table("ballot_chains")
    op.drop_table("e2e_ceremonies")
