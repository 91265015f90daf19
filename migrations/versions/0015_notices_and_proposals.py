"""the written notice of a result (26/2026 Điều 7.3.g, 7.4.g); the approval and proposal of a
product from 90 points to the ministry (Điều 7.3.e, 6.3)

Revision ID: 0015
Revises: 0016
Create Date: 2026-12-03 22:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0015"
down_revision = "0016"
branch_labels = None
depends_on = None


def fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}")
    )


def upgrade():
    op.create_table(
        "result_notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("result_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=60), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=False),
        sa.Column("sent_by_id", sa.Integer(), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=False),
        sa.Column("is_demo", sa.Boolean(), nullable=False),
        fk("result_notices", "result_id", "final_results"),
        fk("result_notices", "unit_id", "administrative_units"),
        fk("result_notices", "sent_by_id", "users"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_result_notices")),
        sa.UniqueConstraint("result_id", name=op.f("uq_result_notices_result_id")),
        sa.UniqueConstraint("unit_id", "number", name=op.f("uq_result_notices_unit_id_number")),
    )
    op.create_index(op.f("ix_result_notices_unit_id"), "result_notices", ["unit_id"])
    op.create_table(
        "five_star_proposals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("result_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("approval_number", sa.String(length=60), nullable=False),
        sa.Column("approved_on", sa.Date(), nullable=False),
        sa.Column("issuing_body", sa.String(length=255), nullable=False),
        sa.Column("place", sa.String(length=100), nullable=False),
        sa.Column("signer_name", sa.String(length=200), nullable=False),
        sa.Column("signer_title", sa.String(length=200), nullable=False),
        sa.Column("approved_by_id", sa.Integer(), nullable=True),
        sa.Column("approved_at", sa.DateTime(), nullable=False),
        sa.Column("letter_number", sa.String(length=60), nullable=True),
        sa.Column("letter_on", sa.Date(), nullable=True),
        sa.Column("forwarding_id", sa.Integer(), nullable=True),
        sa.Column("sent_by_id", sa.Integer(), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("is_demo", sa.Boolean(), nullable=False),
        fk("five_star_proposals", "result_id", "final_results"),
        fk("five_star_proposals", "unit_id", "administrative_units"),
        fk("five_star_proposals", "approved_by_id", "users"),
        fk("five_star_proposals", "forwarding_id", "forwardings"),
        fk("five_star_proposals", "sent_by_id", "users"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_five_star_proposals")),
        sa.UniqueConstraint("result_id", name=op.f("uq_five_star_proposals_result_id")),
        sa.UniqueConstraint("forwarding_id", name=op.f("uq_five_star_proposals_forwarding_id")),
        sa.UniqueConstraint(
            "unit_id", "approval_number", name=op.f("uq_five_star_proposals_unit_id_approval_number")
        ),
    )
    op.create_index(op.f("ix_five_star_proposals_unit_id"), "five_star_proposals", ["unit_id"])


def downgrade():
    op.drop_index(op.f("ix_five_star_proposals_unit_id"), table_name="five_star_proposals")
    op.drop_table("five_star_proposals")
    op.drop_index(op.f("ix_result_notices_unit_id"), table_name="result_notices")
    op.drop_table("result_notices")
