"""Demo producers, products, rounds and dossiers, each moved along by the services the screens use.

The 1048 rounds (2021, 2022) and today's Ninh Bình provincial round under 26/2026 are replayed
under the demo clock (`demo.clock`, `demo.history`, `demo.today`); `advance` takes a dossier of
today's round through the commune's pre-review and the secretariat's intake to any state.
"""

from __future__ import annotations

from datetime import date

from evalapp.auth.models import User
from evalapp.common.files import store_upload
from evalapp.common.time import local_today, utcnow
from evalapp.demo import data
from evalapp.demo.files import checked, demo_pdf, demo_png
from evalapp.demo.forms import fill_forms
from evalapp.demo.products import Claims, DemoProduct
from evalapp.dossiers import services as dossiers
from evalapp.dossiers.claims import ClaimInput
from evalapp.dossiers.models import Dossier, ItemVerdict, RegistrationType
from evalapp.dossiers.rules import checklist_items, pre_review_level, rulebook_of
from evalapp.extensions import db
from evalapp.producers.models import (
    LegalForm,
    Organisation,
    OrganisationState,
    Product,
    RegistrationCertificate,
)
from evalapp.producers.services import add_photo, save_product
from evalapp.rounds import services as rounds
from evalapp.rounds.models import EvaluationRound
from evalapp.rules import DossierItem
from evalapp.samples.models import SampleHolder
from evalapp.samples.queries import samples_of
from evalapp.samples.rules import expected_samples
from evalapp.samples.services import move_samples, receive_samples


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
            state=OrganisationState.VERIFIED,
            verified_at=utcnow(),
            is_demo=True,
        )
        db.session.add(organisation)
        users[spec.login].organisation = organisation
        organisations[spec.key] = organisation
    db.session.flush()
    return organisations


def pending_organisation(units: dict) -> Organisation:
    """A household business that registered itself and sent its certificate: the commune's and
    the province's queue "Tổ chức chờ xác minh" is not empty (issue 13, item 9)."""
    upload = checked(
        demo_pdf("Giay chung nhan dang ky ho kinh doanh"), "giay-chung-nhan-dang-ky.pdf", "pdf"
    )
    organisation = Organisation(
        name="Hộ kinh doanh Thêu ren Văn Lâm (dữ liệu mẫu)",
        legal_form=LegalForm.HOUSEHOLD_BUSINESS,
        tax_code="2700000004",
        address="Xóm 9",
        commune=units[data.COMMUNE_SINCE_2025],
        province=units["ninh_binh"],
        representative_name="Lã Thị Thêu",
        representative_title="Chủ hộ kinh doanh",
        phone="0229 000 0004",
        email=f"theuren@{data.DEMO_DOMAIN}",
        state=OrganisationState.PENDING,
        is_demo=True,
    )
    certificate = RegistrationCertificate(tax_code="2700000004", file=store_upload(upload, None))
    organisation.certificates.append(certificate)
    db.session.add(organisation)
    db.session.flush()
    return organisation


def open_round(
    unit,
    actor: User,
    *,
    name: str,
    level: str,
    opens: date,
    closes: date,
    scoring: tuple[date, date],
    rulebook: str = "1048-2019",
    year: int | None = None,
) -> EvaluationRound:
    """A round opened by the unit's secretary as on the rounds page (on its opening day, since
    `rounds.open_round` checks that `rulebook` is the one new rounds use on that day)."""
    round_ = rounds.open_round(
        unit,
        actor,
        name=name,
        year=year or opens.year,
        rulebook_code=rulebook,
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
        rulebook_code=spec.rulebook,
        subgroup_code=spec.subgroup,
    )
    product.is_demo = True
    add_photo(product, checked(demo_png(spec.name), "anh-san-pham.png", "png"), actor=producer)
    return product


def submit(
    product: Product,
    round_: EvaluationRound,
    levels: dict,
    producer: User,
    class_code: str | None = None,
    claims: Claims | None = None,
) -> Dossier:
    """The producer's draft: the required documents, the self-assessment (with `claims`: the
    description and evidence of some criteria, Mẫu 02 Phần III), the forms, the declaration,
    sent. `class_code`: the product's class under the round's rulebook, when it was classified
    under another one (see `dossiers.start_dossier`)."""
    dossier = start(product, round_, producer, class_code)
    for item in required_items(dossier):
        attach(dossier, item, producer)
    dossiers.save_self_assessment(
        dossier,
        levels,
        producer,
        claims=claim_inputs(dossier, claims, producer) if claims else None,
    )
    fill_forms(dossier, producer)
    dossiers.sign_declaration(dossier, producer.full_name, producer)
    dossiers.submit_dossier(dossier, producer)
    return dossier


def claim_inputs(dossier: Dossier, claims: Claims, producer: User) -> dict[str, ClaimInput]:
    """Each evidence document uploaded once (as optional items of the checklist), then cited by
    every criterion it proves."""
    items = {item.code: item for item in checklist_items(dossier)}
    cited = dict.fromkeys(code for _text, codes in claims.values() for code in codes)
    documents = {code: attach(dossier, items[code], producer) for code in cited}
    db.session.flush()  # the documents' ids, which the claims cite as the form posts them
    return {
        criterion: ClaimInput(text, "", tuple(str(documents[code].id) for code in codes))
        for criterion, (text, codes) in claims.items()
    }


