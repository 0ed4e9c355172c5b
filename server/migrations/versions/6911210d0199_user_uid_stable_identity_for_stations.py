"""user uid: stable identity for stations

Stations matched users by badge code only, so a reissued badge reached them as a new person
while the old badge kept working. Each user gets a random UUID that stations store and match
on (``app.sync.apply``). Existing users get theirs here, one each.

Revision ID: 6911210d0199
Revises: a3653bcf9fa8
Create Date: 2026-12-06 08:26:47.029626
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "6911210d0199"
down_revision = "a3653bcf9fa8"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("uid", sa.String(length=36), nullable=True))
    users = sa.table("users", sa.column("id", sa.Integer), sa.column("uid", sa.String))
    bind = op.get_bind()
    ids = [row[0] for row in bind.execute(sa.select(users.c.id))]
    for user_id in ids:
        bind.execute(
            sa.update(users).where(users.c.id == user_id).values(uid=str(uuid.uuid4()))
        )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.alter_column("uid", existing_type=sa.String(length=36), nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_users_uid"), ["uid"])


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_users_uid"), type_="unique")
        batch_op.drop_column("uid")
