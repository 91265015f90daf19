"""The submitted report beside the dossier, its PDF, the visit photos and lab reports,
and the functions lent to other features' templates."""

from flask import abort, render_template, request
from flask_login import current_user

from evalapp.advisory import permissions, queries, services
from evalapp.advisory.document import report_pdf
from evalapp.advisory.models import (
    LabTestRequest,
    SiteVisitPhoto,
)
from evalapp.advisory.views.blueprint import (
    bp,
    load_dossier,
    readers,
)
from evalapp.common.access import require
from evalapp.common.downloads import send_generated, send_stored_file
from evalapp.dossiers.models import Dossier
from evalapp.dossiers.rules import sheet_of
from evalapp.extensions import db

# --- the report beside the dossier -------------------------------------------------------------------


def readable_report(dossier_id: int):
    dossier, _council = load_dossier(dossier_id)
    report = services.report_of(dossier)
    require(permissions.can_read_report(current_user, report))
    return report


@bp.route("/dossiers/<int:dossier_id>/report")
@readers
def report(dossier_id: int):
    report = readable_report(dossier_id)
    return render_template(
        "advisory/report.html",
        report=report,
        dossier=report.dossier,
        visits=queries.site_visits(report.dossier),
        lab_tests=queries.lab_tests(report.dossier),
        sheet=sheet_of(report.dossier),
    )


@bp.route("/dossiers/<int:dossier_id>/report.pdf")
@readers
def report_download(dossier_id: int):
    report = readable_report(dossier_id)
    name = f"bao-cao-to-tu-van-{report.dossier.receipt_code or report.dossier_id}.pdf"
    return send_generated(report_pdf(report), name, inline=request.args.get("inline") == "1")


@bp.route("/photos/<int:visit_photo_id>")
@readers
def photo(visit_photo_id: int):
    photo = db.session.get(SiteVisitPhoto, visit_photo_id) or abort(404)
    readable_report_or_file(photo.visit.dossier_id)
    return send_stored_file(photo.file, inline=True)


@bp.route("/lab-tests/<int:lab_test_id>/file")
@readers
def lab_report(lab_test_id: int):
    test = db.session.get(LabTestRequest, lab_test_id) or abort(404)
    if test.result_file is None:
        abort(404)
    readable_report_or_file(test.dossier_id)
    return send_stored_file(test.result_file, inline=request.args.get("inline") == "1")


def readable_report_or_file(dossier_id: int) -> None:
    dossier, council = load_dossier(dossier_id)
    if permissions.can_view_file(current_user, dossier, council):
        return
    require(permissions.can_read_report(current_user, services.report_of(dossier)))


# --- lent to other features' templates ---------------------------------------------------------------


@bp.app_template_global("advisory_report_beside")
def advisory_report_beside(dossier: Dossier):
    """The submitted report a council member may read beside the dossier (None otherwise)."""
    return queries.submitted_report_for(current_user, dossier)


@bp.app_template_global("advisory_requests")
def advisory_requests(dossier: Dossier):
    """(pending lab tests, supplement requests) the advisory group addressed to the producer."""
    return queries.open_requests_for_producer(dossier)
