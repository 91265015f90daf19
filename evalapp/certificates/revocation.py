"""Revocation under a rulebook that regulates it (26/2026 Điều 8): the ground, the level that
decides, the 15 days from the conclusion, the revocation decision and who receives it.

Under a rulebook without revocation rules (1048/2019, 148/2023, 1489/2025) none of this applies:
a free-text reason and the two-person rule are all (see `services.request_revocation`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, select

from evalapp.auth.models import Role, RoleGrant, User
from evalapp.certificates.models import Certificate, CertificateRevocation, RevocationState
from evalapp.common.i18n import localised
from evalapp.common.pdf import render_document
from evalapp.common.refusals import Refusal
from evalapp.extensions import db
from evalapp.producers.models import Organisation
from evalapp.reports.formats import day_words, place_date
from evalapp.rules import (
    RevocationGround,
    RevocationRules,
    load_rulebook,
    recognising_level,
    revocation_deadline,
)
from evalapp.units.models import AdministrativeUnit


class RevocationRefused(Refusal):
    """A revocation the decision does not allow; the message names the rule and its article."""


def revocation_rules(certificate: Certificate) -> RevocationRules | None:
    """The revocation rules of the certificate's rulebook (None: it sets none)."""
    try:
        return load_rulebook(certificate.rulebook_code).certificate.revocation
    except LookupError:
        return None


def check_ground(rules: RevocationRules, code: str) -> RevocationGround:
    """26/2026 Điều 8.1: a certificate is revoked only in one of its six cases."""
    if not code:
        raise RevocationRefused(
            _(
                "Chọn căn cứ thu hồi: theo %(reference)s %(article)s, giấy chứng nhận chỉ bị thu "
                "hồi trong một trong các trường hợp quy định tại khoản này.",
                reference=rules.reference,
                article=rules.grounds_article,
            ),
            field="ground",
        )
    ground = rules.ground(code)
    if ground is None:
        raise RevocationRefused(
            _(
                "Căn cứ thu hồi “%(code)s” không có trong %(reference)s %(article)s (các điểm "
                "%(points)s).",
                code=code,
                reference=rules.reference,
                article=rules.grounds_article,
                points=", ".join(g.point.rsplit(".", 1)[-1] for g in rules.grounds),
            ),
            field="ground",
        )
    return ground


def check_level(rules: RevocationRules, certificate: Certificate, actor: User) -> None:
    """26/2026 Điều 8.2: the province revokes 3★–4★, the ministry 5★ — the level that
    recognised the class. The certificate's unit and the actor's unit must both be that level."""
    level = recognising_level(load_rulebook(certificate.rulebook_code), certificate.stars)
    authority = rules.authority(level.code) if level is not None else None
    if authority is None:
        raise RevocationRefused(
            _(
                "%(reference)s %(article)s không quy định cấp thu hồi giấy chứng nhận hạng "
                "%(stars)d sao.",
                reference=rules.reference,
                article=rules.level_article,
                stars=certificate.stars,
            )
        )
    units = [certificate.unit] + ([actor.unit] if actor.unit is not None else [])
    wrong = next((unit for unit in units if unit.level.value != authority.level), None)
    if wrong is not None:
        raise RevocationRefused(
            _(
                "Theo %(reference)s %(point)s, giấy chứng nhận hạng %(stars)d sao do %(title)s "
                "quyết định thu hồi; %(unit)s không thuộc cấp có thẩm quyền thu hồi.",
                reference=rules.reference,
                point=authority.point,
                stars=certificate.stars,
                title=localised(authority.title),
                unit=wrong.name,
            )
        )


def deadline_of(rules: RevocationRules, conclusion_on: date) -> date:
    return revocation_deadline(conclusion_on, rules.days)


def check_conclusion(
    rules: RevocationRules, reference: str, conclusion_on: date | None, today: date
) -> date:
    """26/2026 Điều 8.4: revocation within 15 days of the conclusion (or the commune's
    confirmation) it rests on; the text gives no exception. Returns the last day."""
    if not reference.strip() or conclusion_on is None:
        raise RevocationRefused(
            _(
                "Ghi số hiệu và ngày của kết luận (hoặc xác nhận của UBND cấp xã) làm căn cứ thu "
                "hồi: %(reference)s %(article)s tính thời hạn thu hồi từ ngày đó.",
                reference=rules.reference,
                article=rules.deadline_article,
            ),
            field="conclusion_reference" if not reference.strip() else "conclusion_on",
        )
    if conclusion_on > today:
        raise RevocationRefused(_("Ngày kết luận không thể sau hôm nay."), field="conclusion_on")
    last = deadline_of(rules, conclusion_on)
    if today > last:
        raise RevocationRefused(
            _(
                "Đã quá thời hạn thu hồi: theo %(reference)s %(article)s, việc thu hồi phải "
                "thực hiện trong %(days)d ngày kể từ ngày có kết luận (%(conclusion)s), tức là "
                "chậm nhất ngày %(last)s.",
                reference=rules.reference,
                article=rules.deadline_article,
                days=rules.days,
                conclusion=conclusion_on.strftime("%d/%m/%Y"),
                last=last.strftime("%d/%m/%Y"),
            ),
            field="conclusion_on",
        )
    return last


