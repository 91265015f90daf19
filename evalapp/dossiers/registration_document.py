"""Mẫu số 01 and Mẫu số 02 of 26/2026 Phụ lục III as printed documents: plain facts from the
dossier, rendered in Vietnamese with the official layout (templates `dossiers/form_0*_pdf.html`).

The management part of Mẫu 01 ("Phần dành cho cơ quan quản lý") is filled from what the dossier's
timeline says by `management_receipts`, the one place to change when the registration number
(`…/PĐK-(Mã tỉnh)-(Mã xã)-(Năm)`) is kept on the dossier."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import force_locale, to_user_timezone
from flask_babel import gettext as _

from evalapp.common.i18n import format_number
from evalapp.common.pdf import render_document
from evalapp.dossiers.claims import PartThreeRow, part_three_rows
from evalapp.dossiers.models import Dossier, DossierEvent, DossierRegistration, RegistrationType
from evalapp.dossiers.rules import (
    pre_review_level,
    product_classification,
    rulebook_of,
    sample_count,
    sheet_of,
)
from evalapp.rules import score_sheet


@dataclass(frozen=True)
class Receipt:
    """One block of Mẫu 01's management part; None values print as dotted blanks."""

    number: str | None = None
    day: date | None = None
    officer: str | None = None


def management_receipts(dossier: Dossier) -> tuple[Receipt, Receipt]:
    """The commune's and the province's blocks (Phiếu số, Ngày nhận, Người tiếp nhận).

    Under a rulebook where the commune receives the dossier first (26/2026 Điều 7.1): the commune
    received it when it was submitted (its receipt code and day) and its officer is the one who
    reviewed and forwarded it; the province received it on the "received" event, by its actor.
    The number on both is the receipt code, the only number the dossier has."""
    submitted = last_event(dossier, "submitted")
    received = last_event(dossier, "received")
    if pre_review_level(rulebook_of(dossier)) is None:
        return Receipt(), receipt_of(dossier, received)
    commune = Receipt()
    if submitted is not None:
        forwarded = last_event(dossier, "forwarded")
        commune = Receipt(
            number=dossier.receipt_code,
            day=local_day(submitted.at),
            officer=forwarded.actor.full_name if forwarded and forwarded.actor else None,
        )
    return commune, receipt_of(dossier, received)


def receipt_of(dossier: Dossier, event: DossierEvent | None) -> Receipt:
    if event is None:
        return Receipt()
    officer = event.actor.full_name if event.actor else None
    return Receipt(number=dossier.receipt_code, day=local_day(event.at), officer=officer)


def last_event(dossier: Dossier, action: str) -> DossierEvent | None:
    return next((e for e in reversed(dossier.events) if e.action == action), None)


def local_day(moment: datetime) -> date:
    return to_user_timezone(moment).date()


def day_words(day: date | None) -> str:
    """ "ngày 05 tháng 6 năm 2026", or the dotted blanks of the form."""
    if day is None:
        return "ngày........tháng........năm......"
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return _("ngày %(d)s tháng %(m)s năm %(y)d", d=f"{day.day:02d}", m=month, y=day.year)


def province_words(dossier: Dossier) -> str:
    """ "tỉnh Ninh Bình" for the unit named "Tỉnh Ninh Bình", as the form's title writes it."""
    name = dossier.organisation.province.name
    return name[:1].lower() + name[1:]


def record_values(dossier: Dossier) -> dict:
    """The saved forms as a plain dictionary (blank when nothing was saved)."""
    record = dossier.registration or DossierRegistration()
    values = {
        column.key: getattr(record, column.key) for column in DossierRegistration.__table__.columns
    }
    values["has_ip_registration"] = record.has_ip_registration
    return {name: "" if value is None else value for name, value in values.items()}


def form_01_facts(dossier: Dossier) -> dict:
    record = record_values(dossier)
    sector, family, subgroup = product_classification(dossier)
    commune, province = management_receipts(dossier)
    return {
        "province": province_words(dossier),
        "year": dossier.round.year,
        "record": record,
        "sector": sector,
        "family": family,
        "subgroup": subgroup,
        "registration": {
            kind.value: dossier.registration_type is kind for kind in RegistrationType
        },
        "samples": sample_count(dossier),
        "place": record["signing_place"],
        "day_words": day_words(record["signed_on"] or None),
        "commune_receipt": commune,
        "province_receipt": province,
    }


def form_02_facts(dossier: Dossier) -> dict:
    record = record_values(dossier)
    gender, established = record["representative_gender"], record["established_on"]
    return {
        "record": record,
        "gender": gender.label if gender else "",
        "established_on": established.strftime("%d/%m/%Y") if established else "",
        "criteria": criteria_rows(dossier),
        "place": record["signing_place"],
        "day_words": day_words(record["signed_on"] or None),
        "re_evaluation": dossier.registration_type is RegistrationType.RE_EVALUATION,
    }


def criteria_rows(dossier: Dossier) -> dict | None:
    """Phần III: every criterion of the sheet in its order, with the option the producer expects
    and its points (the self-assessment), sections as headings; None without a sheet."""
    sheet = sheet_of(dossier)
    if sheet is None:
        return None
    choices = dossier.self_assessment or {}
    score = score_sheet(sheet, choices)
    claims = {row.code: row for row in part_three_rows(dossier, sheet)}
    rows = []
    for part in sheet.parts:
        rows.append(
            {"kind": "part", "code": part.code, "points": points(score.parts.get(part.code))}
        )
        for root in part.criteria:
            for depth, node in root.walk():
                rows.append(criterion_row(node, depth, choices, score, claims.get(node.code)))
    return {"sheet": sheet.name.vi, "rows": rows, "total": points(score.total)}


def criterion_row(node, depth: int, choices: dict, score, claim: PartThreeRow | None) -> dict:
    """A criterion's line; a leaf's with the producer's description, evidence and (upgrade,
    re-evaluation) changes since recognition, which Phần III asks for in the sheet's order."""
    row = {"kind": "leaf" if node.is_leaf else "section", "code": node.code, "depth": depth}
    row["name"] = node.name.vi
    row["max"] = points(node.max_points)
    level = node.level(choices.get(node.code, "")) if node.is_leaf else None
    row["option"] = level.text.vi if level else ""
    row["points"] = points(score.points.get(node.code)) if level else ""
    row["description"] = claim.description if claim else ""
    row["evidence"] = claim.evidence_names if claim else ()
    row["changes"] = claim.changes if claim else ""
    return row


def points(value) -> str:
    return "" if value is None else format_number(value, "#,##0.##")


def form_01_pdf(dossier: Dossier) -> bytes:
    with force_locale("vi"):
        return render_document("dossiers/form_01_pdf.html", **form_01_facts(dossier))


def form_02_pdf(dossier: Dossier) -> bytes:
    with force_locale("vi"):
        return render_document("dossiers/form_02_pdf.html", **form_02_facts(dossier))
