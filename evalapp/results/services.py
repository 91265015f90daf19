"""Result verbs: finalising a council's result, reopening it (two people), forwarding the product to
the next level, publishing it with the result decision. Services never commit.

A finalised result freezes every figure of the rules core's `ProductResult` with the rulebook,
the sheet and the signed sheets (by member number, never by name), so nothing printed later
changes when a sheet, a rulebook or a member changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from evalapp.auth.models import User
from evalapp.common import audit
from evalapp.common.refusals import Refusal
from evalapp.common.time import utcnow
from evalapp.common.urls import absolute_url
from evalapp.councils import seats
from evalapp.councils.models import AgendaItem, SessionState
from evalapp.councils.written import written_blockers
from evalapp.dossiers.models import DossierState
from evalapp.dossiers.services import producer_users, record_event, require_state
from evalapp.extensions import db
from evalapp.notifications.services import notify
from evalapp.results import freezing
from evalapp.results.live import LiveResult, live_result
from evalapp.results.models import (
    FinalResult,
    Forwarding,
    ResultDecision,
    ResultState,
)
from evalapp.rules import (
    CriteriaSheet,
    ProductResult,
)


class ResultsError(Refusal):
    """A finalisation, reopening, forwarding or publication that cannot be done now; the message
    is for the user."""


def publish_result(result: FinalResult, decision: ResultDecision, actor: User | None) -> None:
    """The issued result decision approves `result`: the producer may now see its outcome.

    Refuses a reopened result (a newer one replaces it) and one already published."""
    if not result.is_current:
        raise ResultsError(
            _("Kết quả của hồ sơ %(code)s đã được mở lại; không thể công bố.", code=code_of(result))
        )
    if result.is_published:
        raise ResultsError(_("Kết quả của hồ sơ %(code)s đã được công bố.", code=code_of(result)))
    result.decision, result.published_at = decision, utcnow()
    db.session.flush()
    record_event(
        result.dossier,
        "result_published",
        actor,
        to_state=DossierState.PUBLISHED,
        details={"result_id": result.id, "decision": decision.number or ""},
    )
    audit.record(
        "result.published",
        result,
        actor=actor,
        after={"decision_id": decision.id, "number": decision.number},
    )
    notify(
        producer_users(result.dossier),
        _l("Đã công bố kết quả đánh giá OCOP"),
        _l(
            "Kết quả đánh giá sản phẩm %(product)s đã được công bố theo Quyết định số "
            "%(number)s. Xem hạng sao và gợi ý cải thiện.",
            product=result.dossier.product.name,
            number=decision.number or "",
        ),
        absolute_url("results.outcome", dossier_id=result.dossier_id),
    )


def code_of(result: FinalResult) -> str:
    return result.dossier.receipt_code or str(result.dossier_id)


def current_result(item: AgendaItem) -> FinalResult | None:
    return db.session.scalars(
        select(FinalResult)
        .where(FinalResult.item_id == item.id, FinalResult.state == ResultState.FINALISED)
        .order_by(FinalResult.id.desc())
    ).first()


# --- finalising ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class FindingDecision:
    """The council's word on one knock-out or stop: confirmed, or dismissed, with the reason."""

    confirmed: bool
    reason: str


def findings_of(product: ProductResult) -> list[str]:
    """Criterion codes of the knock-outs and stops the council must confirm or dismiss."""
    c = product.classification
    return [f.criterion for f in (*c.knockouts, *c.stops)]


def check_may_finalise(item: AgendaItem, actor: User) -> None:
    if not seats.is_acting_chair(actor, item):
        raise ResultsError(_("Chỉ Chủ tịch (hoặc Phó Chủ tịch điều hành) mới chốt kết quả."))
    if item.in_writing:
        # 26/2026 Điều 7.6.d: concluded without a meeting once every opinion is in, they agree
        # and nobody asked to meet (`results.written.blockers`).
        problems = written_blockers(item)
        if problems:
            raise ResultsError(problems[0])
    elif item.session.state is not SessionState.CLOSED:
        raise ResultsError(_("Chỉ chốt kết quả sau khi phiên họp đã kết thúc."))
    if current_result(item) is not None:
        raise ResultsError(_("Kết quả đã được chốt."))
    require_state(item.dossier, {DossierState.ACCEPTED})


