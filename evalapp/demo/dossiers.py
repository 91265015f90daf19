"""Demo producers, products, rounds and dossiers, each moved along by the services the screens use.

The 1048 rounds (2021, 2022) are replayed under the demo clock (`demo.clock`); the 2026 Ninh Bình
provincial round under 1489 is open now and holds a dossier in every state.
"""

from __future__ import annotations

from datetime import date, timedelta

from evalapp.auth.models import User
from evalapp.common.time import local_today
from evalapp.demo import data
from evalapp.demo.files import checked, demo_pdf, demo_png
from evalapp.demo.products import DemoProduct
from evalapp.dossiers import services as dossiers
from evalapp.dossiers.models import Dossier, DossierState, ItemVerdict, RegistrationType
from evalapp.dossiers.rules import checklist_items, pre_review_level, rulebook_of
from evalapp.extensions import db
from evalapp.producers.models import LegalForm, Organisation, Product
from evalapp.producers.services import add_photo, save_product
from evalapp.rounds import services as rounds
from evalapp.rounds.models import EvaluationRound


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


def open_round(
    unit,
    actor: User,
    *,
    name: str,
    level: str,
    opens: date,
    closes: date,
    scoring: tuple[date, date],
) -> EvaluationRound:
    """A 1048 round, opened by the unit's secretary as on the rounds page."""
    round_ = rounds.open_round(
        unit,
        actor,
        name=name,
        year=opens.year,
        rulebook_code="1048-2019",
        level_code=level,
        submission_opens_on=opens,
        submission_closes_on=closes,
        scoring_starts_on=scoring[0],
        scoring_ends_on=scoring[1],
    )
    round_.is_demo = True
    return round_


def make_product(spec: DemoProduct, organisation: Organisation, producer: User) -> Product:
    product = save_product(
        None,
        organisation,
        name=spec.name,
        description=spec.description,
        rulebook_code="1048-2019",
        subgroup_code=spec.subgroup,
    )
    product.is_demo = True
    add_photo(product, checked(demo_png(spec.name), "anh-san-pham.png", "png"), actor=producer)
    return product


def submit(product: Product, round_: EvaluationRound, levels: dict, producer: User) -> Dossier:
    """The producer's draft: self-assessment, the required documents, the declaration, sent."""
    dossier = dossiers.start_dossier(product, round_, RegistrationType.FIRST_TIME, "", producer)
    dossier.is_demo = True
    db.session.flush()
    dossiers.save_self_assessment(dossier, levels, producer)
    for item in checklist_items(dossier):
        if item.required:
            attach(dossier, item.code, item.formats, producer)
    dossiers.sign_declaration(dossier, producer.full_name, producer)
    dossiers.submit_dossier(dossier, producer)
    return dossier


def receive(dossier: Dossier, secretary: User) -> None:
    dossiers.receive_dossier(dossier, secretary)


def accept(dossier: Dossier, secretary: User) -> None:
    """Every required document checked and accepted, then the dossier goes to the council."""
    for item in checklist_items(dossier):
        if item.required:
            dossiers.review_item(dossier, item.code, ItemVerdict.ACCEPTED, "", secretary)
    dossiers.accept_dossier(dossier, secretary)


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
        dossier.is_demo = True
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
