"""Finalised results: the council's conclusion, reopening, forwarding, the producer's outcome."""

from flask import Blueprint

bp = Blueprint("results", __name__, url_prefix="/results")
