"""`flask certificates …`: the reminders before expiry. `flask certificates verify` (the
signature check) is the register's: `registry.cli` adds it to this group."""

from __future__ import annotations

from datetime import datetime

import click
from flask.cli import AppGroup

from evalapp.certificates.lifecycle import send_expiry_notices, send_expiry_reminders
from evalapp.common.time import local_today
from evalapp.extensions import db

certificates_cli = AppGroup("certificates", help="Certificates: reminders, signature checks.")


@certificates_cli.command("remind")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The day to act as (YYYY-MM-DD); default: today in Vietnam.",
)
def remind(today: datetime | None) -> None:
    """Remind producers of certificates reaching their reminder date; tell them of expiry."""
    day = today.date() if today else local_today()
    reminded = send_expiry_reminders(day)
    noticed = send_expiry_notices(day)
    db.session.commit()
    click.echo(f"{day:%Y-%m-%d}: {len(reminded)} reminder(s), {len(noticed)} expiry notice(s).")
    for certificate in reminded:
        click.echo(f"  reminded  {certificate.number} (expires {certificate.expires_on})")
    for certificate in noticed:
        click.echo(f"  expired   {certificate.number} (on {certificate.expires_on})")
