"""units: official code, division type and a folded name; dossiers: the 26/2026 product code and
the registration numbers of Mẫu 01, with their counters

`administrative_units.official_code` (QĐ 19/2025/QĐ-TTg: a province's 2 digits, a commune's 5)
and `division_type` are empty for every existing unit until `flask units sync` fills them.
`search_name` is the name folded for search (no diacritics, lower case), filled here for the
existing units; the fold is written out here, not imported, so the migration means tomorrow what
it means today.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 19:00:00.000000

"""

import re
import unicodedata

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

units = sa.table(
    "administrative_units",
    sa.column("id", sa.Integer),
    sa.column("name", sa.String),
    sa.column("search_name", sa.String),
)


def fold(text: str) -> str:
    plain = (text or "").replace("đ", "d").replace("Đ", "D")
    plain = re.sub("[\u0300-\u036f]", "", unicodedata.normalize("NFD", plain))
    return " ".join(plain.lower().split())


def fill_search_names(connection) -> None:
    rows = connection.execute(sa.select(units.c.id, units.c.name)).all()
    for unit_id, name in rows:
        connection.execute(
            sa.update(units).where(units.c.id == unit_id).values(search_name=fold(name))
        )


def upgrade():
    with op.batch_alter_table("administrative_units", schema=None) as batch_op:
        batch_op.add_column(sa.Column("official_code", sa.String(length=5), nullable=True))
        batch_op.add_column(sa.Column("division_type", sa.String(length=16), nullable=True))
        batch_op.add_column(
            sa.Column("search_name", sa.String(length=200), nullable=False, server_default="")
        )
        batch_op.create_unique_constraint(
            batch_op.f("uq_administrative_units_official_code"), ["official_code"]
        )
        batch_op.create_index(
            batch_op.f("ix_administrative_units_search_name"), ["search_name"], unique=False
        )
    fill_search_names(op.get_bind())
    with op.batch_alter_table("administrative_units", schema=None) as batch_op:
        batch_op.alter_column("search_name", server_default=None)

    with op.batch_alter_table("dossiers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("product_code", sa.String(length=40), nullable=True))
        batch_op.add_column(
            sa.Column("commune_registration_number", sa.String(length=60), nullable=True)
        )
        batch_op.add_column(sa.Column("commune_registration_on", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column("province_registration_number", sa.String(length=60), nullable=True)
        )
        batch_op.add_column(sa.Column("province_registration_on", sa.Date(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_dossiers_product_code"), ["product_code"], unique=False
        )

    op.create_table(
        "dossier_number_counters",
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("series", sa.String(length=20), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["administrative_units.id"],
            name=op.f("fk_dossier_number_counters_unit_id_administrative_units"),
        ),
        sa.PrimaryKeyConstraint(
            "unit_id", "year", "series", name=op.f("pk_dossier_number_counters")
        ),
    )


def downgrade():
    op.drop_table("dossier_number_counters")
    with op.batch_alter_table("dossiers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dossiers_product_code"))
        batch_op.drop_column("province_registration_on")
        batch_op.drop_column("province_registration_number")
        batch_op.drop_column("commune_registration_on")
        batch_op.drop_column("commune_registration_number")
        batch_op.drop_column("product_code")
    with op.batch_alter_table("administrative_units", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_administrative_units_search_name"))
        batch_op.drop_constraint(
            batch_op.f("uq_administrative_units_official_code"), type_="unique"
        )
        batch_op.drop_column("search_name")
        batch_op.drop_column("division_type")
        batch_op.drop_column("official_code")
