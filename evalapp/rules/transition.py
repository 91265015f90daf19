"""When one rulebook takes over from another (Decision 26/2026/QĐ-TTg, Điều 11–12).

Periods counted in days "kể từ" an event follow the Civil Code (Bộ luật Dân sự 2015):
the first day is not counted (Điều 147.1) and the period ends at the end of its last day
(Điều 148.1.a). So "hết hiệu lực sau 60 ngày kể từ ngày 22/5/2026" ends with 21/7/2026:
Decisions 148 and 1489 have effect until the end of that day and none from 22/7/2026.
"""

from __future__ import annotations

from datetime import date, timedelta

from .loader import list_rulebooks, rulebook_for_date
from .model import RegistrationType, Rulebook


def period_end(start: date, days: int) -> date:
    """The last day of a period of `days` days counted from the event on `start`."""
    return start + timedelta(days=days)


def successor(rulebook: Rulebook) -> Rulebook | None:
    """The shipped rulebook that replaces `rulebook`, if any."""
    return next((r for r in list_rulebooks() if r.replaces == rulebook.code), None)


def replaced_until(rulebook: Rulebook) -> date | None:
    """The last day the rulebook that `rulebook` replaces still has effect (Điều 11.2)."""
    if rulebook.transition is None:
        return None
    return period_end(rulebook.applies_from, rulebook.transition.replaced_after_days)


def accepts_new_filings(rulebook: Rulebook, day: date) -> bool:
    """Whether a round opened or a dossier filed on `day` may use `rulebook`: only the newest
    rulebook in force on that day (a replaced one only finishes what was filed before)."""
    try:
        return rulebook_for_date(day).code == rulebook.code
    except LookupError:
        return False


def closed_by(rulebook: Rulebook, day: date) -> Rulebook | None:
    """The successor whose transition closes `rulebook` to dossiers filed on `day` (26/2026
    Điều 12.2: only dossiers filed before 22/5/2026 finish under 148 and 1489), or None.

    Only a transition written in the successor's data closes a rulebook: the app records none
    for the replacements before 26/2026."""
    new = successor(rulebook)
    if new is None or new.transition is None or day < new.transition.filed_before:
        return None
    return new


def transition_deadline(rulebook: Rulebook, filed_on: date, registration_type: str) -> date | None:
    """Điều 12.2: the last day by which a dossier filed under `rulebook` before its successor
    took effect must be evaluated (60 days for a first evaluation or an upgrade, 30 for a
    re-evaluation, counted from the successor's first day). None when no successor with a
    transition applies to the dossier."""
    new = successor(rulebook)
    if new is None or new.transition is None or filed_on >= new.transition.filed_before:
        return None
    days = new.transition.finish_within_days[RegistrationType(registration_type).value]
    return period_end(new.applies_from, days)
