"""certificate revocations: who signs the revocation decision (26/2026 Điều 8.3.c)

Revocations decided before keep empty values: their decision printed no name.

Revision ID: 0019
Revises: 0013
Create Date: 2026-12-03 22:20:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0019"
down_revision = "0013"
branch_labels = None
depends_on = None

COLUMNS = ("signer_title", "signer_name")


def upgrade():
    with op.batch_alter_table("certificate_revocations", schema=None) as batch_op:
        for name in COLUMNS:
            batch_op.add_column(
                sa.Column(name, sa.String(length=200), nullable=False, server_default="")
            )
    with op.batch_alter_table("certificate_revocations", schema=None) as batch_op:
        for name in COLUMNS:
            batch_op.alter_column(name, server_default=None)


def downgrade():
    with op.batch_alter_table("certificate_revocations", schema=None) as batch_op:
        for name in reversed(COLUMNS):
            batch_op.drop_column(name)
