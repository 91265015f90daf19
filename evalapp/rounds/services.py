"""Verbs on evaluation rounds: open, update, close, reopen. Never commit."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select

from evalapp.common import audit
from evalapp.common.i18n import format_day, localised
from evalapp.common.refusals import Refusal
from evalapp.extensions import db
from evalapp.rounds.models import EvaluationRound, RoundState
from evalapp.rules import Rulebook, accepts_new_filings, load_rulebook, rulebook_for_date
from evalapp.units.models import AdministrativeUnit


class RoundError(Refusal):
    pass


def snapshot(round_: EvaluationRound) -> dict:
    return {
        "unit_id": round_.unit_id,
        "name": round_.name,
        "year": round_.year,
        "rulebook_code": round_.rulebook_code,
        "level_code": round_.level_code,
        "submission_opens_on": round_.submission_opens_on.isoformat(),
        "submission_closes_on": round_.submission_closes_on.isoformat(),
        "scoring_starts_on": round_.scoring_starts_on.isoformat(),
        "scoring_ends_on": round_.scoring_ends_on.isoformat(),
        "state": round_.state.value,
    }


def find_rulebook(code: str) -> Rulebook:
    try:
        return load_rulebook(code)
    except LookupError:
        raise RoundError(_("Không tìm thấy bộ quy định đã chọn."), field="rulebook_code") from None


def check_dates(opens: date, closes: date, starts: date, ends: date) -> None:
    """Submission opens ≤ closes < scoring starts ≤ scoring ends."""
    if closes < opens:
        raise RoundError(
            _("Ngày hết hạn nộp hồ sơ không được trước ngày bắt đầu nhận hồ sơ."),
            field="submission_closes_on",
        )
    if starts <= closes:
        raise RoundError(
            _("Ngày bắt đầu chấm điểm phải sau ngày hết hạn nộp hồ sơ."),
            field="scoring_starts_on",
        )
    if ends < starts:
        raise RoundError(
            _("Ngày kết thúc chấm điểm không được trước ngày bắt đầu chấm điểm."),
            field="scoring_ends_on",
        )


def check_rulebook_applies(rulebook: Rulebook, day: date) -> None:
    """The rulebook must be the one new rounds use on the day submissions open (26/2026 Điều
    11–12: a replaced rulebook only finishes what was filed before); name the one that is."""
    if accepts_new_filings(rulebook, day):
        return
    try:
        in_force = rulebook_for_date(day).reference
    except LookupError:
        in_force = None
    if in_force is None:
        message = _(
            "Quy định %(reference)s không áp dụng vào ngày %(day)s; "
            "chưa có quy định OCOP nào áp dụng vào ngày đó.",
            reference=rulebook.reference,
            day=format_day(day),
        )
    else:
        message = _(
            "Quy định %(reference)s không áp dụng vào ngày %(day)s; "
            "quy định áp dụng vào ngày đó là %(in_force)s.",
            reference=rulebook.reference,
            day=format_day(day),
            in_force=in_force,
        )
    raise RoundError(message, field="rulebook_code")


def check_level(unit: AdministrativeUnit, rulebook: Rulebook, level_code: str) -> None:
    """A round runs at a scoring level of its rulebook, the level of the unit that opens it
    (1489 abolished districts: its rounds are at province or central level)."""
    scoring = [level for level in rulebook.levels if level.scores]
    if level_code not in {level.code for level in scoring}:
        raise RoundError(
            _(
                "Quy định %(reference)s chỉ tổ chức đánh giá ở: %(levels)s.",
                reference=rulebook.reference,
                levels=", ".join(localised(level.name) for level in scoring),
            ),
            field="level_code",
        )
    if level_code != unit.level.value:
        raise RoundError(
            _("Cấp đánh giá phải trùng với cấp của đơn vị %(unit)s.", unit=unit.name),
            field="level_code",
        )


def check_round(unit: AdministrativeUnit, values: dict) -> None:
    rulebook = find_rulebook(values["rulebook_code"])
    check_dates(
        values["submission_opens_on"],
        values["submission_closes_on"],
        values["scoring_starts_on"],
        values["scoring_ends_on"],
    )
    check_rulebook_applies(rulebook, values["submission_opens_on"])
    check_level(unit, rulebook, values["level_code"])


def open_round(
    unit: AdministrativeUnit,
    actor,
    *,
    name: str,
    year: int,
    rulebook_code: str,
    level_code: str,
    submission_opens_on: date,
    submission_closes_on: date,
    scoring_starts_on: date,
    scoring_ends_on: date,
) -> EvaluationRound:
    """Open a round of `unit` for submissions, after checking its level, dates and rulebook."""
    values = {
        "name": name.strip(),
        "year": year,
        "rulebook_code": rulebook_code,
        "level_code": level_code,
        "submission_opens_on": submission_opens_on,
        "submission_closes_on": submission_closes_on,
        "scoring_starts_on": scoring_starts_on,
        "scoring_ends_on": scoring_ends_on,
    }
    check_round(unit, values)
    round_ = EvaluationRound(unit=unit, state=RoundState.OPEN, created_by_id=actor.id, **values)
    db.session.add(round_)
    db.session.flush()
    audit.record("round.opened", round_, after=snapshot(round_), actor=actor)
    return round_


def dossier_count(round_: EvaluationRound) -> int:
    return db.session.scalar(select(func.count()).select_from(round_.dossiers.select().subquery()))


def check_editable(round_: EvaluationRound, values: dict) -> None:
    if round_.state is RoundState.CLOSED:
        raise RoundError(_("Đợt đánh giá đã đóng; hãy mở lại trước khi sửa."))
    changes_rules = (values["rulebook_code"], values["level_code"]) != (
        round_.rulebook_code,
        round_.level_code,
    )
    if changes_rules and dossier_count(round_):
        raise RoundError(
            _("Đợt đánh giá đã có hồ sơ; không thể đổi bộ quy định hoặc cấp đánh giá."),
            field="rulebook_code",
        )


def update_round(
    round_: EvaluationRound,
    actor,
    *,
    name: str,
    year: int,
    rulebook_code: str,
    level_code: str,
    submission_opens_on: date,
    submission_closes_on: date,
    scoring_starts_on: date,
    scoring_ends_on: date,
) -> EvaluationRound:
    """Change an open round under the same checks as `open_round`; its rulebook and level are
    fixed once a dossier refers to it."""
    values = {
        "name": name.strip(),
        "year": year,
        "rulebook_code": rulebook_code,
        "level_code": level_code,
        "submission_opens_on": submission_opens_on,
        "submission_closes_on": submission_closes_on,
        "scoring_starts_on": scoring_starts_on,
        "scoring_ends_on": scoring_ends_on,
    }
    check_editable(round_, values)
    check_round(round_.unit, values)
    before = snapshot(round_)
    for field, value in values.items():
        setattr(round_, field, value)
    db.session.flush()
    audit.record("round.updated", round_, before=before, after=snapshot(round_), actor=actor)
    return round_


def close_round(round_: EvaluationRound, actor) -> EvaluationRound:
    """Stop a round taking dossiers, whatever its dates say."""
    if round_.state is RoundState.CLOSED:
        raise RoundError(_("Đợt đánh giá này đã đóng."))
    round_.state = RoundState.CLOSED
    db.session.flush()
    audit.record("round.closed", round_, after={"state": round_.state.value}, actor=actor)
    return round_


def reopen_round(round_: EvaluationRound, actor) -> EvaluationRound:
    """Open a closed round again; it takes dossiers again only within its submission window."""
    if round_.state is RoundState.OPEN:
        raise RoundError(_("Đợt đánh giá này đang mở."))
    round_.state = RoundState.OPEN
    db.session.flush()
    audit.record("round.reopened", round_, after={"state": round_.state.value}, actor=actor)
    return round_
