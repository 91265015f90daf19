"""What each signed-in user finds on their home page: a card for each of their pages in
`home.navigation`, which the navigation bar lists too."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import url_for

from evalapp.auth.models import Role, User
from evalapp.dossiers.cut_offs import count_at_risk
from evalapp.dossiers.re_evaluation import count_overdue
from evalapp.home.navigation import cards_for
from evalapp.home.queues import pending_intake


@dataclass(frozen=True)
class Card:
    title: str
    text: str
    url: str
    icon: str


def dashboard_cards(user: User) -> list[Card]:
    return [
        Card(entry.title, entry.text, url_for(entry.endpoint), entry.icon)
        for entry in cards_for(user)
    ]


def cut_off_count(user: User, today: date) -> int:
    """The secretariat's dossiers not yet accepted near or past a 26/2026 Điều 5 cut-off."""
    if not user.has_role(Role.SECRETARY) or user.unit_id is None:
        return 0
    # a secretary's intake desk holds exactly the unit's dossiers awaiting the secretariat
    return count_at_risk(user.unit_id, today, pending_intake(user))


def overdue_re_evaluations(user: User, today: date) -> int:
    """The secretariat's re-evaluation dossiers past the 45 days of 26/2026 Điều 7.6.g."""
    if not user.has_role(Role.SECRETARY) or user.unit_id is None:
        return 0
    return count_overdue(user.unit_id, today)
