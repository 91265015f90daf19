"""dossiers: the registration forms of 26/2026 Phụ lục III (Mẫu số 01 and Mẫu số 02, Phần I, II, IV)

One row per dossier, created when the producer first saves either form.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 19:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "dossier_registrations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("unit_name", sa.String(length=255), nullable=False),
        sa.Column("representative_name", sa.String(length=200), nullable=False),
        sa.Column("representative_title", sa.String(length=100), nullable=False),
        sa.Column("address", sa.String(length=255), nullable=False),
        sa.Column("phone", sa.String(length=30), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("product_name", sa.String(length=255), nullable=False),
        sa.Column("signing_place", sa.String(length=100), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=True),
        sa.Column("form_01_saved_at", sa.DateTime(), nullable=True),
        sa.Column("legal_form", sa.String(length=100), nullable=False),
        sa.Column(
            "representative_gender",
            sa.Enum("male", "female", name="gender", native_enum=False, length=10),
            nullable=True,
        ),
        sa.Column("representative_ethnicity", sa.String(length=50), nullable=False),
        sa.Column("representative_residence", sa.String(length=255), nullable=False),
        sa.Column("established_on", sa.Date(), nullable=True),
        sa.Column("registration_number", sa.String(length=50), nullable=False),
        sa.Column("product_description", sa.Text(), nullable=False),
        sa.Column("has_business_registration", sa.Boolean(), nullable=False),
        sa.Column("has_quality_declaration", sa.Boolean(), nullable=False),
        sa.Column("has_food_safety_certificate", sa.Boolean(), nullable=False),
        sa.Column("has_production_certificate", sa.Boolean(), nullable=False),
        sa.Column("ip_trademark", sa.Boolean(), nullable=False),
        sa.Column("ip_collective_rights", sa.Boolean(), nullable=False),
        sa.Column("ip_patent", sa.Boolean(), nullable=False),
        sa.Column("ip_industrial_design", sa.Boolean(), nullable=False),
        sa.Column("ip_copyright", sa.Boolean(), nullable=False),
        sa.Column("ip_other", sa.String(length=255), nullable=False),
        sa.Column("history", sa.Text(), nullable=False),
        sa.Column("organisation_structure", sa.Text(), nullable=False),
        sa.Column("raw_materials_and_technology", sa.Text(), nullable=False),
        sa.Column("quality_changes", sa.Text(), nullable=False),
        sa.Column("markets", sa.Text(), nullable=False),
        sa.Column("business_results", sa.Text(), nullable=False),
        sa.Column("business_plan", sa.Text(), nullable=False),
        sa.Column("form_02_saved_at", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossiers.id"],
            name=op.f("fk_dossier_registrations_dossier_id_dossiers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossier_registrations")),
        sa.UniqueConstraint("dossier_id", name=op.f("uq_dossier_registrations_dossier_id")),
    )


def downgrade():
    op.drop_table("dossier_registrations")
