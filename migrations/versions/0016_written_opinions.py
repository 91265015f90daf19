"""written opinions for re-evaluations (26/2026 Điều 7.6.d): a session's mode, the meeting the
chair convenes for a dossier, members' requests for a meeting

Revision ID: 0016
Revises: 0019
Create Date: 2026-12-03 21:50:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0016"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade():
    # Plain ADD/DROP COLUMN: on SQLite a batch copy of these two tables would break the score
    # sheets' triggers, which read them (0004).
    op.add_column(
        "council_sessions",
        sa.Column(
            "mode",
            sa.Enum("meeting", "written", name="sessionmode", native_enum=False, length=16),
            nullable=False,
            server_default="meeting",
        ),
    )
    if op.get_bind().dialect.name != "sqlite":
        op.alter_column("council_sessions", "mode", server_default=None)
    op.add_column("agenda_items", sa.Column("convened_at", sa.DateTime(), nullable=True))
    op.create_table(
        "meeting_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("requested_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["agenda_items.id"], name=op.f("fk_meeting_requests_item_id_agenda_items")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["council_members.id"],
            name=op.f("fk_meeting_requests_member_id_council_members"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_requests")),
        sa.UniqueConstraint(
            "item_id", "member_id", name=op.f("uq_meeting_requests_item_id_member_id")
        ),
    )
    with op.batch_alter_table("meeting_requests", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_requests_item_id"), ["item_id"], unique=False)


def downgrade():
    with op.batch_alter_table("meeting_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_requests_item_id"))
    op.drop_table("meeting_requests")
    op.drop_column("agenda_items", "convened_at")
    op.drop_column("council_sessions", "mode")
