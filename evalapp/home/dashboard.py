"""What each signed-in user finds on their home page: a card for each of their pages in
`home.navigation`, which the navigation bar lists too."""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for

from evalapp.auth.models import User
from evalapp.home.navigation import cards_for


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
