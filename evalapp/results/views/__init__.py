"""Results: the council's side (`council`: a dossier's result page, finalisation, re-scoring, a
session's results), reopening and forwarding (`actions`), the producer's outcome (`producer`).
One blueprint (`blueprint.bp`); each module adds its pages to it."""

from evalapp.results.views import actions, council, producer
from evalapp.results.views.blueprint import bp

__all__ = ["actions", "bp", "council", "producer"]
