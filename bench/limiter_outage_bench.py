"""Logins while the rate limits' Redis is unreachable (issue 16, item 3), run by hand:
`.venv/bin/python bench/limiter_outage_bench.py [seconds]` (default 40).

Two outages, each against an app on a throw-away SQLite file (migrated by Alembic) whose
`RATELIMIT_STORAGE_URI` points at:
- a port where nothing listens (Redis stopped: the connection is refused at once);
- a socket that accepts and never answers (Redis hung: only the timeouts end the wait).
For `seconds`, one client posts a failing login every 0.2 s through the test client and the
script prints the requests, their status codes, the slowest answers and when they came: the
first request that meets the outage, then each retry of Redis by the limiter (after 1, 2, 4 … 32
seconds). See bench/README.md.
"""

from __future__ import annotations

import logging
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask_migrate import upgrade

from config import TestConfig
from evalapp import create_app


def refused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def hung_port() -> int:
    """A listener that accepts every connection and never reads or answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(100)
    held = []

    def accept_forever():
        while True:
            held.append(listener.accept())

    threading.Thread(target=accept_forever, daemon=True).start()
    return listener.getsockname()[1]


def run(name: str, port: int, seconds: float, folder: Path) -> None:
    app = create_app(
        TestConfig,
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{folder / (name + '.sqlite3')}",
        RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{port}/0",
        LOGIN_ADDRESS_RATE_LIMIT="60 per minute;600 per hour",
        LOGIN_RATE_LIMIT="5 per minute;30 per hour",
    )
    with app.app_context():
        upgrade()
    client = app.test_client()
    answers = []
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        sent = time.monotonic()
        form = {"email": f"thu{len(answers)}@vi-du.vn", "password": "sai"}
        status = client.post("/auth/login", data=form).status_code
        answers.append((sent - started, time.monotonic() - sent, status))
        time.sleep(0.2)
    codes = Counter(status for _, _, status in answers)
    slow = [(round(at, 1), round(took, 2)) for at, took, _ in answers if took > 0.5]
    print(f"{name}: {len(answers)} logins in {seconds:.0f} s, status codes {dict(codes)}")
    print(f"  answers over 0.5 s (second of the run, seconds taken): {slow or 'none'}")
    print(f"  median answer {sorted(t for _, t, _ in answers)[len(answers) // 2] * 1000:.0f} ms")


OUTAGES = {"stopped": refused_port, "hung": hung_port}


def main() -> None:
    """Each outage in a process of its own: the limiter (and its view of Redis) is one per
    process, as in a gunicorn worker."""
    seconds = sys.argv[1] if len(sys.argv) > 1 else "40"
    if len(sys.argv) > 2:
        logging.getLogger("flask-limiter").setLevel(logging.ERROR)
        with tempfile.TemporaryDirectory() as folder:
            outage = sys.argv[2]
            run(f"Redis {outage}", OUTAGES[outage](), float(seconds), Path(folder))
        return
    for outage in OUTAGES:
        subprocess.run([sys.executable, __file__, seconds, outage], check=True)


if __name__ == "__main__":
    main()
