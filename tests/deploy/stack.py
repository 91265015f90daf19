"""Start the production stack of deploy/ on this machine, for tests/deploy and bench/operations.py.

PostgreSQL (a database of the running server, or a cluster of our own that may be restarted),
a redis-server and moto's S3 server on free ports, the demo data loaded as the README says, the
application servers and the job worker from the commands of deploy/systemd/ (with /srv/evalapp
read as this checkout and %i as the port), and nginx from deploy/nginx/evalapp.conf with a
self-signed certificate. Every process runs in its own process group and is stopped by its id.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.network import free_port, wait_for_port

PROJECT_DIR = Path(__file__).resolve().parents[2]
DEPLOY_DIR = PROJECT_DIR / "deploy"
INSTALL_DIR = "/srv/evalapp"  # where the unit files expect the release
SYSTEM_POSTGRES = os.environ.get("DEPLOY_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432")
NGINX_MAIN = """\
worker_processes 1;
daemon off;
pid {root}/nginx.pid;
error_log {root}/nginx-error.log warn;
{user}
events {{ worker_connections 1024; }}
http {{
    include {mime_types};
    access_log {root}/nginx-access.log;
    client_body_temp_path {root}/nginx-body;
    proxy_temp_path {root}/nginx-proxy;
    fastcgi_temp_path {root}/nginx-fastcgi;
    uwsgi_temp_path {root}/nginx-uwsgi;
    scgi_temp_path {root}/nginx-scgi;
    include {root}/evalapp.conf;
}}
"""


def missing_tools() -> list[str]:
    tools = ("nginx", "redis-server", "openssl", "initdb", "pg_ctl", "psql")
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if not (PROJECT_DIR / ".venv/bin/moto_server").exists() and not shutil.which("moto_server"):
        missing.append("moto_server")
    return missing


def postgres_unavailable() -> str | None:
    """Why the running PostgreSQL server (DEPLOY_TEST_POSTGRES) cannot be used, or None."""
    try:
        run(["psql", SYSTEM_POSTGRES + "/postgres", "-XAtqc", "SELECT 1"])
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as error:
        return f"PostgreSQL at {SYSTEM_POSTGRES} does not answer: {str(error).strip()[:200]}"
    return None


def unit_command(unit: str, port: int | None = None) -> list[str]:
    """The ExecStart= of a deploy/systemd unit, for this checkout."""
    text = (DEPLOY_DIR / "systemd" / unit).read_text()
    line = re.search(r"^ExecStart=(.+)$", text, re.MULTILINE)[1]
    line = line.replace(INSTALL_DIR, str(PROJECT_DIR))
    if port is not None:
        line = line.replace("%i", str(port))
    return shlex.split(line)


def render_nginx_site(
    folder: Path,
    web_ports: tuple[int, ...],
    https_port: int,
    http_port: int | None = None,
    client_max_body: str = "30m",
) -> str:
    """deploy/nginx/evalapp.conf with its ${EVALAPP_…} placeholders filled (envsubst's job in a
    real install); upstream lines beyond the two of the file are added for more instances."""
    values = {
        "EVALAPP_SERVER_NAME": "localhost",
        "EVALAPP_HTTP_PORT": str(http_port or free_port()),
        "EVALAPP_HTTPS_PORT": str(https_port),
        "EVALAPP_TLS_CERTIFICATE": str(folder / "tls.crt"),
        "EVALAPP_TLS_CERTIFICATE_KEY": str(folder / "tls.key"),
        "EVALAPP_STATIC_DIR": str(PROJECT_DIR / "static"),
        "EVALAPP_CLIENT_MAX_BODY": client_max_body,
        "EVALAPP_WEB_PORT_1": str(web_ports[0]),
        "EVALAPP_WEB_PORT_2": str(web_ports[1]),
    }
    text = (DEPLOY_DIR / "nginx" / "evalapp.conf").read_text()
    template_line = re.search(r"^ *server 127\.0\.0\.1:\$\{EVALAPP_WEB_PORT_2\}.*\n", text, re.M)[0]
    extra = "".join(
        template_line.replace("${EVALAPP_WEB_PORT_2}", str(port)) for port in web_ports[2:]
    )
    text = text.replace(template_line, template_line + extra)
    return re.sub(r"\$\{(EVALAPP_[A-Z0-9_]+)\}", lambda m: values[m[1]], text)


class Process:
    """A child process in its own group, its output in a log file."""

    def __init__(self, name: str, command: list[str], env: dict, log_dir: Path, cwd=PROJECT_DIR):
        self.name, self.command, self.env, self.cwd = name, command, env, cwd
        self.log = log_dir / f"{name}.log"
        self.popen: subprocess.Popen | None = None

    def start(self) -> Process:
        with self.log.open("ab") as out:
            self.popen = subprocess.Popen(
                self.command,
                env=self.env,
                cwd=self.cwd,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return self

    @property
    def running(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def send(self, signum: int) -> None:
        if self.running:
            os.killpg(self.popen.pid, signum)

    def kill(self) -> None:
        """SIGKILL to the whole group: the master and its workers die at once, as on a crash."""
        self.send(signal.SIGKILL)
        if self.popen is not None:
            self.popen.wait(10)

    def stop(self, signum: int = signal.SIGTERM, timeout: float = 20.0) -> None:
        if not self.running:
            return
        self.send(signum)
        try:
            self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()


class OwnPostgres:
    """A PostgreSQL cluster of our own on a free port: it may be restarted without disturbing
    anyone else's databases."""

    def __init__(self, root: Path):
        self.data, self.port = root / "pgdata", free_port()
        self.log = root / "postgres.log"
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/evalapp"
        initdb = ["initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8"]
        run(initdb, user="postgres")
        self.start()
        run(["createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "evalapp"])

    def pg_ctl(self, *args: str) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"
        command = ["pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, *args]
        run(command, user="postgres")

    def start(self) -> None:
        self.pg_ctl("-w", "start")

    def stop(self) -> None:
        self.pg_ctl("-w", "-m", "fast", "stop")

    def close(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self.stop()


class SystemDatabase:
    """A throw-away database on the PostgreSQL server already running (never restarted)."""

    def __init__(self):
        self.name = f"evalapp_deploy_{os.getpid()}_{secrets.token_hex(3)}"
        run(["psql", SYSTEM_POSTGRES + "/postgres", "-qc", f"CREATE DATABASE {self.name}"])
        self.url = f"{SYSTEM_POSTGRES}/{self.name}"

    def close(self) -> None:
        drop = f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)"
        run(["psql", SYSTEM_POSTGRES + "/postgres", "-qc", drop])


def run(command: list[str], cwd=None, user: str | None = None, env=None) -> str:
    """Run to completion; PostgreSQL's server programs refuse root, so they run as `user`."""
    if user and os.geteuid() == 0:
        command = ["runuser", "-u", user, "--", *command]
    result = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=300
    )
    if result.returncode != 0:
        raise RuntimeError(f"{shlex.join(command)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


class Stack:
    """The whole deployment; `with Stack(...) as stack:` starts it and stops everything."""

    def __init__(
        self,
        instances: int = 2,
        own_postgres: bool = False,
        members: int = 0,
        settings: dict[str, str] | None = None,
    ):
        """`members`: synthetic scoring members to seat (tests/deploy/seed.py); `settings`:
        environment variables on top of the stack's own."""
        self.instances, self.own_postgres, self.members = instances, own_postgres, members
        self.settings = settings or {}
        self.processes: dict[str, Process] = {}
        self.root = Path(tempfile.mkdtemp(prefix="evalapp-stack-"))
        self.root.chmod(0o755)  # PostgreSQL's own cluster runs as another user
        self.database = None

    # -- lifecycle ---------------------------------------------------------------------------

    def __enter__(self) -> Stack:
        try:
            self.start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def start(self) -> None:
        if self.own_postgres:
            (self.root / "pg").mkdir()
            if os.geteuid() == 0:  # the cluster's programs run as postgres (see run())
                shutil.chown(self.root / "pg", "postgres")
            self.database = OwnPostgres(self.root / "pg")
        else:
            self.database = SystemDatabase()
        self.redis_port, self.s3_port = free_port(), free_port()
        self.web_ports = [free_port() for _ in range(self.instances)]
        self.https_port = free_port()
        self.base_url = f"https://localhost:{self.https_port}"
        self.start_redis()
        self.start_s3()
        self.env = self.environment()
        self.load_data()
        for port in self.web_ports:
            self.start_web(port)
        self.start_worker()
        self.start_nginx()
        for port in self.web_ports:
            self.wait_web(port)

    def close(self) -> None:
        for process in reversed(list(self.processes.values())):
            process.stop(timeout=10)
        if self.database is not None:
            self.database.close()
        if os.environ.get("KEEP_STACK_LOGS"):
            print(f"stack logs kept in {self.root}", file=sys.stderr)
        else:
            shutil.rmtree(self.root, ignore_errors=True)

    def spawn(self, name: str, command: list[str], env: dict | None = None) -> Process:
        process = Process(name, command, env or self.env, self.root).start()
        self.processes[name] = process
        return process

    # -- services ----------------------------------------------------------------------------

    def start_redis(self) -> None:
        command = ["redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no", "--dir", str(self.root)]
        self.spawn("redis", command, os.environ.copy())
        wait_for_port(self.redis_port)

    def restart_redis(self, down_seconds: float = 0.0) -> None:
        self.processes["redis"].stop()
        time.sleep(down_seconds)
        self.start_redis()

    def start_s3(self) -> None:
        moto = PROJECT_DIR / ".venv/bin/moto_server"
        command = [str(moto) if moto.exists() else "moto_server", "-H", "127.0.0.1"]
        self.spawn("s3", [*command, "-p", str(self.s3_port)], os.environ.copy())
        wait_for_port(self.s3_port)

    def environment(self) -> dict:
        key = self.root / "certificate_signing_key.pem"
        run(["openssl", "genpkey", "-algorithm", "ed25519", "-out", str(key)])
        redis = f"redis://127.0.0.1:{self.redis_port}"
        return {
            "PATH": os.environ["PATH"],
            "HOME": str(self.root),
            "LANG": "C.UTF-8",
            "PYTHONPATH": str(PROJECT_DIR),
            "EVALAPP_ENV": "production",
            "SECRET_KEY": secrets.token_hex(32),
            "PUBLIC_BASE_URL": self.base_url,
            "DATABASE_URL": self.database.url,
            "EVALAPP_INSTANCE_DIR": str(self.root / "instance-worker"),
            "PROXY_HOPS": "1",
            "RATELIMIT_STORAGE_URI": f"{redis}/1",
            "JOBS_URL": f"{redis}/0",
            "JOBS_STALE_AFTER_SECONDS": "10",
            "STORAGE_BACKEND": "s3",
            "S3_BUCKET": "evalapp",
            "S3_ENDPOINT_URL": f"http://127.0.0.1:{self.s3_port}",
            "S3_ACCESS_KEY_ID": "testing",
            "S3_SECRET_ACCESS_KEY": "testing",
            "MAIL_BACKEND": "log",
            "CERTIFICATE_SIGNING_KEY": str(key),
            "CERTIFICATE_PRINT_PROCESSES": "1",
            **self.settings,
        }

    def flask(self, *args: str, env: dict | None = None) -> str:
        return run(
            [str(PROJECT_DIR / ".venv/bin/flask"), "--app", "wsgi", *args],
            PROJECT_DIR,
            env=env or self.env,
        )

    def load_data(self) -> None:
        """As the README says: migrate, then load the demo under the development configuration
        with the production database and storage; then the test's own additions."""
        import boto3

        boto3.client(
            "s3",
            endpoint_url=self.env["S3_ENDPOINT_URL"],
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        ).create_bucket(Bucket="evalapp")
        self.flask("db", "upgrade")
        self.flask("demo", "load", env={**self.env, "EVALAPP_ENV": "development"})
        python = str(PROJECT_DIR / ".venv/bin/python")
        out = run(
            [python, "-m", "tests.deploy.seed", "--members", str(self.members)],
            PROJECT_DIR,
            env=self.env,
        )
        self.seed = json.loads(out.strip().splitlines()[-1])

    def start_web(self, port: int) -> Process:
        env = {**self.env, "EVALAPP_INSTANCE_DIR": str(self.root / f"instance-{port}")}
        return self.spawn(f"web-{port}", unit_command("evalapp-web@.service", port), env)

    def wait_web(self, port: int, timeout: float = 60.0) -> None:
        """Until the instance answers /healthz (gunicorn listens before its workers load)."""
        import requests

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=2).ok:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"instance on port {port} not healthy after {timeout:.0f} s")

    def kill_web(self, port: int) -> None:
        self.processes[f"web-{port}"].kill()

    def start_worker(self) -> Process:
        return self.spawn("worker", unit_command("evalapp-worker.service"))

    def kill_worker(self) -> None:
        self.processes["worker"].kill()

    def start_nginx(self) -> None:
        crt, key = self.root / "tls.crt", self.root / "tls.key"
        run(
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=localhost",
                "-keyout",
                str(key),
                "-out",
                str(crt),
                "-addext",
                "subjectAltName=DNS:localhost,IP:127.0.0.1",
            ]
        )
        self.tls_certificate = crt
        site = render_nginx_site(self.root, tuple(self.web_ports), self.https_port)
        (self.root / "evalapp.conf").write_text(site)
        main = NGINX_MAIN.format(
            root=self.root,
            mime_types=nginx_mime_types(),
            user="user root;" if os.geteuid() == 0 else "",
        )
        (self.root / "nginx.conf").write_text(main)
        command = ["nginx", "-p", str(self.root), "-c", str(self.root / "nginx.conf")]
        self.spawn("nginx", command, os.environ.copy())
        wait_for_port(self.https_port)

    def import_sheet_draft(self, rulebook: str, sheet: str, name: str, folder: Path) -> int:
        """A draft of SHEET, renamed NAME, imported with the CLI; its version id."""
        exported = folder / f"{sheet}.json"
        self.flask("sheets", "export", rulebook, sheet, "--format", "json", "-o", str(exported))
        data = json.loads(exported.read_text())
        data["name"]["vi"] = name
        exported.write_text(json.dumps(data, ensure_ascii=False))
        out = self.flask("sheets", "import", str(exported), "--rulebook", rulebook)
        return int(re.search(r"\(id (\d+)\)", out)[1])

    def sql(self, query: str) -> list[list[str]]:
        """Rows of a query on the application's database, as text."""
        out = run(["psql", self.database.url, "-XAtq", "-F", "\x1f", "-c", query])
        return [line.split("\x1f") for line in out.splitlines() if line]

    def flush_rate_limits(self) -> None:
        """Forget every counted attempt (the limiter's Redis database)."""
        run(["redis-cli", "-p", str(self.redis_port), "-n", "1", "FLUSHDB"])

    def bucket_keys(self) -> list[str]:
        import boto3

        s3 = boto3.client(
            "s3",
            endpoint_url=self.env["S3_ENDPOINT_URL"],
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )
        listing = s3.list_objects_v2(Bucket="evalapp")
        return [entry["Key"] for entry in listing.get("Contents", [])]

    def restart_database(self, down_seconds: float = 0.0) -> None:
        """Only for a cluster of our own (OwnPostgres)."""
        self.database.stop()
        time.sleep(down_seconds)
        self.database.start()