def finalisable(item: AgendaItem) -> LiveResult:
    """The live result, complete and within the spread limit, or the reason it cannot be."""
    live = live_result(item)
    if live.product is None:
        raise ResultsError(
            _(
                "Chưa có kết quả để chốt: đã ký %(signed)d/%(expected)d phiếu.",
                signed=live.signed,
                expected=live.expected,
            )
        )
    if live.product.needs_rescoring:
        raise ResultsError(
            _("Chênh lệch tổng điểm vượt mức cho phép; hồ sơ cần chấm lại trước khi chốt.")
        )
    return live


def checked_decisions(
    live: LiveResult, decisions: Mapping[str, FindingDecision]
) -> dict[str, FindingDecision]:
    codes = findings_of(live.product)
    if set(decisions) - set(codes):
        raise ResultsError(_("Tiêu chí không có trong các trường hợp loại hoặc dừng đánh giá."))
    for code in codes:
        decision = decisions.get(code)
        name = freezing.criterion_name(live.criteria, code)
        if decision is None:
            raise ResultsError(
                _("Hãy xác nhận hoặc bác bỏ tiêu chí %(code)s %(name)s.", code=code, name=name)
            )
        if not decision.reason.strip():
            raise ResultsError(
                _("Vui lòng ghi lý do cho tiêu chí %(code)s %(name)s.", code=code, name=name)
            )
    return {code: decisions[code] for code in codes}


def finalise_result(
    item: AgendaItem,
    conclusion: str,
    decisions: Mapping[str, FindingDecision],
    actor: User,
) -> FinalResult:
    """The (acting) chair adopts the council's result once the session is closed: every figure,
    the sheets by member number and the rulebook are frozen. Each knock-out or stop is
    confirmed or dismissed with a reason; a dismissed one is left out of the classification."""
    lock_item(item)
    check_may_finalise(item, actor)
    if not conclusion.strip():
        raise ResultsError(_("Vui lòng ghi kết luận của Hội đồng."))
    live = finalisable(item)
    decided = checked_decisions(live, decisions)
    dismissed = [code for code, d in decided.items() if not d.confirmed]
    before = live.figures()
    if dismissed:
        live = live_result(item, dismissed)
    values = live.figures()
    values["classification"]["dismissed"] = [
        {**f, "reason": decided[f["criterion"]].reason.strip()}
        for f in (*before["classification"]["knockouts"], *before["classification"]["stops"])
        if f["criterion"] in dismissed
    ]
    for kind in ("knockouts", "stops"):
        for f in values["classification"][kind]:
            f["reason"] = decided[f["criterion"]].reason.strip()
    result = FinalResult(
        item=item,
        dossier=item.dossier,
        round=item.dossier.round,
        level_code=item.dossier.round.level_code,
        sheet_version_id=item.dossier.sheet_version_id,
        scoring_round=item.scoring_round,
        conclusion=conclusion.strip(),
        knockout_reason=knockout_reason(live.criteria, decided),
        finalised_by_id=actor.id,
        finalised_at=utcnow(),
        **values,
    )
    db.session.add(result)
    db.session.flush()
    record_event(
        item.dossier,
        "result_finalised",
        actor,
        to_state=DossierState.EVALUATED,
        details={"result_id": result.id, "score": str(result.score), "stars": result.stars},
    )
    audit.record(
        "result.finalised",
        result,
        actor=actor,
        after={
            "score": str(result.score),
            "outcome": result.outcome,
            "stars": result.stars,
            "dismissed": dismissed,
        },
        note=result.conclusion,
    )
    return result


def knockout_reason(criteria: CriteriaSheet, decided: Mapping[str, FindingDecision]) -> str:
    lines = []
    for code, decision in decided.items():
        verdict = _("xác nhận") if decision.confirmed else _("bác bỏ")
        name = freezing.criterion_name(criteria, code)
        lines.append(f"{code} {name} ({verdict}): {decision.reason.strip()}")
    return "\n".join(lines)


def lock_item(item: AgendaItem) -> None:
    """Two chairs' tabs finalising at once: the second waits, then finds the result finalised
    (PostgreSQL; SQLite serialises writers)."""
    db.session.execute(
        select(AgendaItem.id).where(AgendaItem.id == item.id).with_for_update()
    ).all()


def forwarding_of(result: FinalResult) -> Forwarding | None:
    return db.session.scalar(select(Forwarding).where(Forwarding.result_id == result.id))
