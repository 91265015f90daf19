"""dossiers: the self-assessment's description and evidence per criterion (Mẫu 02 Phần III)

26/2026 Phụ lục III Mẫu số 02 Phần III: the producer describes, criterion by criterion, the
result it expects and lists the documents that prove it; an upgrade or a re-evaluation also says
what changed since recognition (Điều 6.1.b–c). One claim per dossier and criterion, and the
documents of the dossier that prove it; removing a document (or the claim) drops its links.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 19:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "self_assessment_claims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("criterion_code", sa.String(length=20), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossiers.id"],
            name=op.f("fk_self_assessment_claims_dossier_id_dossiers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_self_assessment_claims")),
        sa.UniqueConstraint(
            "dossier_id",
            "criterion_code",
            name=op.f("uq_self_assessment_claims_dossier_id_criterion_code"),
        ),
    )
    with op.batch_alter_table("self_assessment_claims", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_self_assessment_claims_dossier_id"), ["dossier_id"], unique=False
        )
    op.create_table(
        "self_assessment_evidence",
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["self_assessment_claims.id"],
            name=op.f("fk_self_assessment_evidence_claim_id_self_assessment_claims"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["dossier_documents.id"],
            name=op.f("fk_self_assessment_evidence_document_id_dossier_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "claim_id", "document_id", name=op.f("pk_self_assessment_evidence")
        ),
    )
    with op.batch_alter_table("self_assessment_evidence", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_self_assessment_evidence_document_id"), ["document_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("self_assessment_evidence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_self_assessment_evidence_document_id"))
    op.drop_table("self_assessment_evidence")
    with op.batch_alter_table("self_assessment_claims", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_self_assessment_claims_dossier_id"))
    op.drop_table("self_assessment_claims")
