"""The administrator's screens: user accounts (`users`), administrative units and their offices
(`units`), the audit log (`audit`), the API tokens (`api_tokens`), the criteria sheet library of `evalapp.sheets` (`sheets`). One blueprint (`blueprint.bp`); each module adds its pages
to it."""

from evalapp.admin.views import api_tokens, audit, sheets, units, users
from evalapp.admin.views.blueprint import bp

__all__ = ["api_tokens", "audit", "bp", "sheets", "units", "users"]
