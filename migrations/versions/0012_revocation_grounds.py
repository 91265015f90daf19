"""certificate revocations: the ground (26/2026 Điều 8.1), the conclusion it rests on (Điều 8.4)
and the revocation decision's number and date

Existing revocations (under rulebooks that do not regulate revocation) keep empty values: their
free-text reason is all they had.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 20:10:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

TEXT_COLUMNS = (
    ("ground_code", 4),
    ("conclusion_reference", 200),
    ("decision_number", 60),
)


def upgrade():
    with op.batch_alter_table("certificate_revocations", schema=None) as batch_op:
        for name, length in TEXT_COLUMNS:
            batch_op.add_column(
                sa.Column(name, sa.String(length=length), nullable=False, server_default="")
            )
        batch_op.add_column(sa.Column("conclusion_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("decision_on", sa.Date(), nullable=True))
    with op.batch_alter_table("certificate_revocations", schema=None) as batch_op:
        for name, _length in TEXT_COLUMNS:
            batch_op.alter_column(name, server_default=None)


def downgrade():
    with op.batch_alter_table("certificate_revocations", schema=None) as batch_op:
        for name in ("decision_on", "conclusion_on", "decision_number", "conclusion_reference"):
            batch_op.drop_column(name)
        batch_op.drop_column("ground_code")
