"""Proposing a product to the next level (district → province under 1048, province → central):
a new dossier in an open round of the next level's unit, carrying the product, the producer's
documents and self-assessment, with a link back to the result it was proposed on."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from evalapp.auth.models import Role, User
from evalapp.common import audit
from evalapp.common.i18n import format_score, localised
from evalapp.common.time import local_today, utcnow
from evalapp.common.urls import absolute_url
from evalapp.dossiers.claims import carry_claims
from evalapp.dossiers.models import Dossier, DossierDocument, DossierEvent, DossierState
from evalapp.dossiers.services import next_receipt_code, producer_users, record_event, staff_of
from evalapp.extensions import db
from evalapp.notifications.services import notify
from evalapp.results.models import FinalResult, Forwarding
from evalapp.results.services import ResultsError, forwarding_of
from evalapp.rounds.models import EvaluationRound, RoundState
from evalapp.rules import (
    EvaluationLevel,
    Outcome,
    five_star_proposal,
    forwarding,
    load_rulebook,
)
from evalapp.units.models import AdministrativeUnit

NOT_FORWARDED = {Outcome.EXCLUDED.value, Outcome.STOPPED.value}


@dataclass(frozen=True)
class Target:
    """Where a result may go: the next level, its unit and its open rounds (may be empty)."""

    level: EvaluationLevel
    unit: AdministrativeUnit
    rounds: list[EvaluationRound]


def next_level(result: FinalResult) -> EvaluationLevel:
    """The level the result goes on to, or the reason it does not."""
    rulebook = load_rulebook(result.rulebook_code)
    rule = forwarding(
        rulebook, result.level_code, result.score, excluded=result.outcome in NOT_FORWARDED
    )
    if rule.forwarded:
        return rulebook.level(rule.to)
    if rule.to is None:
        raise ResultsError(_("Đây là cấp đánh giá cao nhất; không đề xuất lên cấp trên."))
    if result.outcome in NOT_FORWARDED:
        raise ResultsError(_("Sản phẩm bị loại hoặc dừng đánh giá; không đề xuất lên cấp trên."))
    raise ResultsError(
        _(
            "Điểm %(score)s chưa đạt mức đề xuất lên cấp trên (từ %(minimum)s điểm).",
            score=format_score(result.score),
            minimum=format_score(rule.minimum),
        )
    )


def target_of(result: FinalResult) -> Target:
    """The nearest unit above the round's whose level is the next level, and its open rounds of
    that level under the same rulebook."""
    level = next_level(result)
    unit = next((u for u in result.round.unit.lineage()[1:] if u.level.value == level.code), None)
    if unit is None:
        raise ResultsError(
            _(
                "Không tìm thấy đơn vị cấp trên (%(level)s) của địa bàn.",
                level=localised(level.name),
            )
        )
    rounds = list(
        db.session.scalars(
            select(EvaluationRound)
            .where(
                EvaluationRound.unit_id == unit.id,
                EvaluationRound.state == RoundState.OPEN,
                EvaluationRound.level_code == level.code,
                EvaluationRound.rulebook_code == result.rulebook_code,
            )
            .order_by(EvaluationRound.submission_opens_on.desc(), EvaluationRound.id)
        )
    )
    return Target(level, unit, rounds)


def awaits_five_star_approval(result: FinalResult) -> bool:
    """A province's result from 90 points not yet approved by the chair of the provincial
    People's Committee (26/2026 Điều 7.3.e): it goes on only through the proposal."""
    rulebook = load_rulebook(result.rulebook_code)
    return (
        five_star_proposal(rulebook, result.level_code, result.score)
        and result.five_star_proposal is None
    )


def check_forwardable(result: FinalResult) -> Target:
    if not result.is_current:
        raise ResultsError(_("Kết quả này đã được mở lại; hãy chốt lại trước khi đề xuất."))
    done = forwarding_of(result)
    if done is not None:
        raise ResultsError(_("Sản phẩm đã được đề xuất lên %(unit)s.", unit=done.to_unit.name))
    if awaits_five_star_approval(result):
        raise ResultsError(
            _(
                "Sản phẩm từ 90 điểm được gửi lên Bộ Nông nghiệp và Môi trường kèm quyết định phê "
                "duyệt kết quả của Chủ tịch UBND cấp tỉnh và văn bản đề nghị (26/2026/QĐ-TTg, "
                "Điều 7.3.e, khoản 3 Điều 6): hãy ghi nhận quyết định phê duyệt tại trang “Sản phẩm "
                "từ 90 điểm” của đợt."
            )
        )
    target = target_of(result)
    if not target.rounds:
        raise ResultsError(
            _(
                "%(unit)s chưa mở đợt đánh giá %(level)s theo cùng bộ tiêu chí; "
                "chưa thể đề xuất sản phẩm.",
                unit=target.unit.name,
                level=localised(target.level.name).lower(),
            )
        )
    return target