def start(
    product: Product, round_: EvaluationRound, producer: User, class_code: str | None = None
) -> Dossier:
    dossier = dossiers.start_dossier(
        product, round_, RegistrationType.FIRST_TIME, "", producer, class_code
    )
    dossier.is_demo = True
    db.session.flush()
    return dossier


def draft(product: Product, round_: EvaluationRound, levels: dict, producer: User) -> Dossier:
    """A draft under way: the first required document and the first part of the self-assessment
    (the criteria of section 1)."""
    dossier = start(product, round_, producer)
    started = {code: level for code, level in levels.items() if code.startswith("1.")}
    dossiers.save_self_assessment(dossier, started, producer)
    attach(dossier, required_items(dossier)[0], producer)
    return dossier


def required_items(dossier: Dossier) -> list[DossierItem]:
    return [item for item in checklist_items(dossier) if item.required]


def receive(dossier: Dossier, secretary: User) -> None:
    dossiers.receive_dossier(dossier, secretary)


def accept(dossier: Dossier, secretary: User) -> None:
    """Every required document checked and accepted, then the dossier goes to the council."""
    for item in required_items(dossier):
        dossiers.review_item(dossier, item.code, ItemVerdict.ACCEPTED, "", secretary)
    dossiers.accept_dossier(dossier, secretary)


def attach(dossier: Dossier, item: DossierItem, actor: User):
    if "pdf" in item.formats:
        upload = checked(demo_pdf(item.code), f"{item.code}.pdf", "pdf")
    else:
        upload = checked(demo_png(item.code), f"{item.code}.png", "png")
    return dossiers.attach_document(dossier, item.code, upload, actor)


# --- today's round: the commune, then the provincial secretariat ------------------------------
# The required document the secretariat sends back (the last one: Mẫu 02, the self-assessment
# report, under 26/2026), and why.
SUPPLEMENT_REASON = "Chưa nêu tài liệu minh chứng cho từng tiêu chí theo thứ tự phiếu (mẫu)."


LOCAL_ASSESSMENT = "Đã kiểm tra thực tế tại xã: phù hợp với mô tả của chủ thể (mẫu)."


def forward(dossier: Dossier, officer: User) -> None:
    """The commune's pre-review: the samples received (26/2026 Điều 6.2.d), each of its local
    contents met and assessed in writing (Mẫu 03 under 26/2026), and the dossier sent on."""
    expected, receipt = expected_samples(dossier), None
    if expected is not None and expected.count:
        receipt = receive_samples(
            dossier,
            expected.count,
            "Hộp giấy, một sản phẩm mỗi hộp (mẫu).",
            local_today(),
            officer.full_name,
            officer,
        )
    findings = {
        item.code: {"met": True, "note": LOCAL_ASSESSMENT}
        for item in pre_review_level(rulebook_of(dossier)).pre_review
    }
    dossiers.forward_dossier(
        dossier, findings, "Sản phẩm truyền thống của địa phương (mẫu).", officer
    )
    if receipt is not None:
        move_samples(
            receipt.samples,
            SampleHolder.SECRETARIAT,
            "",
            local_today(),
            "Gửi kèm hồ sơ lên Văn phòng Điều phối nông thôn mới tỉnh (mẫu).",
            officer,
        )


def to_advisory_group(dossier: Dossier, secretary: User) -> None:
    """Before the session, the secretariat hands the samples to the advisory group, which
    examines them for the council."""
    move_samples(
        samples_of(dossier),
        SampleHolder.ADVISORY_GROUP,
        "",
        local_today(),
        "Để tổ tư vấn kiểm tra trước phiên họp (mẫu).",
        secretary,
    )


def refuse(dossier: Dossier, secretary: User) -> None:
    dossiers.refuse_dossier(dossier, "Sản phẩm chưa có đăng ký kinh doanh (lý do mẫu).", secretary)


def send_back(dossier: Dossier, secretary: User) -> None:
    """The items checked, the last required one sent back for a supplement."""
    *fine, sent_back = required_items(dossier)
    for item in fine:
        dossiers.review_item(dossier, item.code, ItemVerdict.ACCEPTED, "", secretary)
    dossiers.review_item(
        dossier, sent_back.code, ItemVerdict.NEEDS_CORRECTION, SUPPLEMENT_REASON, secretary
    )
    dossiers.request_supplement(dossier, "Vui lòng bổ sung trong 5 ngày làm việc (mẫu).", secretary)


def supplement(dossier: Dossier, producer: User) -> None:
    """The producer replaces the document sent back (the earlier version is kept for staff)."""
    sent_back = required_items(dossier)[-1]
    [old] = dossier.current_documents(sent_back.code)
    db.session.flush()
    attach(dossier, sent_back, producer)
    dossiers.remove_document(dossier, old, producer)
    dossiers.resubmit_dossier(dossier, producer, "Đã bổ sung tài liệu minh chứng (mẫu).")