def nginx_mime_types() -> str:
    for path in ("/etc/nginx/mime.types", "/usr/local/nginx/conf/mime.types"):
        if Path(path).exists():
            return path
    raise RuntimeError("nginx's mime.types not found")


CSRF_FIELD = re.compile(r'name="csrf[-_]token" (?:value|content)="([^"]+)"')


class Browser:
    """One person's browser: its cookies go to whichever address it is pointed at, the site
    behind nginx or one instance directly (told, as nginx would, that the client spoke HTTPS,
    so the Secure session cookie is issued and accepted)."""

    def __init__(self, stack: Stack, timeout: float = 30.0):
        import requests

        self.http = requests.Session()
        self.stack, self.timeout = stack, timeout
        self.cookies: dict[str, str] = {}
        self.csrf = ""

    def url(self, path: str, port: int | None) -> tuple[str, dict]:
        """The address, and the headers a browser on the site's HTTPS page sends (CSRF
        protection over HTTPS wants a same-origin Referer)."""
        if port is None:
            return self.stack.base_url + path, {"Referer": self.stack.base_url + "/"}
        headers = {"X-Forwarded-Proto": "https", "Referer": f"https://127.0.0.1:{port}/"}
        return f"http://127.0.0.1:{port}{path}", headers

    def request(self, method: str, path: str, port: int | None = None, **kwargs):
        url, headers = self.url(path, port)
        headers.update(kwargs.pop("headers", {}))
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = self.http.request(
            method,
            url,
            headers=headers,
            allow_redirects=False,
            timeout=self.timeout,
            verify=str(self.stack.tls_certificate),
            **kwargs,
        )
        self.http.cookies.clear()  # ours are kept (and sent) above, whatever their Secure flag
        for cookie in response.cookies:
            self.cookies[cookie.name] = cookie.value
        token = (
            CSRF_FIELD.search(response.text)
            if "html" in response.headers.get("Content-Type", "")
            else None
        )
        if token:
            self.csrf = token[1]
        return response

    def get(self, path: str, port: int | None = None, **kwargs):
        return self.request("GET", path, port, **kwargs)

    def post(self, path: str, port: int | None = None, **kwargs):
        return self.request("POST", path, port, **kwargs)

    def log_in(self, email: str, password: str, port: int | None = None):
        self.get("/auth/login", port)
        data = {"email": email, "password": password, "csrf_token": self.csrf}
        return self.post("/auth/login", port, data=data)


VERSION_FIELD = re.compile(r'name="version" value="(\d+)"')
