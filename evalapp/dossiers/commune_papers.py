"""The two papers of the commune when it forwards a dossier under 26/2026 (Điều 6.2.a–b, 7.2.b):
the report on some contents of the dossier (Phụ lục III Mẫu số 03) and the letter proposing the
province evaluate the product (no official template: a plain official letter, Nghị định
30/2020/NĐ-CP layout).

Both are official papers, rendered in Vietnamese whatever the reader's language, from plain
facts. What the data model does not hold (the representative's gender, ethnicity, permanent
address; the letter's number) prints as dotted blanks, never made up. The reason for a late
forwarding is printed in the letter, not in Mẫu số 03, whose layout has no place for it.
"""

from __future__ import annotations

from datetime import date

from flask_babel import force_locale, to_user_timezone
from flask_babel import gettext as _
from sqlalchemy import select

from evalapp.common.i18n import localised
from evalapp.common.pdf import render_document
from evalapp.dossiers.commune import received_on
from evalapp.dossiers.models import CommunePreReview, Dossier
from evalapp.dossiers.rules import pre_review_level, rulebook_of
from evalapp.extensions import db
from evalapp.rules.working_days import working_days_between

BLANK = "……………………"
# Unit kinds that open a unit's name ("Xã Kim Sơn" → "xã Kim Sơn" inside a sentence).
UNIT_KINDS = ("Thành phố", "Thị xã", "Thị trấn", "Đặc khu", "Tỉnh", "Phường", "Xã", "Huyện")


def in_sentence(unit_name: str) -> str:
    """A unit's name as written inside a sentence: its kind in lower case."""
    for kind in UNIT_KINDS:
        if unit_name.startswith(kind + " "):
            return kind.lower() + unit_name[len(kind) :]
    return unit_name


def place_of(unit_name: str) -> str:
    for kind in UNIT_KINDS:
        if unit_name.startswith(kind + " "):
            return unit_name[len(kind) + 1 :]
    return unit_name


def day_words(day: date) -> str:
    """ "ngày 05 tháng 3 năm 2026" (Nghị định 30/2020: a leading zero for days under 10 and for
    January and February)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return _("ngày %(d)s tháng %(m)s năm %(y)d", d=f"{day.day:02d}", m=month, y=day.year)


def forwarded_on(review: CommunePreReview) -> date:
    return to_user_timezone(review.reviewed_at).date()


def commune_facts(dossier: Dossier) -> dict:
    commune = dossier.organisation.commune.name
    province = dossier.round.unit.name
    return {
        "commune": commune,
        "commune_upper": commune.upper(),
        "commune_in_sentence": in_sentence(commune),
        "province_in_sentence": in_sentence(province),
        "place_date": f"{place_of(commune)}, {day_words(forwarded_on(dossier.pre_review))}",
    }


def report_facts(dossier: Dossier) -> dict:
    """Mẫu số 03: I. the producer and product, II. the commune's assessment of each content."""
    organisation, review = dossier.organisation, dossier.pre_review
    level = pre_review_level(rulebook_of(dossier))
    return {
        **commune_facts(dossier),
        "organisation": organisation.name,
        "legal_form": organisation.legal_form.label,
        "address": organisation.address or BLANK,
        "representative": organisation.representative_name or BLANK,
        "product": dossier.product.name,
        "assessments": [
            {
                "code": item.code,
                "name": localised(item.name),
                "remark": review.findings.get(item.code, {}).get("note", ""),
            }
            for item in level.pre_review
        ],
        "blank": BLANK,
    }


def dossiers_in_letter(dossier: Dossier) -> list[Dossier]:
    """The dossiers the commune proposed to the same round on the same day as this one: the
    letter lists them all, in the order they were forwarded."""
    day = forwarded_on(dossier.pre_review)
    candidates = db.session.scalars(
        select(Dossier)
        .join(Dossier.pre_review)
        .where(
            Dossier.round_id == dossier.round_id,
            Dossier.organisation.has(commune_id=dossier.organisation.commune_id),
        )
        .order_by(CommunePreReview.reviewed_at, Dossier.id)
    ).all()
    return [other for other in candidates if forwarded_on(other.pre_review) == day]


def letter_facts(dossier: Dossier) -> dict:
    rows = []
    for position, other in enumerate(dossiers_in_letter(dossier), start=1):
        review = other.pre_review
        received = received_on(other)
        rows.append(
            {
                "position": position,
                "product": other.product.name,
                "organisation": other.organisation.name,
                "address": other.organisation.address,
                "receipt_code": other.receipt_code or "",
                "received": received.strftime("%d/%m/%Y") if received else "",
                "late_reason": review.late_reason,
                "late_days": (
                    working_days_between(review.deadline_on, forwarded_on(review))
                    if review.late_reason and review.deadline_on
                    else 0
                ),
                "deadline": review.deadline_on.strftime("%d/%m/%Y") if review.deadline_on else "",
            }
        )
    level = pre_review_level(rulebook_of(dossier))
    return {
        **commune_facts(dossier),
        "province": dossier.round.unit.name,
        "rows": rows,
        "working_days": level.pre_review_working_days,
        "blank": BLANK,
    }


def report_pdf(dossier: Dossier) -> bytes:
    with force_locale("vi"):
        return render_document("dossiers/mau_03_pdf.html", facts=report_facts(dossier))


def letter_pdf(dossier: Dossier) -> bytes:
    with force_locale("vi"):
        return render_document("dossiers/proposal_letter_pdf.html", facts=letter_facts(dossier))
