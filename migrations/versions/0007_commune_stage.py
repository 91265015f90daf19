"""commune stage under 26/2026: the deadline the commune forwarded against and its late reason

The commune has 15 working days from the day it receives a dossier to assess it and forward it
(26/2026 Điều 7.2). Its pre-review keeps the last day of that period as counted when it
forwarded (`deadline_on`) and, for a forwarding after that day, the reason it gave
(`late_reason`). Pre-reviews recorded before (1489/2025, no period) keep both empty.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 19:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("commune_pre_reviews", schema=None) as batch_op:
        batch_op.add_column(sa.Column("deadline_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("late_reason", sa.Text(), nullable=False, server_default=""))


def downgrade():
    with op.batch_alter_table("commune_pre_reviews", schema=None) as batch_op:
        batch_op.drop_column("late_reason")
        batch_op.drop_column("deadline_on")
