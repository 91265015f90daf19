"""Confirmation before what cannot be undone (issue 14, item 3).

A form for an irreversible action (sign a sheet, finalise a result, open a re-scoring round,
close a session, issue a decision, approve a revocation) posts once without `confirmed=1`: the
view changes nothing irreversible and answers with `ask(...)`, a page that says what will happen
and to whom, and carries every posted field into a "Xác nhận …" button that posts again with
`confirmed=1`, next to a "Quay lại" link. It works without JavaScript; the server-side check is
what makes a double click or a crafted POST harmless."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from flask import render_template, request

CONFIRMED = "confirmed"
# Posted fields never carried into the confirmation form: it brings its own.
NOT_CARRIED = frozenset({CONFIRMED, "csrf_token"})


def is_confirmed() -> bool:
    return request.form.get(CONFIRMED) == "1"


@dataclass(frozen=True)
class Confirmation:
    """What the page says. `consequences`: what will happen, one sentence each; `people`: who
    is told or affected, by name and role; `blockers`: why it cannot be done yet (then no
    confirm button is shown, only the way back)."""

    title: str
    consequences: list[str]
    button: str
    back_url: str
    people: list[str] = field(default_factory=list)
    blockers: list[str] = field(default_factory=list)
    blockers_heading: str = ""
    overrides: Mapping[str, str] = field(default_factory=dict)


def carried_fields(overrides: Mapping[str, str]) -> list[tuple[str, str]]:
    """The posted fields, as posted (repeated names kept), with `overrides` replacing theirs."""
    kept = [
        (name, value)
        for name, value in request.form.items(multi=True)
        if name not in NOT_CARRIED and name not in overrides
    ]
    return kept + list(overrides.items())


def ask(confirmation: Confirmation, status: int = 200, action: str | None = None):
    """The confirmation page for the current POST; `action` defaults to the URL just posted."""
    body = render_template(
        "confirm.html",
        confirmation=confirmation,
        action=action or request.path,
        fields=carried_fields(confirmation.overrides),
    )
    return body, status


def names(people: Iterable) -> list[str]:
    """Display names of users (or seats with a `.user`), in order, without repeats."""
    seen: list[str] = []
    for person in people:
        user = getattr(person, "user", person)
        name = getattr(user, "full_name", None) or getattr(user, "email", "")
        if name and name not in seen:
            seen.append(name)
    return seen
