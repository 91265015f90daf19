"""The administrator's screens: user accounts (`users`), administrative units and their offices
(`units`), the audit log (`audit`), the criteria sheet library of `evalapp.sheets` (`sheets`). One blueprint (`blueprint.bp`); each module adds its pages
to it."""

from evalapp.admin.views import audit, sheets, units, users
from evalapp.admin.views.blueprint import bp

__all__ = ["audit", "bp", "sheets", "units", "users"]
