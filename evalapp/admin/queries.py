from datetime import UTC, date, datetime, time, timedelta

from flask_babel import get_timezone
from sqlalchemy import or_, select

from evalapp.auth.models import Role, RoleGrant, User
from evalapp.common.audit import AuditEntry
from evalapp.common.search import contains_text, folded_match
from evalapp.extensions import db


def users_matching(text: str | None, role: str | None):
    query = select(User).order_by(User.full_name)
    if text:
        query = query.where(folded_match(text, User.search_text))
    if role:
        query = query.where(User.role_grants.any(RoleGrant.role == Role(role)))
    return query


def audit_object_types() -> list[str]:
    return sorted(
        db.session.scalars(
            select(AuditEntry.object_type).where(AuditEntry.object_type.is_not(None)).distinct()
        )
    )


def local_midnight(day: date) -> datetime:
    """The start of `day` in the users' time zone, in UTC (the log is stored in UTC)."""
    return get_timezone().localize(datetime.combine(day, time())).astimezone(UTC)


def audit_entries(
    user: str | None = None,
    object_type: str | None = None,
    object_id: str | None = None,
    action: str | None = None,
    since: date | None = None,
    until: date | None = None,
):
    """The audit log, newest first, filtered; `until` includes that whole (local) day."""
    query = select(AuditEntry).order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
    if user:
        accounts = select(User.id).where(folded_match(user, User.search_text))
        query = query.where(
            or_(AuditEntry.actor_id.in_(accounts), contains_text(user, AuditEntry.actor_email))
        )
    if object_type:
        query = query.where(AuditEntry.object_type == object_type)
    if object_id:
        query = query.where(AuditEntry.object_id == object_id)
    if action:
        query = query.where(contains_text(action, AuditEntry.action))
    if since:
        query = query.where(AuditEntry.created_at >= local_midnight(since))
    if until:
        query = query.where(AuditEntry.created_at < local_midnight(until + timedelta(days=1)))
    return query


def names_of_actors(entries) -> dict[int, User]:
    """The accounts that acted in `entries`, in one query."""
    ids = {entry.actor_id for entry in entries if entry.actor_id}
    return (
        {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(ids)))} if ids else {}
    )
