"""The fleet (issue 12, `core.fleet`): approved builds, the build each box attests, the boxes'
hand-overs; the fleet register's typed update status goes.

A box's update is now derived from the build it last attested in a signed report
(`core.fleet.builds.update_of`). The typed `update_status` column said nothing a box signed, so
it is dropped rather than carried over: copying «current» into an attestation would invent one.
Every other column of the register (serial, model, software, place, key, last seen) is kept.
Downgrading restores the column with every box «pending», the one state the data still supports.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | None = None
depends_on: str | None = None

# Codes and ids compare byte by byte, whatever the PostgreSQL server's locale.
CODE = sa.String().with_variant(sa.String(collation="C"), "postgresql")
INSTANT = sa.DateTime(timezone=True)


def _of_the_election(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["election_id"], ["elections.id"], name=op.f(f"fk_{table}_election_id_elections")
    )


def upgrade() -> None:
    op.create_table(
        "build_decisions",
        sa.Column("election_id", CODE, nullable=False),
        sa.Column("build", CODE, nullable=False),
        sa.Column("label", sa.String(), nullable=False),
        sa.Column("approved_by", sa.String(), nullable=False),
        sa.Column("approved_at", INSTANT, nullable=False),
        sa.Column("revoked_by", sa.String(), nullable=True),
        sa.Column("revoked_at", INSTANT, nullable=True),
        _of_the_election("build_decisions"),
        sa.PrimaryKeyConstraint("election_id", "build", name=op.f("pk_build_decisions")),
    )
    op.create_table(
        "attested_builds",
        sa.Column("election_id", CODE, nullable=False),
        sa.Column("public_key", CODE, nullable=False),
        sa.Column("build", CODE, nullable=False),
        sa.Column("attested_at", INSTANT, nullable=False),
        _of_the_election("attested_builds"),
        sa.PrimaryKeyConstraint("election_id", "public_key", name=op.f("pk_attested_builds")),
    )
    op.create_table(
        "box_handovers",
        sa.Column("election_id", CODE, nullable=False),
        sa.Column("serial", CODE, nullable=False),
        sa.Column("step", CODE, nullable=False),
        sa.Column("place", CODE, nullable=False),
        sa.Column("handed_by", sa.String(), nullable=False),
        sa.Column("handed_at", INSTANT, nullable=False),
        sa.ForeignKeyConstraint(
            ["election_id", "place"],
            ["units.election_id", "units.code"],
            name=op.f("fk_box_handovers_election_id_place_units"),
        ),
        sa.PrimaryKeyConstraint("election_id", "serial", "step", name=op.f("pk_box_handovers")),
    )
    with op.batch_alter_table("readiness_boxes") as batch:
        batch.drop_constraint(op.f("ck_readiness_boxes_update_status"), type_="check")
        batch.drop_column("update_status")


def downgrade() -> None:
    with op.batch_alter_table("readiness_boxes") as batch:
        batch.add_column(
            sa.Column("update_status", sa.String(), nullable=False, server_default="pending")
        )
        batch.create_check_constraint(
            "update_status", "update_status IN ('current', 'pending', 'failed')"
        )
    for table in ("box_handovers", "attested_builds", "build_decisions"):
        op.drop_table(table)
