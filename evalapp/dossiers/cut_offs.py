"""Dossiers that will miss a cut-off of 26/2026 Điều 5: those still at the commune when the
proposal cut-off of their round nears or passes, those proposed but not yet accepted when the
decision deadline does, and those the commune proposed on or after the cut-off (Điều 5.1: only
proposals "trước ngày 30 tháng 4" / "trước ngày 30 tháng 10" go to that round)."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_babel import to_user_timezone
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from evalapp.common.i18n import format_day
from evalapp.dossiers.commune import CommuneBadge, at_commune
from evalapp.dossiers.models import Dossier
from evalapp.dossiers.queries import AWAITING_SECRETARIAT
from evalapp.extensions import db
from evalapp.producers.models import Organisation
from evalapp.rounds.cut_offs import dossiers_at_risk, round_cut_off
from evalapp.rounds.models import EvaluationRound
from evalapp.rules.round_calendar import CutOff, deadline_warning

#: How many days before a cut-off a dossier is flagged.
WARN_DAYS = 30


def proposed_on(dossier: Dossier) -> date | None:
    """The local day the commune forwarded the dossier (its pre-review), if it did."""
    if dossier.pre_review is None:
        return None
    return to_user_timezone(dossier.pre_review.reviewed_at).date()


def proposed_late(dossier: Dossier, cut_off: CutOff) -> CommuneBadge | None:
    day = proposed_on(dossier)
    if day is None or day < cut_off.proposal_before:
        return None
    return CommuneBadge(
        _("Đề xuất sau hạn %(day)s", day=format_day(cut_off.proposal_before)), "danger"
    )


def cut_off_badge(dossier: Dossier, today: date) -> CommuneBadge | None:
    """The Điều 5 badge of a dossier not yet accepted, or None when no cut-off is near."""
    if dossier.state not in AWAITING_SECRETARIAT:
        return None
    cut_off = round_cut_off(dossier.round)
    if cut_off is None:
        return None
    waiting = at_commune(dossier)
    late = None if waiting else proposed_late(dossier, cut_off)
    warning = deadline_warning(cut_off, today, proposed=not waiting, within_days=WARN_DAYS)
    if late is not None or warning is None:
        return late
    day = format_day(warning.deadline)
    if warning.kind == "proposal":
        if warning.missed:
            return CommuneBadge(_("Quá hạn đề xuất %(day)s", day=day), "danger")
        return CommuneBadge(
            _("Còn %(days)d ngày đến hạn đề xuất %(day)s", days=warning.days_left, day=day),
            "warning",
        )
    if warning.missed:
        return CommuneBadge(_("Quá hạn quyết định %(day)s", day=day), "danger")
    return CommuneBadge(
        _("Còn %(days)d ngày đến hạn quyết định %(day)s", days=warning.days_left, day=day),
        "warning",
    )


def awaiting(query):
    return (
        query.where(Dossier.state.in_(AWAITING_SECRETARIAT))
        .options(
            selectinload(Dossier.product),
            selectinload(Dossier.pre_review),
            selectinload(Dossier.round),
            selectinload(Dossier.organisation).selectinload(Organisation.commune),
        )
        .order_by(Dossier.submitted_at)
    )


@dossiers_at_risk.answer
def round_dossiers_at_risk(round_: EvaluationRound, today: date) -> list[tuple]:
    """(dossier, badge) for the round's dossiers not yet accepted that face a Điều 5 cut-off."""
    dossiers = db.session.scalars(awaiting(select(Dossier).where(Dossier.round_id == round_.id)))
    badges = ((dossier, cut_off_badge(dossier, today)) for dossier in dossiers)
    return [(dossier, badge) for dossier, badge in badges if badge is not None]


def count_at_risk(unit_id: int, today: date, awaiting_dossiers=None) -> int:
    """How many dossiers of the unit's rounds face a Điều 5 cut-off (the secretariat's home).
    `awaiting_dossiers`: those dossiers (of the unit's rounds, awaiting the secretariat) when
    the caller has already loaded them."""
    if awaiting_dossiers is None:
        query = select(Dossier).join(Dossier.round).where(EvaluationRound.unit_id == unit_id)
        awaiting_dossiers = db.session.scalars(awaiting(query))
    return sum(1 for dossier in awaiting_dossiers if cut_off_badge(dossier, today))
