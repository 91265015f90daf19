"""dossiers.supplement_due_on: the day by which the secretariat asks for a supplement (optional)

Decision 26/2026/QĐ-TTg sets no deadline for a supplement: the day is the secretariat's own, shown
to the producer and on the home queue, and cleared when the dossier is sent back supplemented.
Dossiers waiting for a supplement when this runs have none.

Revision ID: 0023
Revises: 0020
Create Date: 2026-12-04 05:20:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0023"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("dossiers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("supplement_due_on", sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table("dossiers", schema=None) as batch_op:
        batch_op.drop_column("supplement_due_on")
