"""The advisory group's pages (26/2026 Điều 7.3.c)."""

from evalapp.advisory.views import assignments, records, report  # noqa: F401
from evalapp.advisory.views.blueprint import bp

__all__ = ["bp"]
