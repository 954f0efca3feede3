"""Running totals of results per unit, constituency and contest (issue 14).

Creates `results_totals`, `results_total_votes` and `results_totals_filled`. The totals of an
election stored before are not counted here: the definition and the decisions they need are read
by sandogh's own code, so the first read or write of the election's results after the upgrade
counts them in full, in its transaction, and names the election in `results_totals_filled`
(`services.totals`); an upgraded centre answers the same figures. Going down drops the tables.

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | None = None
depends_on: str | None = None

CODE = sa.String().with_variant(sa.String(collation="C"), "postgresql")
_FIGURES = (
    "stations_reported",
    "papers_received",
    "papers_used",
    "papers_unused",
    "papers_spoiled",
    "cast",
    "valid",
)
_INVALID = (
    "invalid_blank",
    "invalid_illegible",
    "invalid_non_candidate",
    "invalid_multiple_names",
    "invalid_crossed_out",
)
_PLACE = ("election_id", "scope", "code", "contest")  # a unit's rows together, by its code


def _election(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["election_id"], ["elections.id"], name=op.f(f"fk_{table}_election_id_elections")
    )


def upgrade() -> None:
    op.create_table(
        "results_totals_filled",
        sa.Column("election_id", CODE, nullable=False),
        sa.Column("definition_hash", sa.String(), nullable=False),
        _election("results_totals_filled"),
        sa.PrimaryKeyConstraint("election_id", name=op.f("pk_results_totals_filled")),
    )
    op.create_table(
        "results_totals",
        *(sa.Column(name, CODE, nullable=False) for name in _PLACE),
        *(sa.Column(name, sa.Integer(), nullable=False) for name in _FIGURES),
        *(sa.Column(name, sa.Integer(), nullable=True) for name in _INVALID),
        sa.Column("void", sa.Integer(), nullable=False),
        _election("results_totals"),
        sa.PrimaryKeyConstraint(*_PLACE, name=op.f("pk_results_totals")),
    )
    op.create_table(
        "results_total_votes",
        *(sa.Column(name, CODE, nullable=False) for name in (*_PLACE, "candidate")),
        sa.Column("votes", sa.Integer(), nullable=False),
        _election("results_total_votes"),
        sa.PrimaryKeyConstraint(*_PLACE, "candidate", name=op.f("pk_results_total_votes")),
    )


def downgrade() -> None:
    op.drop_table("results_total_votes")
    op.drop_table("results_totals")
    op.drop_table("results_totals_filled")
