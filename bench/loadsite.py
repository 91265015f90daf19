"""The load bench's site: a throw-away PostgreSQL database filled by `bench/dataset.py`, served by
gunicorn as the README deploys it (deploy/gunicorn.conf.py: 2 workers, gthread) with production
settings, through `bench/loadwsgi.py`; and the browser the page and load benchmarks use.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import signal
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.network import free_port, wait_for_port

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
POSTGRES = os.environ.get("BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432")
CSRF_FIELD = re.compile(r'name="csrf[-_]token" (?:value|content)="([^"]+)"')
VERSION_FIELD = re.compile(r'name="version" value="(\d+)"')
QUERIES_HEADER = "X-Bench-Queries"
# The bench's server: production settings, with the login and lookup limits raised (70 people
# log in at once from one address) and the cookies allowed over plain HTTP on 127.0.0.1.
SERVER_SETTINGS = {
    "EVALAPP_ENV": "production",
    "SESSION_COOKIE_SECURE": "0",
    "LOGIN_RATE_LIMIT": "1000 per minute",
    "LOGIN_ADDRESS_RATE_LIMIT": "1000 per minute",
    "CERTIFICATE_LOOKUP_RATE_LIMIT": "100000 per minute",
    "MAIL_BACKEND": "outbox",
    "RATELIMIT_STORAGE_URI": "memory://",
}


def psql(sql: str, database: str = "postgres") -> None:
    subprocess.run(
        ["psql", f"{POSTGRES}/{database}", "-qAt", "-v", "ON_ERROR_STOP=1", "-c", sql],
        check=True,
        capture_output=True,
    )


def stop_process(process: subprocess.Popen | None, stopping: int) -> None:
    """Ask `process` to stop with `stopping`; killed if it has not after 30 s."""
    if process is None or process.poll() is not None:
        return
    process.send_signal(stopping)
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@dataclass
class Site:
    """One database at one scale, and its server once started."""

    scale: float
    workdir: Path
    keep: bool = False
    manifest: dict = field(default_factory=dict)
    server: subprocess.Popen | None = None
    worker: subprocess.Popen | None = None  # `flask jobs worker`: prints and session documents
    port: int = 0

    @property
    def name(self) -> str:
        return f"evalapp_loadbench_s{round(self.scale * 100):03d}"

    @property
    def url(self) -> str:
        return f"{POSTGRES}/{self.name}"

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def key(self) -> Path:
        return self.workdir / "signing-key.pem"

    @property
    def manifest_path(self) -> Path:
        return self.workdir / f"{self.name}.json"

    def environment(self) -> dict:
        instance = self.workdir / f"instance-{self.name}"
        instance.mkdir(parents=True, exist_ok=True)
        return {
            **os.environ,
            **SERVER_SETTINGS,
            "DATABASE_URL": self.url,
            "SECRET_KEY": self.secret(),
            "PUBLIC_BASE_URL": self.base if self.port else "http://127.0.0.1",
            "CERTIFICATE_SIGNING_KEY": str(self.key),
            "EVALAPP_INSTANCE_DIR": str(instance),
            "JOBS_URL": f"sqlite:///{instance / 'jobs.sqlite3'}",
            "PYTHONPATH": str(ROOT),
        }

    def secret(self) -> str:
        path = self.workdir / "secret-key"
        if not path.exists():
            path.write_text(secrets.token_hex(32))
        return path.read_text()

    def prepare(self, reuse: bool = False) -> float:
        """Create, migrate and fill the database (or reuse a kept one); seconds taken."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        if reuse and self.manifest_path.exists():
            self.manifest = json.loads(self.manifest_path.read_text())
            return 0.0
        started = time.monotonic()
        psql(f"DROP DATABASE IF EXISTS {self.name}")
        psql(f"CREATE DATABASE {self.name}")
        flask = [str(ROOT / ".venv" / "bin" / "flask"), "--app", "wsgi"]
        env = {**self.environment(), "EVALAPP_ENV": "development"}
        subprocess.run(
            [*flask, "db", "upgrade"], cwd=ROOT, env=env, check=True, capture_output=True
        )
        subprocess.run(
            [PYTHON, "bench/dataset.py", "--scale", str(self.scale), "--database-url", self.url,
             "--key", str(self.key), "--manifest", str(self.manifest_path)],
            cwd=ROOT, env=env, check=True,
        )  # fmt: skip
        self.manifest = json.loads(self.manifest_path.read_text())
        self.manifest["search_rebuild"] = self.rebuild_search(flask, env)
        self.manifest_path.write_text(json.dumps(self.manifest, ensure_ascii=False))
        return time.monotonic() - started

    def rebuild_search(self, flask: list[str], env: dict) -> str:
        """`flask search rebuild` when the application has it (folded search columns and their
        indexes for rows that were bulk-inserted); what happened, in a word."""
        probe = subprocess.run([*flask, "search", "--help"], cwd=ROOT, env=env, capture_output=True)
        if probe.returncode != 0:
            return "absent"
        done = subprocess.run([*flask, "search", "rebuild"], cwd=ROOT, env=env, capture_output=True)
        return "done" if done.returncode == 0 else f"failed: {done.stderr.decode()[-300:]}"

    def start(self) -> None:
        self.port = free_port()
        log = open(self.workdir / f"gunicorn-{self.name}.log", "wb")  # noqa: SIM115 (kept open)
        self.server = subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "gunicorn"), "--config", "deploy/gunicorn.conf.py",
             "--bind", f"127.0.0.1:{self.port}", "--access-logfile", "/dev/null",
             "bench.loadwsgi:app"],
            cwd=ROOT, env=self.environment(), stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        worker_log = open(self.workdir / f"worker-{self.name}.log", "wb")  # noqa: SIM115
        self.worker = subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "flask"), "--app", "wsgi", "jobs", "worker"],
            cwd=ROOT, env=self.environment(), stdout=worker_log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        wait_for_port(self.port, timeout=60)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(self.base + "/healthz", timeout=5).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.5)
        raise RuntimeError(f"gunicorn did not answer; see {log.name}")

    def stop(self) -> None:
        stop_process(self.worker, signal.SIGINT)  # the job worker's own way to stop
        stop_process(self.server, signal.SIGTERM)
        self.worker = self.server = None

    def drop(self) -> None:
        if not self.keep:
            psql(f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")
            self.manifest_path.unlink(missing_ok=True)


class Browser:
    """One person's browser: cookies and the CSRF token of the last HTML page."""

    def __init__(self, base: str, timeout: float = 120.0) -> None:
        self.base, self.timeout = base, timeout
        self.http = requests.Session()
        self.csrf = ""

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        response = self.http.request(
            method, self.base + path, allow_redirects=False, timeout=self.timeout, **kwargs
        )
        if "html" in response.headers.get("Content-Type", ""):
            token = CSRF_FIELD.search(response.text)
            if token:
                self.csrf = token[1]
        return response

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs) -> requests.Response:
        return self.request("POST", path, **kwargs)

    def log_in(self, email: str, password: str) -> Browser:
        self.get("/auth/login")
        answer = self.post(
            "/auth/login", data={"email": email, "password": password, "csrf_token": self.csrf}
        )
        if answer.status_code != 302:
            raise RuntimeError(f"login of {email} answered {answer.status_code}")
        self.get("/")  # a fresh CSRF token for the session
        return self


