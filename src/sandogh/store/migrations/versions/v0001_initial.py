"""The first schema: election days, their reporting units, and station tally sheets.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None

# Codes and ids compare byte by byte, whatever the PostgreSQL server's locale.
CODE = sa.String().with_variant(sa.String(collation="C"), "postgresql")


def upgrade() -> None:
    op.create_table(
        "elections",
        sa.Column("id", CODE, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("name_fa", sa.String(), nullable=False),
        sa.Column("name_en", sa.String(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("definition_hash", sa.String(), nullable=False),
        sa.Column("definition", sa.LargeBinary(), nullable=False),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_elections")),
    )
    op.create_table(
        "units",
        sa.Column("election_id", CODE, nullable=False),
        sa.Column("code", CODE, nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("parent", CODE, nullable=True),
        sa.Column("name_fa", sa.String(), nullable=False),
        sa.Column("name_en", sa.String(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('nation', 'province', 'county', 'district', 'city', 'village', 'station')",
            name=op.f("ck_units_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["election_id", "parent"],
            ["units.election_id", "units.code"],
            name=op.f("fk_units_election_id_parent_units"),
        ),
        sa.ForeignKeyConstraint(
            ["election_id"], ["elections.id"], name=op.f("fk_units_election_id_elections")
        ),
        sa.PrimaryKeyConstraint("election_id", "code", name=op.f("pk_units")),
    )
    op.create_table(
        "tally_sheets",
        sa.Column("election_id", CODE, nullable=False),
        sa.Column("station", CODE, nullable=False),
        sa.Column("contest", CODE, nullable=False),
        sa.Column("papers_received", sa.Integer(), nullable=False),
        sa.Column("papers_used", sa.Integer(), nullable=False),
        sa.Column("papers_unused", sa.Integer(), nullable=False),
        sa.Column("papers_spoiled", sa.Integer(), nullable=False),
        sa.Column("cast", sa.Integer(), nullable=False),
        sa.Column("valid", sa.Integer(), nullable=False),
        sa.Column("invalid_blank", sa.Integer(), nullable=True),
        sa.Column("invalid_illegible", sa.Integer(), nullable=True),
        sa.Column("invalid_non_candidate", sa.Integer(), nullable=True),
        sa.Column("invalid_multiple_names", sa.Integer(), nullable=True),
        sa.Column("void", sa.Integer(), nullable=False),
        sa.Column("votes", sa.JSON(), nullable=False),
        sa.CheckConstraint('"cast" >= 0', name=op.f("ck_tally_sheets_cast_non_negative")),
        sa.CheckConstraint(
            '"invalid_blank" >= 0', name=op.f("ck_tally_sheets_invalid_blank_non_negative")
        ),
        sa.CheckConstraint(
            '"invalid_illegible" >= 0', name=op.f("ck_tally_sheets_invalid_illegible_non_negative")
        ),
        sa.CheckConstraint(
            '"invalid_multiple_names" >= 0',
            name=op.f("ck_tally_sheets_invalid_multiple_names_non_negative"),
        ),
        sa.CheckConstraint(
            '"invalid_non_candidate" >= 0',
            name=op.f("ck_tally_sheets_invalid_non_candidate_non_negative"),
        ),
        sa.CheckConstraint(
            '"papers_received" >= 0', name=op.f("ck_tally_sheets_papers_received_non_negative")
        ),
        sa.CheckConstraint(
            '"papers_spoiled" >= 0', name=op.f("ck_tally_sheets_papers_spoiled_non_negative")
        ),
        sa.CheckConstraint(
            '"papers_unused" >= 0', name=op.f("ck_tally_sheets_papers_unused_non_negative")
        ),
        sa.CheckConstraint(
            '"papers_used" >= 0', name=op.f("ck_tally_sheets_papers_used_non_negative")
        ),
        sa.CheckConstraint('"valid" >= 0', name=op.f("ck_tally_sheets_valid_non_negative")),
        sa.CheckConstraint('"void" >= 0', name=op.f("ck_tally_sheets_void_non_negative")),
        sa.ForeignKeyConstraint(
            ["election_id", "station"],
            ["units.election_id", "units.code"],
            name=op.f("fk_tally_sheets_election_id_station_units"),
        ),
        sa.PrimaryKeyConstraint("election_id", "station", "contest", name=op.f("pk_tally_sheets")),
    )


def downgrade() -> None:
    op.drop_table("tally_sheets")
    op.drop_table("units")
    op.drop_table("elections")
