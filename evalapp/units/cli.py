"""`flask units sync`: load the official provinces and communes (QĐ 19/2025/QĐ-TTg)."""

import click
from flask.cli import AppGroup

from evalapp.extensions import db
from evalapp.units.sync import sync_official_units

units_cli = AppGroup("units", help="Administrative units.")


@units_cli.command("sync")
def sync() -> None:
    """Create the 34 provinces and 3,321 communes that are missing, give units already entered
    their official code, type and parent; never deletes; districts stay as they are."""
    report = sync_official_units()
    db.session.commit()
    click.echo(
        f"created: {report.created}, updated: {report.updated}, unchanged: {report.unchanged}"
    )
    for name in report.ambiguous:
        click.echo(f"several units are named like {name}: the first one was matched", err=True)
    if not report.changed:
        click.echo("Nothing to change: the units already match the official list.")
