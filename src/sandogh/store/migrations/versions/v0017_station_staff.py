"""Station staff by name and their training, hard-to-reach stations' plans, and the catalogue
of stations' past problems (issue 12; `core.readiness.roster`, `core.readiness.remote`).

The staff register's roles become the laws' (head, secretary, member, the governor's
representative, the system user): its rows of the old role `inspector` were the supervisory
board's observers, who are not the station's staff, and are deleted; every other row keeps its
role. The staff keys that sign station reports (`staff_keys`) are not touched.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | None = None
depends_on: str | None = None

# Codes and ids compare byte by byte, whatever the PostgreSQL server's locale.
CODE = sa.String().with_variant(sa.String(collation="C"), "postgresql")
ROLES = ("head", "secretary", "member", "governor-rep", "system-user")
TABLES = (
    "station_past_problems",
    "remote_plans",
    "staff_attendance",
    "staff_sessions",
    "station_workers",
)


def _of_a_unit(table: str, column: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["election_id", column],
        ["units.election_id", "units.code"],
        name=op.f(f"fk_{table}_election_id_{column}_units"),
    )


def upgrade() -> None:
    op.execute(sa.text("DELETE FROM readiness_staff WHERE role = 'inspector'"))
    op.create_table(
        "station_workers",
        sa.Column("election_id", CODE, nullable=False),
        sa.Column("person", CODE, nullable=False),
        sa.Column("station", CODE, nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("role", CODE, nullable=False),
        _of_a_unit("station_workers", "station"),
        sa.CheckConstraint(
            "role IN (" + ", ".join(f"'{r}'" for r in ROLES) + ")",
            name=op.f("ck_station_workers_role"),
        ),
        sa.PrimaryKeyConstraint("election_id", "person", name=op.f("pk_station_workers")),
    )
    op.create_table(
        "staff_sessions",
        sa.Column("election_id", CODE, nullable=False),
        sa.Column("number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("kind", CODE, nullable=False),
        sa.Column("held", sa.Date(), nullable=False),
        sa.Column("place", sa.String(), nullable=False),
        sa.Column("topic", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["election_id"], ["elections.id"], name=op.f("fk_staff_sessions_election_id_elections")
        ),
        sa.CheckConstraint("kind IN ('training', 'briefing')", name=op.f("ck_staff_sessions_kind")),
        sa.PrimaryKeyConstraint("election_id", "number", name=op.f("pk_staff_sessions")),
    )
    op.create_table(
        "staff_attendance",
        sa.Column("election_id", CODE, nullable=False),
        sa.Column("number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("person", CODE, nullable=False),
        sa.ForeignKeyConstraint(
            ["election_id", "number"],
            ["staff_sessions.election_id", "staff_sessions.number"],
            name=op.f("fk_staff_attendance_election_id_number_staff_sessions"),
        ),
        sa.ForeignKeyConstraint(
            ["election_id", "person"],
            ["station_workers.election_id", "station_workers.person"],
            name=op.f("fk_staff_attendance_election_id_person_station_workers"),
        ),
        sa.PrimaryKeyConstraint(
            "election_id", "number", "person", name=op.f("pk_staff_attendance")
        ),
    )
    op.create_table(
        "remote_plans",
        sa.Column("election_id", CODE, nullable=False),
        sa.Column("station", CODE, nullable=False),
        sa.Column("transport", sa.String(), nullable=False),
        sa.Column("helicopter", sa.Boolean(), nullable=False),
        sa.Column("report_grace_minutes", sa.Integer(), nullable=False),
        sa.Column("link_tested", sa.Date(), nullable=True),
        sa.Column("link_ok", sa.Boolean(), nullable=False),
        _of_a_unit("remote_plans", "station"),
        sa.CheckConstraint(
            '"report_grace_minutes" >= 0',
            name=op.f("ck_remote_plans_report_grace_minutes_non_negative"),
        ),
        sa.PrimaryKeyConstraint("election_id", "station", name=op.f("pk_remote_plans")),
    )
    op.create_table(
        "station_past_problems",
        sa.Column("station", CODE, nullable=False),
        sa.Column("number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("election", CODE, nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("station", "number", name=op.f("pk_station_past_problems")),
    )


def downgrade() -> None:
    for table in TABLES:
        op.drop_table(table)
    # The observers' rows deleted on the way up are not staff, and do not come back.
