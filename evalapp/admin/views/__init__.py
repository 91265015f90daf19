"""The administrator's screens: user accounts (`users`), administrative units and their offices
(`units`), the audit log (`audit`); the criteria sheet library is its own feature (`evalapp.sheets`). One blueprint (`blueprint.bp`); each module adds its pages
to it."""

from evalapp.admin.views import audit, units, users
from evalapp.admin.views.blueprint import bp

__all__ = ["audit", "bp", "units", "users"]