def check_round(
    result: FinalResult, round_: EvaluationRound | None
) -> tuple[Target, EvaluationRound]:
    """Where the result would go: the target and the round chosen (the only open one if none
    was), or why it cannot go there."""
    target = check_forwardable(result)
    if round_ is None and len(target.rounds) == 1:
        round_ = target.rounds[0]
    if round_ is None or round_.id not in {r.id for r in target.rounds}:
        raise ResultsError(_("Vui lòng chọn đợt đánh giá của cấp trên."))
    if db.session.scalar(
        select(Dossier.id).where(
            Dossier.product_id == result.dossier.product_id, Dossier.round_id == round_.id
        )
    ):
        raise ResultsError(_("Sản phẩm này đã có hồ sơ trong đợt %(round)s.", round=round_.name))
    return target, round_


def forward_result(result: FinalResult, round_: EvaluationRound | None, actor: User) -> Forwarding:
    """Once per result: a new FORWARDED dossier on the next level's intake queue."""
    target, round_ = check_round(result, round_)
    dossier = carried_dossier(result.dossier, round_, target.unit)
    forwarded = Forwarding(
        result=result,
        from_unit_id=result.round.unit_id,
        to_unit_id=target.unit.id,
        to_level=target.level.code,
        to_round_id=round_.id,
        dossier=dossier,
        forwarded_by_id=actor.id,
        forwarded_at=utcnow(),
    )
    db.session.add(forwarded)
    db.session.flush()
    record_forwarding(result, dossier, target, actor)
    return forwarded


def carried_dossier(origin: Dossier, round_: EvaluationRound, unit: AdministrativeUnit) -> Dossier:
    """The same product, producer, class, self-assessment (with its descriptions and evidence,
    citing the copies), declaration and current documents (the same stored files), in the next
    level's round."""
    dossier = Dossier(
        product_id=origin.product_id,
        organisation_id=origin.organisation_id,
        round=round_,
        registration_type=origin.registration_type,
        previous_certificate=origin.previous_certificate,
        previous_certificate_id=origin.previous_certificate_id,
        group_code=origin.group_code,
        class_code=origin.class_code,
        sheet_code=origin.sheet_code,
        sheet_version_id=origin.sheet_version_id,
        state=DossierState.FORWARDED,
        current_unit=unit,
        receipt_code=next_receipt_code(unit, local_today()),
        # The same product and the same registration form (26/2026 Phụ lục II, III Mẫu 01).
        product_code=origin.product_code,
        commune_registration_number=origin.commune_registration_number,
        commune_registration_on=origin.commune_registration_on,
        province_registration_number=origin.province_registration_number,
        province_registration_on=origin.province_registration_on,
        submitted_at=utcnow(),
        self_assessment=dict(origin.self_assessment or {}),
        declaration_name=origin.declaration_name,
        declared_at=origin.declared_at,
    )
    copies = {
        document.id: DossierDocument(
            item_code=document.item_code,
            file_id=document.file_id,
            uploaded_at=document.uploaded_at,
        )
        for document in origin.current_documents()
    }
    dossier.documents.extend(copies.values())
    carry_claims(origin, dossier, copies)
    db.session.add(dossier)
    return dossier


def record_forwarding(result: FinalResult, dossier: Dossier, target: Target, actor: User) -> None:
    details = {"result_id": result.id, "score": str(result.score), "stars": result.stars}
    record_event(
        result.dossier,
        "forwarded_up",
        actor,
        message=target.unit.name,
        details={**details, "dossier_id": dossier.id},
    )
    dossier.events.append(
        DossierEvent(
            at=utcnow(),
            action="forwarded_up",
            actor_id=actor.id,
            from_state=None,
            to_state=DossierState.FORWARDED,
            message=result.round.unit.name,
            details={**details, "origin_dossier_id": result.dossier_id},
        )
    )
    audit.record(
        "result.forwarded",
        result,
        actor=actor,
        after={"dossier_id": dossier.id, "unit_id": target.unit.id, "round_id": dossier.round_id},
    )
    notify_forwarding(result, dossier, target)


def notify_forwarding(result: FinalResult, dossier: Dossier, target: Target) -> None:
    """The receiving secretariat (with the score) and the producer (without)."""
    notify(
        staff_of(target.unit, Role.SECRETARY),
        _l("Sản phẩm OCOP được đề xuất từ %(unit)s", unit=result.round.unit.name),
        _l(
            "%(unit)s đề xuất sản phẩm %(product)s (%(score)s điểm) lên đánh giá; hồ sơ đang chờ "
            "tiếp nhận.",
            unit=result.round.unit.name,
            product=result.dossier.product.name,
            score=format_score(result.score),
        ),
        absolute_url("dossiers.show", dossier_id=dossier.id),
    )
    notify(
        producer_users(dossier),
        _l("Sản phẩm OCOP được đề xuất lên cấp trên"),
        _l(
            "Sản phẩm %(product)s được %(unit)s đề xuất lên %(target)s đánh giá.",
            product=result.dossier.product.name,
            unit=result.round.unit.name,
            target=target.unit.name,
        ),
        absolute_url("dossiers.show", dossier_id=dossier.id),
    )