def ground_text(certificate: Certificate, code: str) -> str:
    """ "26/2026 Điều 8.1.b: Sản phẩm OCOP không còn …" ("" for no ground or unknown rules)."""
    rules = revocation_rules(certificate)
    ground = rules.ground(code) if rules is not None and code else None
    if ground is None:
        return ""
    return f"{rules.reference} {ground.point}: {localised(ground.text)}"


def approved_revocation(certificate: Certificate) -> CertificateRevocation | None:
    return next((r for r in certificate.revocations if r.state is RevocationState.APPROVED), None)


def next_decision_number(certificate: Certificate, day: date) -> str:
    """ "TH-<unit code>-<year>-<sequence>": the revocation decisions of a unit, numbered per
    year like its certificates (the decision gives no numbering; this one never collides with
    a result decision's number). The unit's row is locked first, so two approvals of the same
    unit at once take their numbers one after the other (PostgreSQL)."""
    db.session.execute(
        select(AdministrativeUnit.id)
        .where(AdministrativeUnit.id == certificate.unit_id)
        .with_for_update()
    )
    taken = db.session.scalar(
        select(func.count(CertificateRevocation.id))
        .join(Certificate, Certificate.id == CertificateRevocation.certificate_id)
        .where(
            Certificate.unit_id == certificate.unit_id,
            CertificateRevocation.decision_number != "",
            func.extract("year", CertificateRevocation.decision_on) == day.year,
        )
    )
    return f"TH-{certificate.unit.code}-{day.year}-{(taken or 0) + 1:04d}"


def commune_of(certificate: Certificate):
    organisation = db.session.get(Organisation, certificate.organisation_id)
    return organisation.commune if organisation is not None else None


def commune_officers_of(certificate: Certificate) -> list[User]:
    """The commune the producer belongs to: its officers receive the decision (Điều 8.3.c,
    "các cơ quan liên quan")."""
    commune = commune_of(certificate)
    if commune is None:
        return []
    return list(
        db.session.scalars(
            select(User)
            .join(RoleGrant, RoleGrant.user_id == User.id)
            .where(User.unit_id == commune.id, RoleGrant.role == Role.COMMUNE_OFFICER)
        )
    )


@dataclass(frozen=True)
class DecisionFacts:
    number: str
    place_date: str
    issuing_body: str
    authority_title: str
    authority_point: str
    rulebook_reference: str
    certificate_number: str
    certificate_date: str
    product_name: str
    producer_name: str
    producer_address: str
    stars: int
    ground: str
    facts: str
    conclusion_reference: str
    conclusion_date: str
    effective_date: str
    commune: str
    by_province: bool  # signed for the provincial People's Committee by its chair (Điều 8.2.a)
    principal_title: str  # "CHỦ TỊCH" (province) or "BỘ TRƯỞNG" (ministry)
    signer_title: str
    signer_name: str

    @property
    def deputy_signs(self) -> bool:
        """Signed by a deputy for the chair or the minister ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH")."""
        title = self.signer_title.strip().upper()
        return bool(title) and title != self.principal_title


def decision_facts(revocation: CertificateRevocation) -> DecisionFacts:
    certificate = revocation.certificate
    rules = revocation_rules(certificate)
    level = recognising_level(load_rulebook(certificate.rulebook_code), certificate.stars)
    authority = rules.authority(level.code) if rules is not None and level is not None else None
    commune = commune_of(certificate)
    return DecisionFacts(
        number=revocation.decision_number,
        place_date=place_date(certificate.decision.place, revocation.decision_on),
        issuing_body=certificate.issuing_body,
        authority_title=(
            _("Chủ tịch %(body)s", body=certificate.issuing_body)
            if authority is not None and authority.level == "province"
            else localised(authority.title)
            if authority
            else ""
        ),
        authority_point=authority.point if authority else "",
        rulebook_reference=rules.reference if rules else "",
        certificate_number=certificate.number,
        certificate_date=day_words(certificate.issued_on),
        product_name=certificate.product_name,
        producer_name=certificate.producer_name,
        producer_address=certificate.producer_address,
        stars=certificate.stars,
        ground=ground_text(certificate, revocation.ground_code),
        facts=revocation.reason,
        conclusion_reference=revocation.conclusion_reference,
        conclusion_date=(
            revocation.conclusion_on.strftime("%d/%m/%Y") if revocation.conclusion_on else ""
        ),
        effective_date=revocation.effective_on.strftime("%d/%m/%Y"),
        commune=commune.name if commune is not None else "",
        by_province=authority is not None and authority.level == "province",
        principal_title=(
            _("CHỦ TỊCH") if authority is None or authority.level == "province" else _("BỘ TRƯỞNG")
        ),
        signer_title=revocation.signer_title,
        signer_name=revocation.signer_name,
    )


def revocation_decision_pdf(revocation: CertificateRevocation) -> bytes:
    """Quyết định thu hồi Giấy chứng nhận sản phẩm OCOP, in Vietnamese (an official paper)."""
    with force_locale("vi"):
        return render_document(
            "certificates/revocation_decision_pdf.html", facts=decision_facts(revocation)
        )
