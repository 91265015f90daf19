"""certificates: the product group's name as issued and the version of the signed fact set

Certificates issued before keep fact set 1 (their signature covers only its facts) and an empty
group name; new certificates are signed with fact set 2, every fact the verification page shows.

Revision ID: 0022
Revises: 0014
Create Date: 2026-12-04 01:10:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("certificates", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("group_name", sa.String(length=255), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("facts_version", sa.Integer(), nullable=False, server_default="1")
        )
    with op.batch_alter_table("certificates", schema=None) as batch_op:
        batch_op.alter_column("group_name", server_default=None)
        batch_op.alter_column("facts_version", server_default=None)


def downgrade():
    with op.batch_alter_table("certificates", schema=None) as batch_op:
        batch_op.drop_column("facts_version")
        batch_op.drop_column("group_name")
