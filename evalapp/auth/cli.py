import click
from flask.cli import AppGroup

from evalapp.auth import services
from evalapp.auth.models import Role
from evalapp.extensions import db

users_cli = AppGroup("users", help="User accounts.")


@users_cli.command("create-admin")
@click.option("--email", prompt="Email")
@click.option("--name", "full_name", prompt="Họ và tên / Full name")
@click.password_option("--password", prompt="Mật khẩu / Password")
def create_admin(email: str, full_name: str, password: str) -> None:
    """Create an administrator account (there are no default accounts)."""
    try:
        user = services.create_user(email, full_name, password, {Role.ADMIN})
    except services.AccountError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from error
    db.session.commit()
    click.echo(f"Administrator {user.email} created.")
