"""The chair's re-scoring round: when the members' totals of a dossier disagree beyond what the
rulebook allows, the (acting) chair asks every member to score it again."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from evalapp.auth.models import User
from evalapp.common import audit
from evalapp.common.time import utcnow
from evalapp.common.urls import absolute_url
from evalapp.councils import seats
from evalapp.councils.models import AgendaItem
from evalapp.councils.written import council_article
from evalapp.extensions import db
from evalapp.notifications.services import notify
from evalapp.results.live import live_result
from evalapp.results.services import ResultsError
from evalapp.rules import ProductResult
from evalapp.scoring import services as scoring
from evalapp.scoring.models import RescoringRound


def disagreement(result: ProductResult, limit: int = 5) -> dict:
    """What members see before scoring again: the spread and where it comes from, no names."""
    widest = sorted(result.criteria, key=lambda c: c.spread, reverse=True)[:limit]
    return {
        "spread": str(result.spread),
        "score": str(result.score),
        "criteria": [
            {"code": c.code, "spread": str(c.spread), "average": str(c.average)}
            for c in widest
            if c.spread > 0
        ],
    }


def check_may_rescore(item: AgendaItem, actor: User) -> ProductResult:
    """The live result whose spread calls for a re-scoring round the actor may open, or why not."""
    if item.in_writing:
        raise ResultsError(
            _(
                "Hồ sơ được đánh giá bằng văn bản: khi các ý kiến khác nhau, Chủ tịch triệu tập "
                "họp trực tiếp (%(a)s) thay vì mở vòng chấm lại.",
                a=council_article(item.session.council),
            )
        )
    result = live_result(item).product
    if result is None or not result.needs_rescoring:
        raise ResultsError(
            _("Chỉ mở vòng chấm lại khi tổng điểm các thành viên chênh lệch quá mức cho phép.")
        )
    if not seats.is_acting_chair(actor, item):
        raise ResultsError(_("Chỉ Chủ tịch (hoặc Phó Chủ tịch điều hành) mới mở vòng chấm lại."))
    return result


def open_rescoring(item: AgendaItem, actor: User) -> RescoringRound:
    """The (acting) chair asks every member to score the dossier again."""
    result = check_may_rescore(item, actor)
    item.scoring_round += 1
    rescoring = RescoringRound(
        item_id=item.id,
        scoring_round=item.scoring_round,
        opened_by_id=actor.id,
        summary=disagreement(result),
        opened_at=utcnow(),
    )
    db.session.add(rescoring)
    db.session.flush()
    audit.record(
        "sheet.rescoring_opened",
        item.session,
        actor=actor,
        after={"dossier_id": item.dossier_id, "round": item.scoring_round},
    )
    notify_rescoring(item)
    return rescoring


def notify_rescoring(item: AgendaItem) -> None:
    dossier = item.dossier
    notify(
        [member.user for member in scoring.expected_scorers(item)],
        _l("Hội đồng chấm lại hồ sơ %(code)s", code=dossier.receipt_code),
        _l(
            "Tổng điểm các thành viên về sản phẩm %(product)s chênh lệch quá mức cho phép; "
            "Hội đồng mở vòng chấm lại %(n)d. Mời bạn chấm lại hồ sơ.",
            product=dossier.product.name,
            n=item.scoring_round,
        ),
        absolute_url("scoring.sheet", item_id=item.id),
    )
