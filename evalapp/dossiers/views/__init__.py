"""Dossiers: the producer's pages (`producer`), the self-assessment (`assessment`), the
registration forms of 26/2026 Phụ lục III (`registration`), the staff's intake and review
(`staff`), the commune's papers (`commune`). One blueprint (`blueprint.bp`); each module adds its
pages to it."""

from evalapp.dossiers.views import assessment, commune, producer, registration, staff
from evalapp.dossiers.views.blueprint import bp

__all__ = ["assessment", "bp", "commune", "producer", "registration", "staff"]
