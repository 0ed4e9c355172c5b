"""user server uid and retired badges

Pulled users were matched by badge code only, so a badge changed on the server reached the
station as a second person and the old badge kept logging in. Users now carry the server's
identity (``server_uid``, matched first by ``app.sync.apply``), and the codes they had before
are kept (``retired_badges``) so that scanning one says "replaced", not "unknown".

A station that has pulled before holds users the server will not send again until they
change, so their identity would stay unknown: the migration asks the sync engine to fetch every
user once (``app.sync.engine.USERS_REFRESH_KEY``). A new database needs no such refresh (its
first pull brings every user).

Revision ID: b3eee8de0a82
Revises: c1ead5d75400
Create Date: 2026-12-06 08:29:02.419311
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "b3eee8de0a82"
down_revision = "c1ead5d75400"
branch_labels = None
depends_on = None

USERS_REFRESH_KEY = "users_refresh"  # app.sync.engine.USERS_REFRESH_KEY
CURSOR_KEY = "pull_cursor"  # app.sync.engine.CURSOR_KEY


def upgrade() -> None:
    op.create_table(
        "retired_badges",
        sa.Column("badge_code", sa.String(length=40), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_retired_badges_user_id_users")
        ),
        sa.PrimaryKeyConstraint("badge_code", name=op.f("pk_retired_badges")),
    )
    with op.batch_alter_table("retired_badges", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_retired_badges_user_id"), ["user_id"], unique=False)

    # Adding a column and a unique index needs no table copy in SQLite (the users table is
    # referenced by the audit log and the pick history, so a copy would be slow and risky).
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("server_uid", sa.String(length=36), nullable=True))
        batch_op.create_index(batch_op.f("ix_users_server_uid"), ["server_uid"], unique=True)

    state = sa.table("sync_state", sa.column("key", sa.String), sa.column("value", sa.Text))
    bind = op.get_bind()
    cursor = bind.execute(sa.select(state.c.value).where(state.c.key == CURSOR_KEY)).scalar()
    if cursor not in (None, "0"):
        bind.execute(sa.insert(state).values(key=USERS_REFRESH_KEY, value="needed"))


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM sync_state WHERE key = 'users_refresh'"))
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_users_server_uid"))
        batch_op.drop_column("server_uid")

    with op.batch_alter_table("retired_badges", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_retired_badges_user_id"))

    op.drop_table("retired_badges")
