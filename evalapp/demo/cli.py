import click
from flask import current_app
from flask.cli import AppGroup

from evalapp.demo import services
from evalapp.extensions import db

demo_cli = AppGroup("demo", help="Demo data (development only).")


PRODUCTION_WARNING = """
  ************************************************************************************
  *  WARNING: loading the DEMO into a PRODUCTION-configured database.                *
  *  Its people are invented and its passwords are printed by `flask demo logins`.   *
  *  Only for trying the production configuration locally (make run-production);     *
  *  never on a site that real producers, councils or the public use.                *
  ************************************************************************************
"""


@demo_cli.command("load")
@click.option(
    "--if-empty", is_flag=True, help="Do nothing (and succeed) when the database has users."
)
@click.option(
    "--allow-production",
    is_flag=True,
    help="Load even under the production configuration: only to try it locally.",
)
def load(if_empty: bool, allow_production: bool) -> None:
    """Load the Kim Sơn 2021 demo into an empty database."""
    if not current_app.config["DEMO_ALLOWED"]:
        if not allow_production:
            raise click.ClickException(
                "demo data is refused under the production configuration (to try that"
                " configuration locally: make run-production, or --allow-production)"
            )
        click.secho(PRODUCTION_WARNING, fg="red", bold=True, err=True)
    if if_empty and not services.database_is_empty():
        click.echo("Database already has data; demo not loaded.")
        return
    try:
        services.load_demo()
    except services.DemoRefused as error:
        raise click.ClickException(str(error)) from error
    db.session.commit()
    click.echo("Demo data loaded (every person and account in it is invented).")


@demo_cli.command("logins")
def logins() -> None:
    """Print the demo accounts."""
    for email, password, note in services.demo_logins():
        click.echo(f"  {email:40} {password}   {note}")
