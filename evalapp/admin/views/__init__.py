"""The administrator's screens: user accounts (`users`), administrative units and their offices
(`units`). One blueprint (`blueprint.bp`); each module adds its pages to it."""

from evalapp.admin.views import units, users
from evalapp.admin.views.blueprint import bp

__all__ = ["bp", "units", "users"]
