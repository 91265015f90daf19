"""Configuration classes; every value can be set from the environment (see README)."""

import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = Path(os.environ.get("EVALAPP_INSTANCE_DIR", BASE_DIR / "instance"))
MIN_SECRET_KEY_LENGTH = 32  # production refuses a shorter key (issue 13, item 4)
ONE_YEAR_SECONDS = 365 * 24 * 3600


def database_url(url: str | None) -> str | None:
    """Accept the usual `postgres://` and `postgresql://` forms and use the psycopg 3 driver."""
    if not url:
        return None
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def redis_timeouts(url: str) -> dict:
    """A second at most to reach Redis or hear back from it (Redis answers in microseconds)."""
    if url.startswith(("redis://", "rediss://", "redis+")):
        return {"socket_timeout": 1, "socket_connect_timeout": 1}
    return {}


def public_base_url() -> str:
    """`PUBLIC_BASE_URL`, or the address `make run` serves on: port `PORT` (5000 by default) of
    127.0.0.1, so that a QR code printed in development opens the server that printed it."""
    if os.environ.get("PUBLIC_BASE_URL"):
        return os.environ["PUBLIC_BASE_URL"]
    port = os.environ.get("PORT", "").strip()
    return f"http://127.0.0.1:{port if port.isdigit() else 5000}"


