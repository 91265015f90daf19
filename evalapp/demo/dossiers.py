"""Demo producers, products, rounds and dossiers.

The 2021 Kim Sơn district round under 1048 holds Giỏ đay Hiếu Lâm, accepted then (history, stored
as it was). The 2026 Ninh Bình provincial round under 1489 is open now and holds a dossier in every
state, each moved there by the same services the screens use.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from evalapp.auth.models import User
from evalapp.common.time import local_today
from evalapp.demo import data
from evalapp.demo.files import checked, demo_pdf, demo_png
from evalapp.dossiers import services as dossiers
from evalapp.dossiers.models import (
    Dossier,
    DossierEvent,
    DossierState,
    ItemVerdict,
    RegistrationType,
)
from evalapp.dossiers.rules import checklist_items, pre_review_level, rulebook_of
from evalapp.extensions import db
from evalapp.producers.models import LegalForm, Organisation, Product
from evalapp.producers.services import add_photo
from evalapp.rounds.models import EvaluationRound, RoundState


def load_organisations(units: dict, users: dict[str, User]) -> dict[str, Organisation]:
    organisations = {}
    for spec in data.ORGANISATIONS:
        commune = units[spec.commune]
        organisation = Organisation(
            name=spec.name,
            legal_form=LegalForm(spec.legal_form),
            tax_code=spec.tax_code,
            address=spec.address,
            commune=commune,
            province=units["ninh_binh"],
            representative_name=spec.representative,
            representative_title="Giám đốc",
            phone="0229 000 0000",
            email=f"{spec.login}@{data.DEMO_DOMAIN}",
            is_demo=True,
        )
        db.session.add(organisation)
        users[spec.login].organisation = organisation
        organisations[spec.key] = organisation
    db.session.flush()
    return organisations


def load_round_2021(units: dict, users: dict[str, User], organisation: Organisation) -> Dossier:
    """Giỏ đay Hiếu Lâm in the Kim Sơn 2021 round, accepted for the council."""
    round_ = EvaluationRound(
        unit=units["kim_son"],
        name="Đợt đánh giá, phân hạng sản phẩm OCOP huyện Kim Sơn năm 2021",
        year=2021,
        rulebook_code="1048-2019",
        level_code="district",
        submission_opens_on=date(2021, 8, 2),
        submission_closes_on=date(2021, 9, 30),
        scoring_starts_on=date(2021, 10, 20),
        scoring_ends_on=date(2021, 10, 29),
        state=RoundState.CLOSED,
        is_demo=True,
    )
    product = Product(
        organisation=organisation,
        name="Giỏ đay Hiếu Lâm",
        rulebook_code="1048-2019",
        group_code="5",
        subgroup_code="5.01",
        is_demo=True,
        description="Giỏ đay đan thủ công từ cói và bèo bồng, xuất khẩu châu Âu, châu Mỹ, châu Á.",
    )
    submitted_at = datetime(2021, 9, 15, 2, 30, tzinfo=UTC)
    dossier = Dossier(
        product=product,
        organisation=organisation,
        round=round_,
        is_demo=True,
        registration_type=RegistrationType.FIRST_TIME,
        group_code="5",
        class_code="5.01",
        sheet_code="tcmn-trang-tri",
        state=DossierState.DRAFT,
        current_unit=units["kim_son"],
        receipt_code="NB-KS-210915-0001",
        submitted_at=submitted_at,
        self_assessment=dict(data.HIEU_LAM_SELF_ASSESSMENT),
        declaration_name="Phạm Thị Hiếu",
        declared_at=submitted_at,
    )
    history = [
        ("created", None, DossierState.DRAFT, users["hieulam"], -3),
        ("submitted", DossierState.DRAFT, DossierState.SUBMITTED, users["hieulam"], 0),
        ("received", DossierState.SUBMITTED, DossierState.RECEIVED, users["thuky.kimson"], 1),
        ("accepted", DossierState.RECEIVED, DossierState.ACCEPTED, users["thuky.kimson"], 6),
    ]
    dossier.events = [
        DossierEvent(
            action=action,
            from_state=before,
            to_state=after,
            actor_id=actor.id,
            at=submitted_at + timedelta(days=days),
        )
        for action, before, after, actor, days in history
    ]
    db.session.add(dossier)
    db.session.flush()
    for item in checklist_items(dossier):
        if item.required:
            attach(dossier, item.code, item.formats, users["hieulam"]).uploaded_at = submitted_at
    dossier.state = DossierState.ACCEPTED
    return dossier


def attach(dossier: Dossier, item_code: str, formats, actor: User):
    if "pdf" in formats:
        upload = checked(demo_pdf(item_code), f"{item_code}.pdf", "pdf")
    else:
        upload = checked(demo_png(item_code), f"{item_code}.png", "png")
    return dossiers.attach_document(dossier, item_code, upload, actor)


def load_round_2026(
    units: dict, users: dict[str, User], organisation: Organisation
) -> list[Dossier]:
    today = local_today()
    round_ = EvaluationRound(
        unit=units["ninh_binh"],
        name=f"Đợt đánh giá, phân hạng sản phẩm OCOP tỉnh Ninh Bình năm {today.year}",
        year=today.year,
        rulebook_code="148-1489-2025",
        level_code="province",
        submission_opens_on=today - timedelta(days=30),
        submission_closes_on=today + timedelta(days=30),
        scoring_starts_on=today + timedelta(days=45),
        scoring_ends_on=today + timedelta(days=60),
        is_demo=True,
    )
    db.session.add(round_)
    producer = users["htxcoi"]
    result = []
    for name, state in data.ROUND_2026_PRODUCTS:
        product = Product(
            organisation=organisation,
            name=name,
            rulebook_code="148-1489-2025",
            group_code="4",
            subgroup_code="4",
            is_demo=True,
            description="Sản phẩm thủ công từ cói Kim Sơn (dữ liệu mẫu).",
        )
        db.session.add(product)
        db.session.flush()
        add_photo(product, checked(demo_png(name), "anh-san-pham.png", "png"), actor=producer)
        dossier = dossiers.start_dossier(product, round_, RegistrationType.FIRST_TIME, "", producer)
        db.session.flush()
        advance(dossier, DossierState(state), users)
        result.append(dossier)
    return result


def advance(dossier: Dossier, target: DossierState, users: dict[str, User]) -> None:
    """Move a fresh draft along the real workflow until it reaches `target`."""
    producer, officer, secretary = (
        users["htxcoi"],
        users["canbo.thuongkiem"],
        users["thuky.ninhbinh"],
    )
    if target is DossierState.DRAFT:
        attach(dossier, "phieu_dang_ky", ["pdf"], producer)
        return
    for item in checklist_items(dossier):
        if item.required:
            attach(dossier, item.code, item.formats, producer)
    dossiers.sign_declaration(dossier, producer.full_name, producer)
    dossiers.submit_dossier(dossier, producer)
    if target is DossierState.SUBMITTED:
        return
    if pre_review_level(rulebook_of(dossier)):
        findings = {
            item.code: {"met": True, "note": ""}
            for item in pre_review_level(rulebook_of(dossier)).pre_review
        }
        dossiers.forward_dossier(
            dossier, findings, "Sản phẩm truyền thống của địa phương (mẫu).", officer
        )
    if target is DossierState.FORWARDED:
        return
    if target is DossierState.REFUSED:
        dossiers.refuse_dossier(
            dossier, "Sản phẩm chưa có đăng ký kinh doanh (lý do mẫu).", secretary
        )
        return
    dossiers.receive_dossier(dossier, secretary)
    if target is DossierState.RECEIVED:
        return
    for item in checklist_items(dossier):
        if item.required:
            verdict, reason = ItemVerdict.ACCEPTED, ""
            if item.code == "anh_san_pham_mau" and target in {
                DossierState.NEEDS_SUPPLEMENT,
                DossierState.SUPPLEMENTED,
            }:
                verdict, reason = (
                    ItemVerdict.NEEDS_CORRECTION,
                    "Ảnh chưa thể hiện nhãn sản phẩm (mẫu).",
                )
            dossiers.review_item(dossier, item.code, verdict, reason, secretary)
    if target is DossierState.ACCEPTED:
        dossiers.accept_dossier(dossier, secretary)
        return
    dossiers.request_supplement(dossier, "Vui lòng bổ sung trong 5 ngày làm việc (mẫu).", secretary)
    if target is DossierState.SUPPLEMENTED:
        old = dossier.current_documents("anh_san_pham_mau")[0]
        db.session.flush()
        attach(dossier, "anh_san_pham_mau", ["png"], producer)
        dossiers.remove_document(dossier, old, producer)
        dossiers.resubmit_dossier(dossier, producer, "Đã chụp lại ảnh có nhãn (mẫu).")
