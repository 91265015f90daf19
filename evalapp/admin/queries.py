from sqlalchemy import or_, select

from evalapp.auth.models import Role, RoleGrant, User


def users_matching(text: str | None, role: str | None):
    query = select(User).order_by(User.full_name)
    if text:
        pattern = f"%{text.strip().lower()}%"
        query = query.where(or_(User.email.like(pattern), User.full_name.ilike(pattern)))
    if role:
        query = query.where(User.role_grants.any(RoleGrant.role == Role(role)))
    return query
