"""A round beside the calendar of 26/2026 Điều 5: the cut-off it serves, the dates it proposes
and the warnings when its own dates go past the cut-off (`evalapp.rules.round_calendar`)."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _

from evalapp.common.hooks import Hook
from evalapp.common.i18n import format_day
from evalapp.rounds.models import EvaluationRound
from evalapp.rules.round_calendar import CutOff, cut_off_for


def describe(cut_off: CutOff) -> str:
    """ "Đợt 1 năm 2027: đề xuất trước 30/04/2027, quyết định trước 30/06/2027"."""
    return _(
        "Đợt %(number)s năm %(year)s: đề xuất trước %(proposal)s, quyết định trước %(decision)s",
        number=cut_off.number,
        year=cut_off.year,
        proposal=format_day(cut_off.proposal_before),
        decision=format_day(cut_off.decision_before),
    )


def proposed_dates(rulebook_code: str, level_code: str, today: date) -> dict:
    """The form's values for a round opened on `today` for the next Điều 5 cut-off: submissions
    from the communes from today to the last day before the proposal cut-off, scoring from the
    cut-off to the last day before the decision deadline. Empty when there is no calendar."""
    cut_off = cut_off_for(rulebook_code, level_code, today)
    if cut_off is None:
        return {}
    return {
        "name": _("Đợt %(number)s năm %(year)s", number=cut_off.number, year=cut_off.year),
        "year": cut_off.year,
        "submission_opens_on": today,
        "submission_closes_on": cut_off.last_proposal_day,
        "scoring_starts_on": cut_off.proposal_before,
        "scoring_ends_on": cut_off.last_decision_day,
    }


def round_cut_off(round_: EvaluationRound) -> CutOff | None:
    """The Điều 5 cut-off a round serves: the one its first day of submissions falls before."""
    return cut_off_for(round_.rulebook_code, round_.level_code, round_.submission_opens_on)


def overruns(round_: EvaluationRound, cut_off: CutOff) -> list[str]:
    """Where the round's own dates go past its Điều 5 cut-off (a council's regulation may add
    rounds, so this warns and never refuses)."""
    warnings = []
    if round_.submission_closes_on >= cut_off.proposal_before:
        warnings.append(
            _(
                "Hạn nộp hồ sơ %(closes)s không trước hạn đề xuất %(cut_off)s của Điều 5.",
                closes=format_day(round_.submission_closes_on),
                cut_off=format_day(cut_off.proposal_before),
            )
        )
    if round_.scoring_ends_on >= cut_off.decision_before:
        warnings.append(
            _(
                "Ngày kết thúc chấm điểm %(ends)s không trước hạn quyết định %(cut_off)s "
                "của Điều 5.",
                ends=format_day(round_.scoring_ends_on),
                cut_off=format_day(cut_off.decision_before),
            )
        )
    return warnings


#: (round, today) → [(dossier, badge)]: the round's dossiers not yet accepted that will miss or
#: have missed a Điều 5 cut-off. Answered by `dossiers.cut_offs`, which owns the dossiers.
dossiers_at_risk = Hook("rounds.dossiers_at_risk")
