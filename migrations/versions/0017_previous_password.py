"""users.previous_password_hash: a password cannot be changed back to the one before it

Revision ID: 0017
Revises: 0015
Create Date: 2026-12-03 22:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0017"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(
            sa.Column("previous_password_hash", sa.String(length=255), nullable=True)
        )


def downgrade():
    with op.batch_alter_table("users") as batch_op:
        batch_op.drop_column("previous_password_hash")