@dataclass
class Answer:
    """One timed request (or document: from the request to the file)."""

    seconds: float
    status: int
    size: int
    queries: int | None
    kind: str = ""  # for documents: "file", "job" (built in the background) or what came back
    response: requests.Response | None = field(default=None, repr=False)


def timed(browser: Browser, method: str, path: str, **kwargs) -> Answer:
    started = time.perf_counter()
    response = browser.request(method, path, **kwargs)
    seconds = time.perf_counter() - started
    queries = response.headers.get(QUERIES_HEADER)
    count = int(queries) if queries else None
    return Answer(seconds, response.status_code, len(response.content), count, "", response)


DOCUMENT_TYPES = ("application/pdf", "spreadsheetml", "application/octet-stream")
REFRESH = re.compile(r'http-equiv="refresh" content="\d+;\s*url=([^"]+)"', re.I)


def fetch_document(browser: Browser, path: str, limit: float = 180.0) -> Answer:
    """The time from asking for a document to holding the file: answered at once, or through
    redirects and a job's progress page (202, or an HTML page polled until it gives the file)."""
    started = time.perf_counter()
    queries, kind, target = 0, "file", path
    while time.perf_counter() - started < limit:
        response = browser.get(target)
        queries += int(response.headers.get(QUERIES_HEADER) or 0)
        kind_of = response.headers.get("Content-Type", "")
        if response.status_code == 200 and any(t in kind_of for t in DOCUMENT_TYPES):
            return Answer(time.perf_counter() - started, 200, len(response.content), queries, kind)
        if response.status_code in (301, 302, 303, 307, 308):
            target = relative(browser, response.headers["Location"])
            continue
        if response.status_code == 202 or (response.status_code == 200 and "html" in kind_of):
            kind = "job"
            found = REFRESH.search(response.text) if "html" in kind_of else None
            target = relative(browser, response.headers.get("Location") or "") or (
                relative(browser, found[1]) if found else target
            )
            time.sleep(0.25)
            continue
        return Answer(time.perf_counter() - started, response.status_code, 0, queries, "error")
    return Answer(time.perf_counter() - started, 0, 0, queries, "timeout")


def relative(browser: Browser, location: str) -> str:
    return location[len(browser.base) :] if location.startswith(browser.base) else location


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])
