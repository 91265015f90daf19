"""Text searches in SQL: accents and case aside, served by an index on both databases (issue 17),
and what the user typed matched literally (issue 13, item 7).

A searchable table keeps `search_text`, its names folded by `text.fold` in Python ("Giỏ cói" →
"gio coi"): SQLite cannot fold Vietnamese, so both databases compare folded text with folded
words, the same way. Every typed word must be in the text (`folded_match`). PostgreSQL serves
`LIKE '%word%'` from a GIN trigram index (pg_trgm); SQLite from an FTS5 table with the trigram
tokenizer over the folded column, kept in step by triggers. Words under 3 characters, which no
trigram index serves, are matched by LIKE on the folded column on both.

`%` and `_` are LIKE wildcards; typed into a search box they are letters: every LIKE here escapes
them (FTS5 phrases have no wildcards).
"""

from __future__ import annotations

from typing import ClassVar

from sqlalchemy import (
    ColumnElement,
    Text,
    and_,
    bindparam,
    event,
    inspect,
    literal_column,
    or_,
    select,
    table,
    true,
    update,
)
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from evalapp.common.text import fold
from evalapp.extensions import db

TRIGRAM_LENGTH = 3
LIKE_ESCAPE = "\\"

#: Table name → its `Searchable` model.
SEARCHED_TABLES: dict[str, type] = {}


def contains_text(text: str, *columns) -> ColumnElement[bool]:
    """Rows where any of `columns` contains `text` (case-insensitive), wildcards taken literally.
    For short lists and codes; names in lists that grow use `folded_match`."""
    return or_(*(column.icontains(text, autoescape=True) for column in columns))


def folded_of(*values: str | None) -> str:
    return fold(" ".join(value for value in values if value))


class Searchable:
    """A model whose `search_text` is `folded_of` its `search_sources` columns: set on every
    INSERT (a column default, so bulk inserts get it too) and on ORM updates of a source.
    After writes that bypass both (raw SQL, a restore from elsewhere): `flask search rebuild`."""

    search_sources: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "__tablename__" in cls.__dict__:
            SEARCHED_TABLES[cls.__tablename__] = cls

    @declared_attr
    def search_text(cls) -> Mapped[str]:
        sources = cls.search_sources

        def on_insert(context) -> str:
            values = context.get_current_parameters()
            return folded_of(*(values.get(name) for name in sources))

        return mapped_column(Text, default=on_insert, server_default="")


@event.listens_for(Searchable, "before_update", propagate=True)
def _refold(mapper, connection, target) -> None:
    state = inspect(target)
    if any(state.attrs[name].history.has_changes() for name in target.search_sources):
        target.search_text = folded_of(*(getattr(target, n) for n in target.search_sources))


def folded_match(text: str | None, *columns) -> ColumnElement[bool]:
    """Rows where every word of `text` (folded) is in one of the folded `columns` (the
    `search_text` of `Searchable` models); true when nothing is typed."""
    words = list(dict.fromkeys(fold(text).split()))
    if not words:
        return true()
    dialect = db.session.get_bind().dialect.name
    if len(columns) == 1:
        return _words_in(columns[0], words, dialect)
    return and_(*(or_(*(_words_in(c, [word], dialect) for c in columns)) for word in words))


def _words_in(column, words: list[str], dialect: str) -> ColumnElement[bool]:
    indexed = [w for w in words if len(w) >= TRIGRAM_LENGTH] if dialect == "sqlite" else []
    conditions = [
        column.like(like_pattern(w), escape=LIKE_ESCAPE) for w in words if w not in indexed
    ]
    if indexed:
        fts = fts_table(column.table.name)
        phrases = " ".join('"' + word.replace('"', '""') + '"' for word in indexed)
        matching = select(literal_column("rowid")).select_from(table(fts))
        matching = matching.where(literal_column(fts).op("MATCH")(phrases))
        conditions.insert(0, column.table.c.id.in_(matching))
    return and_(*conditions)


def like_pattern(word: str) -> str:
    for special in (LIKE_ESCAPE, "%", "_"):
        word = word.replace(special, LIKE_ESCAPE + special)
    return f"%{word}%"


# --- the indexes: DDL for the migration, and the rebuild ---------------------------------------


def fts_table(table_name: str) -> str:
    return f"{table_name}_search"


def trigram_index(table_name: str) -> str:
    return f"ix_{table_name}_search_trgm"


def create_index_ddl(table_name: str, dialect: str) -> list[str]:
    """The statements that build the search index of `table_name` (its rows' `search_text`
    already filled). On SQLite they must run again after a migration rebuilds the table
    (batch "move and copy" drops its triggers)."""
    if dialect == "postgresql":
        return [
            "CREATE EXTENSION IF NOT EXISTS pg_trgm",
            f"CREATE INDEX IF NOT EXISTS {trigram_index(table_name)} ON {table_name} "
            "USING gin (search_text gin_trgm_ops)",
        ]
    if dialect != "sqlite":
        return []
    fts, t = fts_table(table_name), table_name
    forget = (
        f"INSERT INTO {fts}({fts}, rowid, search_text) VALUES ('delete', old.id, old.search_text)"
    )
    learn = f"INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text)"
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5(search_text, content='{t}', "
        "content_rowid='id', tokenize='trigram')",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_insert AFTER INSERT ON {t} BEGIN {learn}; END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_delete AFTER DELETE ON {t} BEGIN {forget}; END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_update AFTER UPDATE OF search_text ON {t} "
        f"BEGIN {forget}; {learn}; END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def drop_index_ddl(table_name: str, dialect: str) -> list[str]:
    if dialect == "postgresql":
        return [f"DROP INDEX IF EXISTS {trigram_index(table_name)}"]
    if dialect != "sqlite":
        return []
    fts = fts_table(table_name)
    triggers = [f"DROP TRIGGER IF EXISTS {fts}_{when}" for when in ("insert", "delete", "update")]
    return [*triggers, f"DROP TABLE IF EXISTS {fts}"]


def fts_shadow_tables(table_name: str) -> set[str]:
    fts = fts_table(table_name)
    return {fts} | {f"{fts}_{part}" for part in ("data", "idx", "content", "docsize", "config")}


def included_in_schema(name: str | None, type_: str, parent_names) -> bool:
    """Alembic's `include_name`: the search indexes are built by DDL outside the models (FTS5
    tables, trigram indexes), so the models-vs-database comparison leaves them out."""
    if type_ == "table":
        return not any(name in fts_shadow_tables(t) for t in SEARCHED_TABLES)
    if type_ == "index":
        return name not in {trigram_index(t) for t in SEARCHED_TABLES}
    return True


def refill(connection, model, batch: int = 2000) -> int:
    """Fold `model`'s rows again; returns how many changed. Then the SQLite FTS table is rebuilt
    from the column (its triggers already followed the updates, a rebuild also mends drift)."""
    columns = [model.__table__.c[name] for name in model.search_sources]
    rows = connection.execute(select(model.id, model.search_text, *columns).order_by(model.id))
    target = model.__table__
    statement = update(target).where(target.c.id == bindparam("row_id"))
    statement = statement.values(search_text=bindparam("folded"))
    pending = []
    for row in rows:
        folded = folded_of(*row[2:])
        if folded != row.search_text:
            pending.append({"row_id": row.id, "folded": folded})
    for start in range(0, len(pending), batch):
        connection.execute(statement, pending[start : start + batch])
    if connection.dialect.name == "sqlite":
        fts = fts_table(model.__tablename__)
        connection.exec_driver_sql(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
    return len(pending)
