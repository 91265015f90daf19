"""The commune stage under 26/2026 (Điều 6.2, 7.1, 7.2): the commune's 15-working-day period,
its badge, and the plain facts of the two papers it issues when it forwards a dossier: the report
on some contents of the dossier (Phụ lục III Mẫu số 03) and its proposal letter to the province.

The period runs from the day the commune receives the dossier, which is the day the producer
files it (Điều 7.1: the producer files with the commune, and a dossier on the software has the
legal value of the paper one). That day is not counted (`evalapp.rules.working_days`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from flask_babel import to_user_timezone

from evalapp.common.i18n import format_day
from evalapp.dossiers.models import Dossier, DossierState
from evalapp.dossiers.rules import pre_review_level, rulebook_of
from evalapp.rules import EvaluationLevel
from evalapp.rules.working_days import deadline_after_receipt, working_days_between

MAU_03 = "mau-03"


@dataclass(frozen=True)
class CommuneBadge:
    label: str
    css: str


def commune_level(dossier: Dossier) -> EvaluationLevel | None:
    """The commune level of the dossier's rulebook when it sets the commune a period."""
    level = pre_review_level(rulebook_of(dossier))
    if level is None or level.pre_review_working_days is None:
        return None
    return level


def writes_mau_03(dossier: Dossier) -> bool:
    level = pre_review_level(rulebook_of(dossier))
    return level is not None and level.pre_review_report == MAU_03


def received_on(dossier: Dossier) -> date | None:
    """The day the commune received the dossier: the local day the producer filed it."""
    if dossier.submitted_at is None:
        return None
    return to_user_timezone(dossier.submitted_at).date()


def commune_deadline(dossier: Dossier) -> date | None:
    """The last day of the commune's period (26/2026 Điều 7.2), or None where there is none.
    Once forwarded, the day counted then."""
    if dossier.pre_review is not None and dossier.pre_review.deadline_on is not None:
        return dossier.pre_review.deadline_on
    level, received = commune_level(dossier), received_on(dossier)
    if level is None or received is None:
        return None
    return deadline_after_receipt(received, level.pre_review_working_days)


def at_commune(dossier: Dossier) -> bool:
    return (
        dossier.state is DossierState.SUBMITTED
        and dossier.current_unit_id == dossier.organisation.commune_id
    )


def commune_badge(dossier: Dossier, today: date) -> CommuneBadge | None:
    """The working days the commune has left while the dossier is on its desk, or how many it is
    late by. On the deadline day itself the commune is still on time."""
    if not at_commune(dossier):
        return None
    deadline = commune_deadline(dossier)
    if deadline is None:
        return None
    day = format_day(deadline)
    if today > deadline:
        late = working_days_between(deadline, today)
        if late == 0:  # the weekend or holidays right after the deadline day
            return CommuneBadge(_("Quá hạn (hạn %(day)s)", day=day), "danger")
        return CommuneBadge(
            _("Quá hạn %(n)d ngày làm việc (hạn %(day)s)", n=late, day=day), "danger"
        )
    if today == deadline:
        return CommuneBadge(_("Hôm nay là hạn cuối (%(day)s)", day=day), "warning")
    left = working_days_between(today, deadline)
    css = "warning" if left <= 3 else "success"
    return CommuneBadge(_("Còn %(n)d ngày làm việc (hạn %(day)s)", n=left, day=day), css)


def late_for(dossier: Dossier, today: date) -> date | None:
    """The deadline the commune would miss by forwarding `today`, or None when on time."""
    deadline = commune_deadline(dossier)
    return deadline if deadline is not None and today > deadline else None
