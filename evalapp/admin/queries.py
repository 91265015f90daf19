from sqlalchemy import select

from evalapp.auth.models import Role, RoleGrant, User
from evalapp.common.search import contains_text


def users_matching(text: str | None, role: str | None):
    query = select(User).order_by(User.full_name)
    if text:
        query = query.where(contains_text(text.strip(), User.email, User.full_name))
    if role:
        query = query.where(User.role_grants.any(RoleGrant.role == Role(role)))
    return query
