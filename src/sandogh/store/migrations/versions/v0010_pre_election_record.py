"""The pre-election record: its bytes, the officials' signatures, and its amendments.

Issue 9, section 2 (`core.anchor`).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | None = None
depends_on: str | None = None

# Codes and ids compare byte by byte, whatever the PostgreSQL server's locale.
CODE = sa.String().with_variant(sa.String(collation="C"), "postgresql")
INSTANT = sa.DateTime(timezone=True)


def _of_the_record(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["election_id"],
        ["pre_election_records.election_id"],
        name=op.f(f"fk_{table}_election_id_pre_election_records"),
    )


def upgrade() -> None:
    op.create_table(
        "pre_election_records",
        sa.Column("election_id", CODE, nullable=False),
        sa.Column("record", sa.LargeBinary(), nullable=False),
        sa.Column("fingerprint", sa.String(), nullable=False),
        sa.Column("drafted_at", INSTANT, nullable=False),
        sa.Column("sealed_at", INSTANT, nullable=True),
        sa.ForeignKeyConstraint(
            ["election_id"],
            ["elections.id"],
            name=op.f("fk_pre_election_records_election_id_elections"),
        ),
        sa.PrimaryKeyConstraint("election_id", name=op.f("pk_pre_election_records")),
    )
    op.create_table(
        "record_signatures",
        sa.Column("election_id", CODE, nullable=False),
        sa.Column("public_key", CODE, nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        _of_the_record("record_signatures"),
        sa.PrimaryKeyConstraint("election_id", "public_key", name=op.f("pk_record_signatures")),
    )
    op.create_table(
        "record_amendments",
        sa.Column("election_id", CODE, nullable=False),
        sa.Column("number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("amendment", sa.LargeBinary(), nullable=False),
        sa.Column("signatures", sa.LargeBinary(), nullable=False),
        sa.Column("added_at", INSTANT, nullable=False),
        _of_the_record("record_amendments"),
        sa.PrimaryKeyConstraint("election_id", "number", name=op.f("pk_record_amendments")),
    )


def downgrade() -> None:
    op.drop_table("record_amendments")
    op.drop_table("record_signatures")
    op.drop_table("pre_election_records")
