"""evalapp: OCOP product evaluation councils, from dossier to verifiable certificate."""

from __future__ import annotations

import logging
from pathlib import Path

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

from config import INSTANCE_DIR, Config, config_from_environment, redis_timeouts

PROJECT_DIR = Path(__file__).resolve().parent.parent


def create_app(config_class: type[Config] | None = None, **overrides) -> Flask:
    app = Flask(
        __name__,
        template_folder=str(PROJECT_DIR / "templates"),
        static_folder=str(PROJECT_DIR / "static"),
        instance_path=str(INSTANCE_DIR),
    )
    app.config.from_object((config_class or config_from_environment())())
    app.config.update(overrides)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    configure_logging(app)
    trust_proxies(app)
    register_extensions(app)
    register_converters(app)
    register_blueprints(app)
    register_request_hooks(app)
    register_error_handlers(app)
    register_commands(app)
    return app


def configure_logging(app: Flask) -> None:
    """Our own messages at INFO; libraries (WeasyPrint, fontTools, Alembic) only when they warn."""
    if not app.debug and not app.testing:
        logging.basicConfig(
            level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )
        for name in ("evalapp", "werkzeug", "alembic.runtime.migration", "flask-limiter"):
            logging.getLogger(name).setLevel(logging.INFO)


def trust_proxies(app: Flask) -> None:
    """Behind `PROXY_HOPS` reverse proxies, read the client's address and scheme from the
    X-Forwarded-For and X-Forwarded-Proto those proxies appended: rate limits, audit entries,
    session protection and logs then see the real client. Addresses a client put there itself,
    further left, stay untrusted. X-Forwarded-Host never is: links come from PUBLIC_BASE_URL."""
    hops = app.config.get("PROXY_HOPS", 0)
    if hops:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=0)


def register_extensions(app: Flask) -> None:
    from flask_babel import lazy_gettext as _l

    from evalapp import models  # noqa: F401 - registers every table
    from evalapp.auth.models import AnonymousUser
    from evalapp.auth.services import load_user_from_cookie
    from evalapp.auth.sessions import session_identifier
    from evalapp.common.i18n import register_filters, select_locale
    from evalapp.common.search import included_in_schema
    from evalapp.extensions import babel, csrf, db, limiter, login_manager, migrate

    db.init_app(app)
    migrate.init_app(
        app, db, directory=str(PROJECT_DIR / "migrations"), include_name=included_in_schema
    )
    csrf.init_app(app)
    app.config.setdefault(
        "RATELIMIT_STORAGE_OPTIONS", redis_timeouts(app.config["RATELIMIT_STORAGE_URI"])
    )
    limiter.init_app(app)
    babel.init_app(
        app,
        locale_selector=select_locale,
        default_translation_directories=str(Path(__file__).parent / "translations"),
    )
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Vui lòng đăng nhập để tiếp tục.")
    login_manager.login_message_category = "warning"
    login_manager.session_protection = "strong"
    login_manager.anonymous_user = AnonymousUser
    login_manager.user_loader(load_user_from_cookie)
    login_manager._session_identifier_generator = session_identifier  # no public hook
    register_filters(app)
    import evalapp.tasks  # noqa: F401 - declares every background job before a worker starts
    from evalapp.common import caching, jobs, static_urls, storage

    storage.init_app(app)
    jobs.init_app(app)
    caching.init_app(app)
    static_urls.init_app(app)


def register_converters(app: Flask) -> None:
    from evalapp.common.routing import install_converters

    install_converters(app)


def register_blueprints(app: Flask) -> None:
    from evalapp.admin.views import bp as admin_bp
    from evalapp.advisory.views import bp as advisory_bp
    from evalapp.api.views import bp as api_bp
    from evalapp.auth.views import bp as auth_bp
    from evalapp.certificates.views import bp as certificates_bp
    from evalapp.councils.views import bp as councils_bp
    from evalapp.dossiers.views import bp as dossiers_bp
    from evalapp.home.views import bp as home_bp
    from evalapp.inspections.views import bp as inspections_bp
    from evalapp.notices.views import bp as notices_bp
    from evalapp.notifications.views import bp as notifications_bp
    from evalapp.producers.views import bp as producers_bp
    from evalapp.proposals.views import bp as proposals_bp
    from evalapp.registry.views import bp as registry_bp
    from evalapp.reports.views import bp as reports_bp
    from evalapp.results.views import bp as results_bp
    from evalapp.rounds.views import bp as rounds_bp
    from evalapp.rulebooks.views import bp as rulebooks_bp
    from evalapp.samples.views import bp as samples_bp
    from evalapp.scoring.views import bp as scoring_bp
    from evalapp.statistics.views import bp as statistics_bp
    from evalapp.units.views import bp as units_bp

    for blueprint in (
        home_bp,
        auth_bp,
        admin_bp,
        units_bp,
        rulebooks_bp,
        producers_bp,
        rounds_bp,
        dossiers_bp,
        samples_bp,
        councils_bp,
        advisory_bp,
        scoring_bp,
        results_bp,
        reports_bp,
        notices_bp,
        proposals_bp,
        certificates_bp,
        inspections_bp,
        registry_bp,
        statistics_bp,
        api_bp,
        notifications_bp,
    ):
        app.register_blueprint(blueprint)


def register_request_hooks(app: Flask) -> None:
    from evalapp.common.access import enforce_access
    from evalapp.common.headers import set_security_headers
    from evalapp.common.input import refuse_nul_bytes
    from evalapp.common.uploads.throttle import throttle_uploads
    from evalapp.notifications.queries import unread_for_current_user

    app.before_request(refuse_nul_bytes)
    app.before_request(enforce_access)
    app.before_request(throttle_uploads)
    app.after_request(set_security_headers)
    app.context_processor(unread_for_current_user)


def register_error_handlers(app: Flask) -> None:
    from evalapp.common.errors import register_error_handlers as register

    register(app)


def register_commands(app: Flask) -> None:
    from evalapp.auth.cli import users_cli
    from evalapp.backup.cli import backup_cli, restore_command
    from evalapp.certificates.print_jobs_cli import jobs_cli  # `jobs` with list/retry/cancel
    from evalapp.common.jobs import serve_command
    from evalapp.common.search_cli import search_cli
    from evalapp.demo.cli import demo_cli
    from evalapp.registry.cli import certificates_cli  # the certificates group, with `verify`
    from evalapp.sheets.cli import sheets_cli
    from evalapp.units.cli import units_cli

    app.cli.add_command(users_cli)
    app.cli.add_command(demo_cli)
    app.cli.add_command(jobs_cli)
    app.cli.add_command(serve_command)
    app.cli.add_command(certificates_cli)
    app.cli.add_command(units_cli)
    app.cli.add_command(sheets_cli)
    app.cli.add_command(backup_cli)
    app.cli.add_command(search_cli)
    app.cli.add_command(restore_command)


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record):
    """SQLite: enforce foreign keys and use WAL so readers do not block the writer."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()
