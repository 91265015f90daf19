"""users.invitation_pending: an invited account with no password chosen gets no reset link

Existing accounts start as not pending: an invitation still open when this runs behaves as
before (its link is valid for a week at most).

Revision ID: 0021
Revises: 0014
Create Date: 2026-12-04 01:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0021"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(
            sa.Column(
                "invitation_pending", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
    with op.batch_alter_table("users") as batch_op:
        batch_op.alter_column("invitation_pending", server_default=None)


def downgrade():
    with op.batch_alter_table("users") as batch_op:
        batch_op.drop_column("invitation_pending")
