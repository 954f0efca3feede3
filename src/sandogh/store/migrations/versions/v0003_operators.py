"""Operators: accounts, sessions, failed log-in counters and security alerts (issue 4, items 1, 2).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None

# Codes and ids compare byte by byte, whatever the PostgreSQL server's locale.
CODE = sa.String().with_variant(sa.String(collation="C"), "postgresql")
INSTANT = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "operators",
        sa.Column("username", CODE, nullable=False),
        sa.Column("display_name", sa.String(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("place", CODE, nullable=False),
        sa.Column("password_hash", sa.String(), nullable=False),
        sa.Column("totp_secret", sa.String(), nullable=True),
        sa.Column("totp_step", sa.BigInteger(), nullable=True),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("locked_until", INSTANT, nullable=True),
        sa.Column("added_at", INSTANT, nullable=False),
        sa.PrimaryKeyConstraint("username", name=op.f("pk_operators")),
    )
    op.create_table(
        "operator_sessions",
        sa.Column("token_hash", CODE, nullable=False),
        sa.Column("username", CODE, nullable=False),
        sa.Column("csrf_token", sa.String(), nullable=False),
        sa.Column("started_at", INSTANT, nullable=False),
        sa.Column("last_seen_at", INSTANT, nullable=False),
        sa.Column("expires_at", INSTANT, nullable=False),
        sa.ForeignKeyConstraint(
            ["username"],
            ["operators.username"],
            name=op.f("fk_operator_sessions_username_operators"),
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_operator_sessions")),
    )
    op.create_index(op.f("ix_operator_sessions_username"), "operator_sessions", ["username"])
    op.create_table(
        "login_counters",
        sa.Column("key", CODE, nullable=False),
        sa.Column("window_start", INSTANT, nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key", "window_start", name=op.f("pk_login_counters")),
    )
    op.create_index("ix_login_counters_window_start", "login_counters", ["window_start"])
    op.create_table(
        "security_alerts",
        sa.Column("kind", CODE, nullable=False),
        sa.Column("subject", CODE, nullable=False),
        sa.Column("window_start", INSTANT, nullable=False),
        sa.Column("at", INSTANT, nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "subject", "window_start", name=op.f("pk_security_alerts")),
    )
    op.create_index(op.f("ix_security_alerts_at"), "security_alerts", ["at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_security_alerts_at"), table_name="security_alerts")
    op.drop_table("security_alerts")
    op.drop_index("ix_login_counters_window_start", table_name="login_counters")
    op.drop_table("login_counters")
    op.drop_index(op.f("ix_operator_sessions_username"), table_name="operator_sessions")
    op.drop_table("operator_sessions")
    op.drop_table("operators")
