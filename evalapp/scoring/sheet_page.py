"""What the member's sheet page shows around the form: the round, the reference figures, the
producer's self-assessment with its evidence under each criterion (Mẫu 02 Phần III), the advisory
notes, the previous round's own sheet, and the difference with a sheet saved elsewhere."""

from __future__ import annotations

from dataclasses import dataclass

from flask import render_template
from flask_babel import gettext as _
from flask_login import current_user

from evalapp.advisory.queries import submitted_report_for
from evalapp.common.i18n import format_number, localised
from evalapp.common.time import utcnow
from evalapp.councils.models import AgendaItem, CouncilMember
from evalapp.dossiers.claims import claims_by_criterion, with_changes
from evalapp.rulebooks.services import SelfCheck
from evalapp.rules import (
    EXCLUSION_CODE,
    CriteriaSheet,
    load_rulebook,
    score_sheet,
    sheet_ceiling,
)
from evalapp.scoring import forms, queries, services
from evalapp.scoring.models import ScoreSheet


@dataclass(frozen=True)
class Difference:
    """A criterion whose level differs between the saved sheet and the member's copy."""

    code: str
    saved: str
    yours: str


def level_label(criteria: CriteriaSheet, code: str, level_code: str | None) -> str:
    criterion = criteria.criterion(code)
    level = criterion.level(level_code) if criterion and level_code else None
    if level is None:
        return _("chưa chọn")
    points = _("%(n)s điểm", n=format_number(level.points))
    return f"{localised(level.text)} ({points})"


def differences(
    criteria: CriteriaSheet, saved: dict[str, str], yours: dict[str, str]
) -> list[Difference]:
    return [
        Difference(
            leaf.code,
            level_label(criteria, leaf.code, saved.get(leaf.code)),
            level_label(criteria, leaf.code, yours.get(leaf.code)),
        )
        for leaf in criteria.leaves
        if (saved.get(leaf.code) or "") != (yours.get(leaf.code) or "")
    ]


def is_editable(item: AgendaItem, sheet: ScoreSheet | None) -> bool:
    return (
        sheet is not None
        and not sheet.is_signed
        and item.session.accepts_scores(utcnow())
        and sheet.scoring_round == item.scoring_round
    )


def chosen(choices: dict[str, str]) -> dict[str, str]:
    return {code: level for code, level in choices.items() if level}


def self_assessment_total(item: AgendaItem, criteria: CriteriaSheet):
    choices = chosen(item.dossier.self_assessment or {})
    return score_sheet(criteria, choices).total if choices else None


def ceiling_text(rulebook, criteria: CriteriaSheet, choices: dict[str, str]) -> dict:
    """What the member's own choices still allow (`rules.sheet_ceiling`), said in words: the
    best class, and each starred requirement their answers already miss."""
    ceiling = sheet_ceiling(rulebook, criteria, chosen(choices))
    c = ceiling.classification
    if c.knockouts and c.knockouts[0].criterion == EXCLUSION_CODE:
        headline = _("Bạn đã đề nghị loại hồ sơ; phiếu của bạn không xếp hạng sao.")
    elif c.knockouts:
        headline = _(
            "Bạn đã chọn một trường hợp loại sản phẩm (tiêu chí %(code)s).",
            code=c.knockouts[0].criterion,
        )
    elif c.stops:
        headline = _("Bạn đã chọn dừng đánh giá tại tiêu chí %(code)s.", code=c.stops[0].criterion)
    elif c.stars is None:
        headline = _("Với các lựa chọn hiện tại, sản phẩm không đạt hạng nào.")
    else:
        headline = _(
            "Với các lựa chọn của bạn, sản phẩm còn có thể đạt tối đa %(n)d sao (tối đa %(points)s điểm).",
            n=c.stars,
            points=format_number(ceiling.reachable),
        )
    blocking = [
        _(
            "%(code)s %(name)s: cần ≥ %(required)s điểm cho %(n)d★",
            code=u.criterion,
            name=localised(criteria.criterion(u.criterion).name),
            required=format_number(u.required),
            n=u.stars,
        )
        for u in c.unmet
        if u.stars > (c.stars or 0) and not (c.knockouts or c.stops)
    ]
    return {"stars": c.stars, "headline": headline, "blocking": blocking}


def render_sheet(
    item: AgendaItem,
    member: CouncilMember,
    criteria: CriteriaSheet,
    sheet: ScoreSheet | None,
    *,
    entered: forms.SheetInput | None = None,
    changed: list[Difference] | None = None,
    error: str | None = None,
    status: int = 200,
):
    """The page; `entered` (the member's unsaved copy) wins over the saved sheet in the form."""
    source = entered or sheet
    choices = dict(source.choices) if source else {}
    comments = dict(source.comments) if source else {}
    overall = (entered.overall if entered else sheet.overall_comment if sheet else "") or ""
    previous = (
        services.sheet_of(item, member, item.scoring_round - 1) if item.scoring_round > 1 else None
    )
    rulebook = load_rulebook(item.dossier.round.rulebook_code)
    body = render_template(
        "scoring/sheet.html",
        item=item,
        dossier=item.dossier,
        member=member,
        sheet=criteria,
        score_sheet=sheet,
        rulebook=rulebook,
        choices=choices,
        comments=comments,
        overall=overall,
        outcome=SelfCheck(score_sheet(criteria, chosen(choices))),
        ceiling=ceiling_text(rulebook, criteria, choices),
        editable=is_editable(item, sheet),
        notes=queries.advisory_notes(item),
        advisory_report=submitted_report_for(current_user, item.dossier),
        rescoring=queries.current_rescoring(item),
        previous=previous,
        previous_score=score_sheet(criteria, previous.choices) if previous else None,
        self_total=self_assessment_total(item, criteria),
        claims=claims_by_criterion(item.dossier, criteria),
        with_changes=with_changes(item.dossier),
        changed=changed,
        error=error,
        level_label=lambda code, level: level_label(criteria, code, level),
        field_name=forms.field_name,
        comment_name=forms.comment_name,
    )
    return body, status
