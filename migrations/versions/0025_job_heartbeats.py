"""Print jobs that cannot hang: certificate_print_jobs.attempt and .heartbeat_at, and
job_worker_beats (one row per job worker process, its last beat)

A job whose attempt shows no sign of life for JOBS_HEARTBEAT_TIMEOUT_SECONDS is queued again as
the next attempt or marked failed. Jobs already in the table are their first attempt, with no
heartbeat yet (their request time stands for it).

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-04 14:00:00.000000

"""

import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("certificate_print_jobs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("attempt", sa.Integer(), nullable=False, server_default="1"))
        batch_op.add_column(sa.Column("heartbeat_at", sa.DateTime(), nullable=True))
    with op.batch_alter_table("certificate_print_jobs", schema=None) as batch_op:
        batch_op.alter_column("attempt", server_default=None)

    op.create_table(
        "job_worker_beats",
        sa.Column("worker_id", sa.String(length=120), nullable=False),
        sa.Column("hostname", sa.String(length=255), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("beat_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("worker_id", name=op.f("pk_job_worker_beats")),
    )
    with op.batch_alter_table("job_worker_beats", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_job_worker_beats_beat_at"), ["beat_at"], unique=False)


def downgrade():
    with op.batch_alter_table("job_worker_beats", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_job_worker_beats_beat_at"))
    op.drop_table("job_worker_beats")
    with op.batch_alter_table("certificate_print_jobs", schema=None) as batch_op:
        batch_op.drop_column("heartbeat_at")
        batch_op.drop_column("attempt")
