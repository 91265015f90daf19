"""sheet_versions: the criteria sheet library (issue 15), seeded with the shipped sheets as
published version 1; dossiers and final results record the version they are scored on

Existing dossiers and results are pinned to the seeded version of their sheet (the only one
there was); a dossier whose sheet is not among the shipped sheets keeps no version and is scored
on the published version of its code, once there is one.

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-04 05:40:00.000000

"""

import sqlalchemy as sa
from alembic import op

from evalapp.sheets.shipped import sync_shipped

# revision identifiers, used by Alembic.
revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "sheet_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rulebook_code", sa.String(length=40), nullable=False),
        sa.Column("code", sa.String(length=60), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "draft", "published", "retired", name="versionstate", native_enum=False, length=16
            ),
            nullable=False,
        ),
        sa.Column(
            "source",
            sa.Enum("shipped", "imported", name="versionsource", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("subgroups", sa.JSON(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("legal_basis", sa.Text(), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=True),
        sa.Column("effective_until", sa.Date(), nullable=True),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("imported_by_id", sa.Integer(), nullable=True),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("published_by_id", sa.Integer(), nullable=True),
        sa.Column("published_at", sa.DateTime(), nullable=True),
        sa.Column("retired_by_id", sa.Integer(), nullable=True),
        sa.Column("retired_at", sa.DateTime(), nullable=True),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["imported_by_id"], ["users.id"], name=op.f("fk_sheet_versions_imported_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["published_by_id"], ["users.id"], name=op.f("fk_sheet_versions_published_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["retired_by_id"], ["users.id"], name=op.f("fk_sheet_versions_retired_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sheet_versions")),
        sa.UniqueConstraint(
            "rulebook_code",
            "code",
            "number",
            name=op.f("uq_sheet_versions_rulebook_code_code_number"),
        ),
    )
    with op.batch_alter_table("sheet_versions") as batch_op:
        batch_op.create_index(batch_op.f("ix_sheet_versions_rulebook_code"), ["rulebook_code"])
        batch_op.create_index(batch_op.f("ix_sheet_versions_state"), ["state"])
        batch_op.create_index(batch_op.f("ix_sheet_versions_digest"), ["digest"])
        batch_op.create_index(batch_op.f("ix_sheet_versions_changed_at"), ["changed_at"])
    with op.batch_alter_table("dossiers") as batch_op:
        batch_op.add_column(sa.Column("sheet_version_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_dossiers_sheet_version_id_sheet_versions"),
            "sheet_versions",
            ["sheet_version_id"],
            ["id"],
        )
    with op.batch_alter_table("final_results") as batch_op:
        batch_op.add_column(sa.Column("sheet_version_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_final_results_sheet_version_id_sheet_versions"),
            "sheet_versions",
            ["sheet_version_id"],
            ["id"],
        )
    connection = op.get_bind()
    sync_shipped(connection)
    connection.execute(
        sa.text(
            "UPDATE dossiers SET sheet_version_id = (SELECT v.id FROM sheet_versions v, "
            "evaluation_rounds r WHERE r.id = dossiers.round_id AND v.rulebook_code = "
            "r.rulebook_code AND v.code = dossiers.sheet_code AND v.state = 'published') "
            "WHERE sheet_code IS NOT NULL"
        )
    )
    connection.execute(
        sa.text(
            "UPDATE final_results SET sheet_version_id = (SELECT v.id FROM sheet_versions v "
            "WHERE v.rulebook_code = final_results.rulebook_code AND v.code = "
            "final_results.sheet_code AND v.state = 'published')"
        )
    )


def downgrade():
    with op.batch_alter_table("final_results") as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_final_results_sheet_version_id_sheet_versions"), type_="foreignkey"
        )
        batch_op.drop_column("sheet_version_id")
    with op.batch_alter_table("dossiers") as batch_op:
        batch_op.drop_constraint("fk_dossiers_sheet_version_id_sheet_versions", type_="foreignkey")
        batch_op.drop_column("sheet_version_id")
    op.drop_table("sheet_versions")
