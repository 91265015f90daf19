"""Time is stored in UTC and shown in the user's time zone (Asia/Ho_Chi_Minh by default)."""

from datetime import UTC, date, datetime

from sqlalchemy import DateTime
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    return datetime.now(UTC)


def local_today() -> date:
    """Today where the users are (Asia/Ho_Chi_Minh unless configured otherwise)."""
    from flask_babel import to_user_timezone

    return to_user_timezone(utcnow()).date()


class UTCDateTime(TypeDecorator):
    """An aware UTC datetime on every database (SQLite keeps no zone, so it is stored naive in UTC)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not accepted; use evalapp.common.time.utcnow()")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        return None if value is None else value.replace(tzinfo=UTC)
