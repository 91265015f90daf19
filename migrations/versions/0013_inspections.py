"""post-recognition inspection (26/2026 Điều 9): plans, the certificates they list, records, evidence files

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 20:30:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}")
    )


def upgrade():
    op.create_table(
        "inspection_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("periodic", "ad_hoc", name="inspectionkind", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=255), nullable=False),
        sa.Column("period", sa.String(length=60), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        fk("inspection_plans", "unit_id", "administrative_units"),
        fk("inspection_plans", "created_by_id", "users"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inspection_plans")),
    )
    with op.batch_alter_table("inspection_plans", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_inspection_plans_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "inspection_targets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("certificate_id", sa.Integer(), nullable=False),
        fk("inspection_targets", "plan_id", "inspection_plans"),
        fk("inspection_targets", "certificate_id", "certificates"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inspection_targets")),
        sa.UniqueConstraint(
            "plan_id", "certificate_id", name=op.f("uq_inspection_targets_plan_id_certificate_id")
        ),
    )
    with op.batch_alter_table("inspection_targets", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_inspection_targets_plan_id"), ["plan_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_inspection_targets_certificate_id"), ["certificate_id"], unique=False
        )

    op.create_table(
        "inspection_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("certificate_id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=150), nullable=False),
        sa.Column("inspected_on", sa.Date(), nullable=False),
        sa.Column("inspectors", sa.Text(), nullable=False),
        sa.Column("criteria", sa.Text(), nullable=False),
        sa.Column("mark_used_correctly", sa.Boolean(), nullable=False),
        sa.Column("mark_note", sa.Text(), nullable=False),
        sa.Column("findings", sa.Text(), nullable=False),
        sa.Column(
            "conclusion",
            sa.Enum(
                "maintained",
                "not_maintained",
                name="inspectionconclusion",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("revocation_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        fk("inspection_records", "target_id", "inspection_targets"),
        fk("inspection_records", "certificate_id", "certificates"),
        fk("inspection_records", "revocation_id", "certificate_revocations"),
        fk("inspection_records", "recorded_by_id", "users"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inspection_records")),
        sa.UniqueConstraint("target_id", name=op.f("uq_inspection_records_target_id")),
    )
    with op.batch_alter_table("inspection_records", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_inspection_records_certificate_id"), ["certificate_id"], unique=False
        )

    op.create_table(
        "inspection_evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("file_id", sa.Integer(), nullable=False),
        fk("inspection_evidence", "record_id", "inspection_records"),
        fk("inspection_evidence", "file_id", "stored_files"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inspection_evidence")),
        sa.UniqueConstraint("file_id", name=op.f("uq_inspection_evidence_file_id")),
    )
    with op.batch_alter_table("inspection_evidence", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_inspection_evidence_record_id"), ["record_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("inspection_evidence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_inspection_evidence_record_id"))
    op.drop_table("inspection_evidence")
    with op.batch_alter_table("inspection_records", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_inspection_records_certificate_id"))
    op.drop_table("inspection_records")
    with op.batch_alter_table("inspection_targets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_inspection_targets_certificate_id"))
        batch_op.drop_index(batch_op.f("ix_inspection_targets_plan_id"))
    op.drop_table("inspection_targets")
    with op.batch_alter_table("inspection_plans", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_inspection_plans_unit_id"))
    op.drop_table("inspection_plans")
