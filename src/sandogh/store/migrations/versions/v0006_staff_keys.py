"""Staff keys: each member of a station's staff, their role and their Ed25519 key.

Issue 9, section 2 (`core.report.staff`).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None

# Codes and ids compare byte by byte, whatever the PostgreSQL server's locale.
CODE = sa.String().with_variant(sa.String(collation="C"), "postgresql")
ROLES = ("head", "secretary", "member", "supervisor")


def upgrade() -> None:
    op.create_table(
        "staff_keys",
        sa.Column("election_id", CODE, nullable=False),
        sa.Column("public_key", CODE, nullable=False),
        sa.Column("station", CODE, nullable=False),
        sa.Column("person", sa.String(), nullable=False),
        sa.Column("role", CODE, nullable=False),
        sa.ForeignKeyConstraint(
            ["election_id", "station"],
            ["units.election_id", "units.code"],
            name=op.f("fk_staff_keys_election_id_station_units"),
        ),
        sa.CheckConstraint(
            "role IN (" + ", ".join(f"'{role}'" for role in ROLES) + ")",
            name=op.f("ck_staff_keys_role"),
        ),
        sa.PrimaryKeyConstraint("election_id", "public_key", name=op.f("pk_staff_keys")),
    )
    op.create_index("ix_staff_keys_election_id_station", "staff_keys", ["election_id", "station"])


def downgrade() -> None:
    op.drop_index("ix_staff_keys_election_id_station", table_name="staff_keys")
    op.drop_table("staff_keys")
