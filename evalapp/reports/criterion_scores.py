"""A round's scores criterion by criterion (issue 18, item 2), for the ministry and the province's
training needs: every result of the round in force, each counted sheet by member number (never by
name, as the minutes that hide names), one row per member and criterion with the level chosen and
its points. The sheets are those the result froze (`FinalResult.sheets`), scored again by the
rules core on the sheet version the result was computed on, so the points add up to the totals
the result keeps."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from evalapp.common.exports import Column
from evalapp.common.i18n import current_language, localised
from evalapp.dossiers.models import Dossier
from evalapp.extensions import db
from evalapp.results.models import FinalResult, ResultState
from evalapp.results.wording import class_label
from evalapp.rules import CriteriaSheet, SheetScore, SheetUnavailable, score_sheet
from evalapp.scoring.models import ScoreSheet
from evalapp.sheets import library


@dataclass(frozen=True)
class CriterionScore:
    result: FinalResult
    member_number: int
    part: str
    code: str
    name: str
    level: str
    level_text: str
    points: Decimal | None


@dataclass(frozen=True)
class ScoredSheet:
    """One sheet a result counted, scored again; `criteria` None (and no score) when the
    result's sheet cannot be read, said once per result."""

    result: FinalResult
    criteria: CriteriaSheet | None
    member_number: int
    chosen: dict
    score: SheetScore | None


def results_of_round(round_id: int) -> list[FinalResult]:
    return list(
        db.session.scalars(
            select(FinalResult)
            .where(FinalResult.round_id == round_id, FinalResult.state == ResultState.FINALISED)
            .order_by(FinalResult.id)
            .options(
                selectinload(FinalResult.dossier).selectinload(Dossier.product),
                selectinload(FinalResult.dossier).selectinload(Dossier.organisation),
            )
        )
    )


def scored_sheets(round_id: int) -> Iterator[ScoredSheet]:
    """Every sheet the round's results in force counted, scored on the result's sheet version."""
    results = results_of_round(round_id)
    sheet_ids = [sheet["sheet_id"] for result in results for sheet in result.sheets]
    query = select(ScoreSheet.id, ScoreSheet.choices).where(ScoreSheet.id.in_(sheet_ids))
    choices = {sheet_id: chosen for sheet_id, chosen in db.session.execute(query)}
    for result in results:
        try:
            criteria = library.sheet_by_version_or_code(
                result.rulebook_code, result.sheet_code, result.sheet_version_id
            )
        except SheetUnavailable:
            criteria = None
        if criteria is None:
            yield ScoredSheet(result, None, 0, {}, None)
            continue
        for frozen in result.sheets:
            chosen = choices.get(frozen["sheet_id"], {})
            yield ScoredSheet(
                result, criteria, frozen["member_number"], chosen, score_sheet(criteria, chosen)
            )


def criterion_scores(round_id: int) -> Iterator[CriterionScore]:
    language = current_language()
    for scored in scored_sheets(round_id):
        if scored.criteria is None:  # said on a row of its own rather than dropped
            unreadable = _("Không đọc được phiếu đánh giá của kết quả này.")
            yield CriterionScore(scored.result, 0, "", "", unreadable, "", "", None)
            continue
        for leaf in scored.criteria.leaves:
            level = leaf.level(str(scored.chosen.get(leaf.code, "")))
            yield CriterionScore(
                scored.result,
                scored.member_number,
                leaf.part,
                leaf.code,
                localised(leaf.name, language),
                level.code if level else "",
                localised(level.text, language) if level else "",
                scored.score.points.get(leaf.code),
            )


def criterion_columns() -> list[Column]:
    def dossier(row: CriterionScore) -> Dossier:
        return row.result.dossier

    return [
        Column(_("Mã hồ sơ"), lambda row: dossier(row).receipt_code, 18),
        Column(_("Mã số sản phẩm"), lambda row: dossier(row).product_code, 18),
        Column(_("Sản phẩm"), lambda row: dossier(row).product.name, 32),
        Column(_("Chủ thể"), lambda row: dossier(row).organisation.name, 32),
        Column(_("Phiếu đánh giá"), lambda row: row.result.sheet_code, 24),
        Column(_("Điểm"), lambda row: row.result.score, 10),
        Column(_("Kết quả"), lambda row: class_label(row.result.outcome, row.result.stars), 14),
        Column(_("Thành viên số"), lambda row: row.member_number or None, 10),
        Column(_("Phần"), lambda row: row.part, 8),
        Column(_("Mã tiêu chí"), lambda row: row.code, 12),
        Column(_("Tiêu chí"), lambda row: row.name, 48),
        Column(_("Mức chọn"), lambda row: row.level, 10),
        Column(_("Nội dung mức"), lambda row: row.level_text, 48),
        Column(_("Điểm tiêu chí"), lambda row: row.points, 10),
    ]