def local_secret_key() -> str:
    """A random key kept in instance/ so a development server keeps its sessions across restarts."""
    path = INSTANCE_DIR / "secret_key"
    if not path.exists():
        INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI = database_url(os.environ.get("DATABASE_URL")) or (
        f"sqlite:///{INSTANCE_DIR / 'evalapp.sqlite3'}"
    )
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}

    BABEL_DEFAULT_LOCALE = "vi"
    BABEL_DEFAULT_TIMEZONE = os.environ.get("EVALAPP_TIMEZONE", "Asia/Ho_Chi_Minh")
    LANGUAGES = ("vi", "en")

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", False)
    PERMANENT_SESSION_LIFETIME = timedelta(hours=int(os.environ.get("SESSION_HOURS", "12")))
    REMEMBER_COOKIE_DURATION = timedelta(days=1)
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"

    # Strict-Transport-Security max-age; 0 sends none (a development server speaks plain HTTP).
    HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", "0"))
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session, which has its own limit
    WTF_I18N_ENABLED = False  # every validator message is written (and translated) by us

    MAX_CONTENT_LENGTH = int(os.environ.get("MAX_UPLOAD_MB", "25")) * 1024 * 1024
    MAX_FORM_PARTS = 200
    # Files in one upload request, and current files in one dossier (README, upload policy)
    UPLOAD_MAX_FILES_PER_REQUEST = int(os.environ.get("UPLOAD_MAX_FILES_PER_REQUEST", "10"))
    UPLOAD_MAX_FILES_PER_DOSSIER = int(os.environ.get("UPLOAD_MAX_FILES_PER_DOSSIER", "100"))

    # Proxies in front of the app whose X-Forwarded-For and X-Forwarded-Proto are believed (0:
    # none, the app faces the clients). X-Forwarded-Host never is: links use PUBLIC_BASE_URL.
    PROXY_HOPS = int(os.environ.get("PROXY_HOPS", "0"))

    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    # Redis down: count in this process's memory (and log it) rather than refuse every login;
    # a dead Redis is tried again after 1, 2, 4 … 32 seconds, and short timeouts (`redis_timeouts`,
    # applied by create_app to the final storage URI) keep a hung one from holding requests.
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    # Files per account (or per address before login) across every upload form.
    UPLOAD_RATE_LIMIT = os.environ.get("UPLOAD_RATE_LIMIT", "100 per minute;600 per hour")
    RATELIMIT_HEADERS_ENABLED = True
    # Login attempts per account: strict, a password is guessed one account at a time.
    LOGIN_RATE_LIMIT = os.environ.get("LOGIN_RATE_LIMIT", "5 per minute;30 per hour")
    # Login attempts per client address: generous, a whole council may share one office address.
    LOGIN_ADDRESS_RATE_LIMIT = os.environ.get(
        "LOGIN_ADDRESS_RATE_LIMIT", "60 per minute;600 per hour"
    )
    # Requests for a password-reset link, per e-mail address and per client address.
    PASSWORD_RESET_RATE_LIMIT = os.environ.get("PASSWORD_RESET_RATE_LIMIT", "3 per hour;10 per day")
    PASSWORD_RESET_ADDRESS_RATE_LIMIT = os.environ.get(
        "PASSWORD_RESET_ADDRESS_RATE_LIMIT", "10 per minute;60 per hour"
    )
    PASSWORD_RESET_MINUTES = int(os.environ.get("PASSWORD_RESET_MINUTES", "60"))

    # scrypt with N=2^17 meets the OWASP minimum (about 0.36 s per hash on 2 cores)
    PASSWORD_HASH_METHOD = os.environ.get("PASSWORD_HASH_METHOD", "scrypt:131072:8:1")
    PASSWORD_MIN_LENGTH = 12

    MAIL_BACKEND = os.environ.get("MAIL_BACKEND", "outbox")
    MAIL_OUTBOX_DIR = os.environ.get("MAIL_OUTBOX_DIR")  # default: instance/outbox
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "localhost")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "25"))
    MAIL_USE_TLS = env_bool("MAIL_USE_TLS", False)
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "evalapp <no-reply@evalapp.local>")

    STORAGE_BACKEND = os.environ.get("STORAGE_BACKEND", "local")
    STORAGE_LOCAL_DIR = os.environ.get("STORAGE_LOCAL_DIR")  # default: instance/uploads
    S3_BUCKET = os.environ.get("S3_BUCKET")
    S3_ENDPOINT_URL = os.environ.get("S3_ENDPOINT_URL")
    S3_REGION = os.environ.get("S3_REGION", "us-east-1")
    S3_ACCESS_KEY_ID = os.environ.get("S3_ACCESS_KEY_ID")
    S3_SECRET_ACCESS_KEY = os.environ.get("S3_SECRET_ACCESS_KEY")
    S3_PREFIX = os.environ.get("S3_PREFIX", "")

    PUBLIC_BASE_URL = public_base_url()

    # Background jobs (huey): its SQLite store in instance/ by default, Redis with a redis:// URL.
    JOBS_URL = os.environ.get("JOBS_URL") or f"sqlite:///{INSTANCE_DIR / 'jobs.sqlite3'}"
    JOBS_IMMEDIATE = env_bool("JOBS_IMMEDIATE", False)  # run jobs inline, in the request
    # The print-job page says no job worker seems to be running after this long in the queue.
    JOBS_STALE_AFTER_SECONDS = int(os.environ.get("JOBS_STALE_AFTER_SECONDS", "30"))
    # A job worker records its beat this often; a job with no sign of life for the timeout is
    # queued again (while attempts remain and a worker beats) or marked failed.
    JOBS_WORKER_BEAT_SECONDS = float(os.environ.get("JOBS_WORKER_BEAT_SECONDS", "5"))
    JOBS_HEARTBEAT_TIMEOUT_SECONDS = int(os.environ.get("JOBS_HEARTBEAT_TIMEOUT_SECONDS", "60"))
    JOBS_MAX_ATTEMPTS = int(os.environ.get("JOBS_MAX_ATTEMPTS", "2"))
    # /readyz gives each dependency this long to answer.
    READINESS_TIMEOUT_SECONDS = float(os.environ.get("READINESS_TIMEOUT_SECONDS", "1"))

    # Server-side cache of rarely-changing reads (issue 17): a redis:// URL shared by every
    # instance; empty: the rate limiter's or the job queue's Redis if one is configured, else
    # files in instance/cache shared by this machine's workers ("simple://": in each process;
    # "null://": caching off).
    CACHE_URL = os.environ.get("CACHE_URL", "")
    # How long a browser keeps a public registry or rulebook page before asking again (seconds;
    # 0: it asks every time and gets a 304 while unchanged, so nothing just issued, revoked or
    # published is hidden by its copy); the verification page is asked for every time.
    CACHE_PAGE_MAX_AGE = int(os.environ.get("CACHE_PAGE_MAX_AGE", "0"))
    # How long the server keeps a rendered public page for anonymous visitors (seconds; any
    # change to what it shows replaces it at once).
    CACHE_PAGE_SECONDS = int(os.environ.get("CACHE_PAGE_SECONDS", "600"))

    # The Ed25519 key that signs certificates: a PEM file outside the database. Development
    # creates one in instance/ on first use; production must name an existing file.
    CERTIFICATE_SIGNING_KEY = os.environ.get("CERTIFICATE_SIGNING_KEY") or str(
        INSTANCE_DIR / "certificate_signing_key.pem"
    )
    CERTIFICATE_SIGNING_KEY_CREATE = True
    # Public keys published beside the signing key's (PEM paths, comma-separated): earlier keys
    # after a rotation, so certificates they signed still verify.
    CERTIFICATE_PUBLIC_KEYS = os.environ.get("CERTIFICATE_PUBLIC_KEYS", "")
    CERTIFICATE_LOOKUP_RATE_LIMIT = os.environ.get(
        "CERTIFICATE_LOOKUP_RATE_LIMIT", "20 per minute;200 per hour"
    )
    # The JSON API (/api/v1): per token for a unit's client, per address for the public register.
    API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "120 per minute;3000 per hour")
    API_PUBLIC_RATE_LIMIT = os.environ.get("API_PUBLIC_RATE_LIMIT", "60 per minute;1000 per hour")
    # The public register's download (up to 5,000 rows a file), per address.
    REGISTRY_EXPORT_RATE_LIMIT = os.environ.get(
        "REGISTRY_EXPORT_RATE_LIMIT", "5 per minute;30 per hour"
    )
    # Worker processes laying out a batch of certificates (unset: up to 2, one per core).
    CERTIFICATE_PRINT_PROCESSES = (
        int(os.environ["CERTIFICATE_PRINT_PROCESSES"])
        if os.environ.get("CERTIFICATE_PRINT_PROCESSES")
        else None
    )
    # Seconds the print workers wait for another batch before they are stopped (< 0: kept).
    CERTIFICATE_PRINT_POOL_IDLE_SECONDS = float(
        os.environ.get("CERTIFICATE_PRINT_POOL_IDLE_SECONDS", "300")
    )

    # Session documents (minutes, score table) of at most this many dossiers are built inside
    # the request; larger ones by a background job with a progress page (both are cached).
    DOCUMENTS_PDF_SYNC_MAX_DOSSIERS = int(os.environ.get("DOCUMENTS_PDF_SYNC_MAX_DOSSIERS", "30"))
    DOCUMENTS_XLSX_SYNC_MAX_DOSSIERS = int(
        os.environ.get("DOCUMENTS_XLSX_SYNC_MAX_DOSSIERS", "200")
    )

    DEMO_ALLOWED = False


