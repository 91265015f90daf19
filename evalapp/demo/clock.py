"""The demo replays past years through the real services.

Every service reads the time through `evalapp.common.time.utcnow()` (and `local_today()`, which
asks it), so while `replay()` runs, the clock answers the moment the story has reached: a dossier
submitted on 15/09/2021 gets that day's receipt code, a session scheduled a week ahead of
13/10/2021 passes the "in the future" check, a certificate issued in December 2021 expires in
December 2024. Each reading moves the clock on by a second, so events keep their order.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from evalapp.auth import services as accounts
from evalapp.common import time as app_time

TICK = timedelta(seconds=1)
SLACK = timedelta(hours=1)
VIETNAM = timedelta(hours=7)


class DemoClock:
    def __init__(self, start: datetime) -> None:
        self.moment = in_utc(start)

    def set(self, moment: datetime) -> None:
        """Move on to `moment` (naive: Vietnam time). The story only goes forward; the readings
        since the last `set` may have run a few minutes past it, which is kept."""
        moment = in_utc(moment)
        if moment < self.moment - SLACK:
            raise ValueError(f"the demo clock cannot go back from {self.moment} to {moment}")
        self.moment = max(moment, self.moment)

    def read(self) -> datetime:
        self.moment += TICK
        return self.moment


def in_utc(moment: datetime) -> datetime:
    """A naive moment is Vietnam local time (the story's times are the meeting-room clock)."""
    return (moment - VIETNAM).replace(tzinfo=UTC) if moment.tzinfo is None else moment


@contextmanager
def replay(start: datetime) -> Iterator[DemoClock]:
    """Run the block with the application's clock at `start` (Vietnam time if naive)."""
    clock = DemoClock(start)

    class ReplayedDateTime(datetime):
        @classmethod
        def now(cls, tz=None):
            moment = clock.read()
            return moment.replace(tzinfo=None) if tz is None else moment.astimezone(tz)

    real = app_time.datetime
    app_time.datetime = ReplayedDateTime
    try:
        yield clock
    finally:
        app_time.datetime = real


@contextmanager
def one_password_hash() -> Iterator[None]:
    """Every demo account has the same published password: hash it once (scrypt takes about half
    a second per account under the development configuration)."""
    real = accounts.hash_password
    hashes: dict[str, str] = {}

    def hash_once(password: str) -> str:
        if password not in hashes:
            hashes[password] = real(password)
        return hashes[password]

    accounts.hash_password = hash_once
    try:
        yield
    finally:
        accounts.hash_password = real
