"""organisations.state, registration_certificates and tax_code_disputes (issue 13, item 9): a tax code is held once it is verified, a disputed one has a path

Existing organisations were entered by the staff or the demo: they are marked verified.

Revision ID: 0020
Revises: 0014
Create Date: 2026-12-04 00:55:18.455382

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0020"
down_revision = "0022"
branch_labels = None
depends_on = None

ORGANISATION_STATE = sa.Enum(
    "pending",
    "refused",
    "verified",
    "claiming",
    "suspended",
    name="organisationstate",
    native_enum=False,
    length=16,
)


def upgrade():
    op.create_table(
        "tax_code_disputes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tax_code", sa.String(length=20), nullable=False),
        sa.Column("claimant_id", sa.Integer(), nullable=False),
        sa.Column("holder_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("statement", sa.Text(), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "open", "upheld", "rejected", name="disputestate", native_enum=False, length=16
            ),
            nullable=False,
        ),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("filed_at", sa.DateTime(), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["claimant_id"],
            ["organisations.id"],
            name=op.f("fk_tax_code_disputes_claimant_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["users.id"], name=op.f("fk_tax_code_disputes_decided_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["stored_files.id"],
            name=op.f("fk_tax_code_disputes_document_id_stored_files"),
        ),
        sa.ForeignKeyConstraint(
            ["holder_id"],
            ["organisations.id"],
            name=op.f("fk_tax_code_disputes_holder_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tax_code_disputes")),
    )
    with op.batch_alter_table("tax_code_disputes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_tax_code_disputes_claimant_id"), ["claimant_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_tax_code_disputes_holder_id"), ["holder_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_tax_code_disputes_tax_code"), ["tax_code"], unique=False
        )

    op.create_table(
        "registration_certificates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("tax_code", sa.String(length=20), nullable=False),
        sa.Column("file_id", sa.Integer(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["file_id"],
            ["stored_files.id"],
            name=op.f("fk_registration_certificates_file_id_stored_files"),
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_registration_certificates_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registration_certificates")),
    )
    with op.batch_alter_table("registration_certificates", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_registration_certificates_organisation_id"),
            ["organisation_id"],
            unique=False,
        )

    # The rows already there were entered by the staff or the demo: verified.
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("state", ORGANISATION_STATE, nullable=False, server_default="verified")
        )
        batch_op.add_column(
            sa.Column("verification_note", sa.Text(), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("verified_at", sa.DateTime(), nullable=True))
        batch_op.alter_column("tax_code", existing_type=sa.VARCHAR(length=20), nullable=True)
    # New rows take their state from the application (pending unless staff made them).
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.alter_column("state", existing_type=ORGANISATION_STATE, server_default=None)
        batch_op.alter_column("verification_note", existing_type=sa.Text(), server_default=None)


def downgrade():
    # An organisation without a tax code (claiming, or suspended after losing it) gets a
    # placeholder so that the column can be NOT NULL again.
    op.execute("UPDATE organisations SET tax_code = 'none-' || id WHERE tax_code IS NULL")
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.alter_column("tax_code", existing_type=sa.VARCHAR(length=20), nullable=False)
        batch_op.drop_column("verified_at")
        batch_op.drop_column("verification_note")
        batch_op.drop_column("state")

    with op.batch_alter_table("tax_code_disputes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tax_code_disputes_tax_code"))
        batch_op.drop_index(batch_op.f("ix_tax_code_disputes_holder_id"))
        batch_op.drop_index(batch_op.f("ix_tax_code_disputes_claimant_id"))

    op.drop_table("tax_code_disputes")
    with op.batch_alter_table("registration_certificates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_registration_certificates_organisation_id"))
    op.drop_table("registration_certificates")
