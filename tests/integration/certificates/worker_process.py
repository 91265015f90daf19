"""`flask jobs worker` as its own process, on the database and queue a test names (run by
test_worker_killed.py: `python worker_process.py SETTINGS_JSON`). `slow_part_seconds` makes each
part of a batch PDF take that long, so that the test can kill the worker in the middle of a job."""

import json
import sys
import time

from config import TestConfig
from evalapp import create_app
from evalapp.certificates import document


def slowed(function, seconds: float):
    def slow(*args, **kwargs):
        time.sleep(seconds)
        return function(*args, **kwargs)

    return slow


def main(settings: dict) -> None:
    if seconds := settings.pop("slow_part_seconds", 0):
        document.layout = slowed(document.layout, seconds)
    app = create_app(TestConfig, JOBS_IMMEDIATE=False, **settings)
    result = app.test_cli_runner().invoke(args=["jobs", "worker", "--workers", "1"])
    print(result.output, result.exception, file=sys.stderr)


if __name__ == "__main__":
    main(json.loads(sys.argv[1]))
