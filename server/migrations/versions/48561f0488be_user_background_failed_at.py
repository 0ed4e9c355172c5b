"""user background_failed_at: a station's background sign-in does not count toward the lock-out

A supervisor's PIN login at a station also signs them in at the server with the same PIN, in
the background. When the station's PIN hash differs from the server's (a PIN change not yet
approved, or not yet pulled), each such attempt used to count a failure, and a few logins
locked the person out on the server without a wrong PIN typed. Background attempts now have
their own budget of one failure until a sign-in succeeds (``server.services.user_sessions``).

Revision ID: 48561f0488be
Revises: 6911210d0199
Create Date: 2026-12-06 08:51:23.789374
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "48561f0488be"
down_revision = "6911210d0199"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("background_failed_at", sa.DateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("background_failed_at")
