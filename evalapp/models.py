"""Every feature's models, imported together so the metadata (and Alembic) sees all tables."""

from evalapp.auth.models import RoleGrant, User
from evalapp.common.audit import AuditEntry
from evalapp.units.models import AdministrativeUnit, Office

__all__ = ["AdministrativeUnit", "AuditEntry", "Office", "RoleGrant", "User"]
