"""`flask search rebuild`: the folded search columns and the SQLite FTS tables filled again from
the rows, after a bulk import or a restore that wrote rows without them."""

import click
from flask.cli import AppGroup

from evalapp.common.search import SEARCHED_TABLES, refill
from evalapp.extensions import db

search_cli = AppGroup("search", help="The search indexes of names (accents and case aside).")


@search_cli.command("rebuild")
def rebuild_command():
    """Fold every searchable row again and rebuild the search indexes."""
    with db.engine.begin() as connection:
        for name, model in sorted(SEARCHED_TABLES.items()):
            changed = refill(connection, model)
            click.echo(f"{name}: {changed} row(s) folded again")
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql("ANALYZE " + ", ".join(sorted(SEARCHED_TABLES)))
    click.echo("Search indexes rebuilt.")