class DevelopmentConfig(Config):
    DEBUG = False
    DEMO_ALLOWED = True

    def __init__(self) -> None:
        if not self.SECRET_KEY:
            self.SECRET_KEY = local_secret_key()
        self.PUBLIC_BASE_URL = public_base_url()


class TestConfig(Config):
    TESTING = True
    SECRET_KEY = "test-only-secret-key"
    SQLALCHEMY_DATABASE_URI = database_url(os.environ.get("TEST_DATABASE_URL")) or "sqlite://"
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"  # fast hashes keep the suite quick
    WTF_CSRF_ENABLED = False  # tests that check CSRF build their app with it on
    RATELIMIT_STORAGE_URI = "memory://"
    LOGIN_RATE_LIMIT = "1000 per minute"  # the throttling tests set their own
    LOGIN_ADDRESS_RATE_LIMIT = "1000 per minute"
    PASSWORD_RESET_ADDRESS_RATE_LIMIT = "1000 per minute"
    UPLOAD_RATE_LIMIT = "100000 per hour"
    PASSWORD_RESET_RATE_LIMIT = "1000 per minute"
    CERTIFICATE_LOOKUP_RATE_LIMIT = "1000 per minute"
    API_RATE_LIMIT = "100000 per hour"
    API_PUBLIC_RATE_LIMIT = "100000 per hour"
    REGISTRY_EXPORT_RATE_LIMIT = "100000 per hour"
    JOBS_IMMEDIATE = True
    DEMO_ALLOWED = True
    SERVER_NAME = None
    CACHE_URL = "simple://"  # each test's app has its own


class ProductionConfig(Config):
    MAIL_BACKEND = os.environ.get("MAIL_BACKEND", "smtp")
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    REMEMBER_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"
    CERTIFICATE_SIGNING_KEY_CREATE = False

    def __init__(self) -> None:
        missing = [
            name
            for name in ("SECRET_KEY", "DATABASE_URL", "PUBLIC_BASE_URL")
            if not os.environ.get(name)
        ]
        if missing:
            raise RuntimeError(
                "ProductionConfig needs these environment variables: " + ", ".join(missing)
            )
        if len(os.environ["SECRET_KEY"]) < MIN_SECRET_KEY_LENGTH:
            raise RuntimeError(
                f"SECRET_KEY must be at least {MIN_SECRET_KEY_LENGTH} characters long; make one"
                " with: python3 -c 'import secrets; print(secrets.token_hex(32))'"
            )
        # Every e-mailed link and every printed QR code is built on it (unfixable once printed).
        base = urlsplit(os.environ["PUBLIC_BASE_URL"])
        if base.scheme not in ("http", "https") or not base.netloc:
            raise RuntimeError(
                "PUBLIC_BASE_URL must be an http(s) address such as https://ocop.example.gov.vn;"
                f" got {os.environ['PUBLIC_BASE_URL']!r}"
            )
        self.SECRET_KEY = os.environ["SECRET_KEY"]
        self.SQLALCHEMY_DATABASE_URI = database_url(os.environ["DATABASE_URL"])
        self.PUBLIC_BASE_URL = os.environ["PUBLIC_BASE_URL"]
        # A year of HTTPS-only once the site is served over HTTPS (issue 13, item 10).
        https_default = str(ONE_YEAR_SECONDS) if base.scheme == "https" else "0"
        self.HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", https_default))


CONFIGS = {
    "development": DevelopmentConfig,
    "production": ProductionConfig,
    "test": TestConfig,
}


def config_from_environment() -> type[Config]:
    name = os.environ.get("EVALAPP_ENV", "development")
    try:
        return CONFIGS[name]
    except KeyError:
        raise RuntimeError(
            f"EVALAPP_ENV must be one of {', '.join(CONFIGS)}; got {name!r}"
        ) from None
