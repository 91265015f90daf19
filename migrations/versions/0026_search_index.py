"""Search served by an index: a folded `search_text` on certificates, products, dossiers,
organisations and users, with a trigram index (PostgreSQL, pg_trgm) or an FTS5 trigram table
(SQLite) over it

The column holds the searched names folded in Python (`evalapp.common.text.fold`, "Giỏ cói" →
"gio coi"), filled here for the rows already there. pg_trgm is a trusted extension: the
database's owner may create it (README, "Search at a province's scale").

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-04 18:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

from evalapp.common.search import create_index_ddl, drop_index_ddl, folded_of

# revision identifiers, used by Alembic.
revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None

#: Each table's folded columns, as `Searchable.search_sources` named them at this revision.
SOURCES = {
    "certificates": ("product_name", "producer_name"),
    "products": ("name",),
    "dossiers": (
        "receipt_code",
        "product_code",
        "commune_registration_number",
        "province_registration_number",
    ),
    "organisations": ("name", "tax_code"),
    "users": ("full_name", "email"),
}


def upgrade():
    bind = op.get_bind()
    for name, sources in SOURCES.items():
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("search_text", sa.Text(), nullable=False, server_default="")
            )
        fill(bind, name, sources)
        for statement in create_index_ddl(name, bind.dialect.name):
            op.execute(statement)


def fill(bind, name: str, sources: tuple[str, ...]) -> None:
    table = sa.table(name, sa.column("id"), sa.column("search_text"), *map(sa.column, sources))
    rows = bind.execute(sa.select(table.c.id, *(table.c[s] for s in sources))).all()
    values = [{"row_id": row[0], "folded": folded_of(*row[1:])} for row in rows]
    statement = (
        table.update()
        .where(table.c.id == sa.bindparam("row_id"))
        .values(search_text=sa.bindparam("folded"))
    )
    for start in range(0, len(values), 2000):
        bind.execute(statement, values[start : start + 2000])


def downgrade():
    bind = op.get_bind()
    for name in reversed(list(SOURCES)):
        for statement in drop_index_ddl(name, bind.dialect.name):
            op.execute(statement)
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.drop_column("search_text")
