"""Producers: registration, the organisation profile, its users and products (`pages`); the
verification of an organisation's tax code and the disputes over one (`verification`). One
blueprint (`blueprint.bp`); each module adds its pages to it."""

from evalapp.producers.views import pages, verification
from evalapp.producers.views.blueprint import bp

__all__ = ["bp", "pages", "verification"]
