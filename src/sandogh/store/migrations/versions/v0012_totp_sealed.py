"""Operators' TOTP secrets sealed with the server key (issue 9, section 4, "TOTP secrets in
clear"; `server.server_key`).

A migration cannot read the server key, so the secrets already stored stay in `totp_secret`
until `sandogh user seal-totp` moves each, sealed, to `totp_sealed`; the centre refuses to start
while one is left in clear.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("operators") as batch:
        batch.add_column(sa.Column("totp_sealed", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("operators") as batch:
        batch.drop_column("totp_sealed")
