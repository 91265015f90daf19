"""The advisory group's assessment report (báo cáo đánh giá của Tổ tư vấn, 26/2026 Điều 7.3.c)
as a PDF: plain data in, WeasyPrint out (`common.pdf`)."""

from __future__ import annotations

from flask_babel import force_locale

from evalapp.advisory import queries
from evalapp.advisory.models import AdvisoryReport, DocumentFinding
from evalapp.common.i18n import format_day, localised
from evalapp.common.pdf import render_document
from evalapp.dossiers.rules import checklist_items, sheet_of


def criterion_name(sheet, code: str) -> str:
    criterion = sheet.criterion(code) if sheet else None
    return f"{code}. {localised(criterion.name)}" if criterion else code


def report_facts(report: AdvisoryReport) -> dict:
    dossier = report.dossier
    sheet = sheet_of(dossier)
    findings = report.document_findings or {}
    documents = []
    for item in checklist_items(dossier):
        found = findings.get(item.code)
        documents.append(
            {
                "name": localised(item.name),
                "finding": DocumentFinding(found["finding"]).label if found else "",
                "comment": found["comment"] if found else "",
            }
        )
    return {
        "council": report.council.name,
        "unit": report.council.round.unit.name,
        "product": dossier.product.name,
        "organisation": dossier.organisation.name,
        "receipt_code": dossier.receipt_code or "",
        "registration": dossier.registration_type.label,
        "sheet": localised(sheet.name) if sheet else "",
        "submitted": report.is_submitted,
        "submitted_on": format_day(report.submitted_at) if report.submitted_at else "",
        "advisers": [m.user.full_name for m in queries.assignees(dossier)],
        "documents": documents,
        "visits": [
            {
                "day": format_day(visit.visited_on),
                "place": visit.place,
                "present": visit.present.splitlines(),
                "findings": [
                    {"criterion": criterion_name(sheet, code), "text": text}
                    for code, text in visit.findings.items()
                ],
                "note": visit.note,
                "photos": len(visit.photos),
            }
            for visit in queries.site_visits(dossier)
        ],
        "lab_tests": [
            {
                "indicators": test.indicators,
                "reason": test.reason,
                "due_on": format_day(test.due_on),
                "result_on": format_day(test.result_on) if test.result_on else "",
                "passed": test.passed,
                "note": test.result_note,
            }
            for test in queries.lab_tests(dossier)
        ],
        "parts": [("A", report.part_a), ("B", report.part_b), ("C", report.part_c)],
        "conclusion": report.conclusion,
    }


def report_pdf(report: AdvisoryReport) -> bytes:
    with force_locale("vi"):
        return render_document("advisory/report_pdf.html", facts=report_facts(report))
