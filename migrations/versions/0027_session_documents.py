"""Built session documents: built_documents, the cache of each session document (minutes, score
table) for a stamp of the session's data, and the background job building a large one

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-04 18:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "built_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("stamp", sa.String(length=64), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "queued",
                "running",
                "done",
                "failed",
                name="documentjobstate",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("file_id", sa.Integer(), nullable=True),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("requested_by_id", sa.Integer(), nullable=True),
        sa.Column("requested_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("heartbeat_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["council_sessions.id"],
            name=op.f("fk_built_documents_session_id_council_sessions"),
        ),
        sa.ForeignKeyConstraint(
            ["file_id"], ["stored_files.id"], name=op.f("fk_built_documents_file_id_stored_files")
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_id"],
            ["users.id"],
            name=op.f("fk_built_documents_requested_by_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_built_documents")),
    )
    with op.batch_alter_table("built_documents", schema=None) as batch_op:
        batch_op.create_index(
            "ix_built_documents_lookup", ["session_id", "kind", "stamp"], unique=False
        )


def downgrade():
    with op.batch_alter_table("built_documents", schema=None) as batch_op:
        batch_op.drop_index("ix_built_documents_lookup")
    op.drop_table("built_documents")
