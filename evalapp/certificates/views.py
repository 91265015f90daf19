"""Certificates for the secretariat: issuing, printing, batch printing, revocation."""

from datetime import date

from flask import (
    Blueprint,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from evalapp.auth.models import Role
from evalapp.certificates import (
    permissions,
    print_queue,
    printing,
    queries,
    revocation,
    services,
    validity,
)
from evalapp.certificates.document import certificate_pdf, verification_url
from evalapp.certificates.exports import export_columns
from evalapp.certificates.extension import late_filing_extension, status_reader
from evalapp.certificates.forms import (
    CertificateFilterForm,
    RevocationApprovalForm,
    RevocationRequestForm,
)
from evalapp.certificates.issuing import issue_confirmation
from evalapp.certificates.models import (
    Certificate,
    CertificateRevocation,
    CertificateStatus,
    PrintJob,
    certificate_status,
)
from evalapp.certificates.revoking import revocation_confirmation
from evalapp.common.access import require, roles
from evalapp.common.confirmation import ask, is_confirmed
from evalapp.common.downloads import send_generated, send_stored_file
from evalapp.common.exports import export_response
from evalapp.common.i18n import localised
from evalapp.common.job_progress import job_progress, wants_json
from evalapp.common.refusals import ABOVE_FORM, Refusal, show_refusal
from evalapp.common.routing import paginate
from evalapp.common.time import local_today
from evalapp.extensions import db
from evalapp.results.models import ResultDecision

bp = Blueprint("certificates", __name__, url_prefix="/certificates")
secretary_only = roles(Role.SECRETARY)
secretary_or_chair = roles(Role.SECRETARY, Role.COUNCIL_CHAIR)


def load_decision(decision_id: int) -> ResultDecision:
    decision = db.session.get(ResultDecision, decision_id) or abort(404)
    require(permissions.can_manage_decision_certificates(current_user, decision))
    return decision


def status_chosen(value: str | None) -> CertificateStatus | str | None:
    if not value:
        return None
    return value if value == queries.EXPIRING else CertificateStatus(value)


def load_certificate(certificate_id: int) -> Certificate:
    return db.session.get(Certificate, certificate_id) or abort(404)


def filtered_certificates(unit) -> tuple[CertificateFilterForm, object, date]:
    """The unit's certificates as the list's filters (in the query string) select them."""
    form = CertificateFilterForm(request.args)
    decisions = queries.decisions_with_certificates(unit.id)
    form.decision.choices = [SelectChoice("", _("Tất cả"))] + [
        SelectChoice(str(d.id), f"{d.number} ({d.signed_on:%d/%m/%Y})") for d in decisions
    ]
    valid = form.validate()
    status = status_chosen(form.status.data) if valid else None
    decision_id = (
        int(form.decision.data) if valid and (form.decision.data or "").isdigit() else None
    )
    today = local_today()
    query = queries.certificates_of_unit(
        unit.id, today, status, form.year.data if valid else None, decision_id
    )
    return form, query, today


@bp.route("/")
@secretary_only
def index():
    form, query, today = filtered_certificates(current_user.unit or abort(404))
    page = paginate(query, per_page=50)
    return render_template(
        "certificates/index.html",
        form=form,
        page=page,
        today=today,
        status_of=status_reader(today),
    )


@bp.route("/export.<any(csv, xlsx):kind>")
@secretary_only
def export(kind: str):
    """Every certificate the list's filters select, as CSV or XLSX (issue 18)."""
    unit = current_user.unit or abort(404)
    _form, query, today = filtered_certificates(unit)
    certificates = db.session.scalars(query)
    stem = f"giay-chung-nhan-ocop-{today:%Y%m%d}"
    return export_response(kind, stem, _("Giấy chứng nhận"), export_columns(today), certificates)


@bp.route("/decisions/<int:decision_id>")
@secretary_only
def for_decision(decision_id: int):
    decision = load_decision(decision_id)
    return render_template(
        "certificates/for_decision.html",
        decision=decision,
        rows=services.eligibility(decision),
        jobs=queries.recent_print_jobs(decision.id),
        today=local_today(),
        status_of=status_reader(local_today()),
    )


@bp.post("/decisions/<int:decision_id>/issue")
@secretary_only
def issue(decision_id: int):
    decision = load_decision(decision_id)
    try:
        if not is_confirmed():
            services.check_issuable(decision)
            if pending := services.pending_results(decision):
                return ask(issue_confirmation(decision, pending))
        issued = services.issue_certificates(decision, current_user)
    except Refusal as refusal:
        show_refusal(refusal)
    else:
        db.session.commit()
        if issued:
            flash(_("Đã cấp %(n)d giấy chứng nhận.", n=len(issued)), "success")
        else:
            flash(_("Không có giấy chứng nhận mới nào cần cấp."), "info")
    return redirect(url_for("certificates.for_decision", decision_id=decision.id))


@bp.post("/decisions/<int:decision_id>/print")
@secretary_only
def print_all(decision_id: int):
    decision = load_decision(decision_id)
    try:
        job = print_queue.request_print(decision, current_user)
    except Refusal as refusal:
        show_refusal(refusal)
        return redirect(url_for("certificates.for_decision", decision_id=decision.id))
    db.session.commit()
    if print_queue.never_queued(job) and not print_queue.submit_print_job(job):
        flash(print_queue.queue_unavailable_reason(), "danger")
    return redirect(url_for("certificates.print_job", job_id=job.id))


def load_job(job_id: int) -> PrintJob:
    job = db.session.get(PrintJob, job_id) or abort(404)
    require(permissions.can_manage_decision_certificates(current_user, job.decision))
    return job


def job_state(job: PrintJob) -> dict:
    return job_progress(
        job, url_for("certificates.print_job_file", job_id=job.id), printing.waiting_too_long(job)
    )


@bp.route("/print-jobs/<int:job_id>")
@secretary_only
def print_job(job_id: int):
    job = load_job(job_id)
    print_queue.recover_stale_print_jobs(id=job.id)
    if wants_json():
        response = jsonify(job_state(job))
        response.headers["Cache-Control"] = "no-store"
        return response
    return render_template("certificates/print_job.html", job=job, state=job_state(job))


@bp.post("/print-jobs/<int:job_id>/cancel")
@secretary_only
def cancel_print_job(job_id: int):
    job = load_job(job_id)
    try:
        printing.cancel_print_job(job, current_user)
    except Refusal as refusal:
        show_refusal(refusal)
    else:
        db.session.commit()
        flash(_("Đã hủy lần in này."), "info")
    return redirect(url_for("certificates.print_job", job_id=job.id))


@bp.route("/print-jobs/<int:job_id>/certificates.pdf")
@secretary_only
def print_job_file(job_id: int):
    job = load_job(job_id)
    stored = job.file or abort(404)
    return send_stored_file(stored, inline=request.args.get("inline") == "1")


@bp.route("/<int:certificate_id>")
@secretary_or_chair
def show(certificate_id: int):
    certificate = load_certificate(certificate_id)
    require(permissions.can_view_certificate(current_user, certificate))
    return render_show(certificate, RevocationRequestForm(effective_on=local_today()))


def approval_form(certificate: Certificate, **kwargs) -> RevocationApprovalForm:
    """The signer proposed from the decision that recognised the product."""
    decision = certificate.decision
    return RevocationApprovalForm(
        signer_title=decision.signer_title if decision else "",
        signer_name=decision.signer_name if decision else "",
        **kwargs,
    )


def ground_label(ground) -> str:
    return f"{ground.point} — {localised(ground.text)}"


def render_show(
    certificate: Certificate,
    form: RevocationRequestForm,
    status: int = 200,
    approval: RevocationApprovalForm | None = None,
):
    pending = services.pending_revocation(certificate)
    rules = revocation.revocation_rules(certificate)
    if rules is not None:
        form.set_grounds(rules.grounds, ground_label)
    extension = late_filing_extension(certificate, local_today())
    return render_template(
        "certificates/show.html",
        certificate=certificate,
        permissions=permissions,
        revocation_rules=rules,
        ground_text=revocation.ground_text,
        deadline_of=services.revocation_deadline,
        approved=revocation.approved_revocation(certificate),
        status=CertificateStatus.VALID
        if extension
        else certificate_status(certificate, local_today()),
        extension=extension,
        signature_valid=services.signature_valid(certificate),
        verification_url=verification_url(certificate.public_id),
        form=form,
        approval=approval or approval_form(certificate),
        may_request=permissions.can_request_revocation(current_user, certificate)
        and pending is None,
        pending=pending,
        may_approve=pending is not None and services.may_approve(current_user, pending),
        may_withdraw=pending is not None and services.may_withdraw(current_user, pending),
    ), status


@bp.route("/<int:certificate_id>.pdf")
@roles(Role.SECRETARY, Role.PRODUCER)
def pdf(certificate_id: int):
    certificate = load_certificate(certificate_id)
    require(permissions.can_download_certificate(current_user, certificate))
    inline = request.args.get("inline") == "1"
    return send_generated(
        certificate_pdf(certificate),
        f"Giay-chung-nhan-OCOP-{certificate.number}.pdf",
        inline=inline,
    )


@bp.route("/<int:certificate_id>/revocation-decision.pdf")
@roles(Role.SECRETARY, Role.COUNCIL_CHAIR, Role.PRODUCER, Role.COMMUNE_OFFICER)
def revocation_pdf(certificate_id: int):
    """The revocation decision (26/2026 Điều 8.3.c), for those it is sent to."""
    certificate = load_certificate(certificate_id)
    commune = revocation.commune_of(certificate)
    require(
        permissions.can_download_revocation_decision(
            current_user, certificate, commune.id if commune is not None else None
        )
    )
    decided = revocation.approved_revocation(certificate)
    if decided is None or not decided.decision_number:
        abort(404)
    inline = request.args.get("inline") == "1"
    return send_generated(
        revocation.revocation_decision_pdf(decided),
        f"Quyet-dinh-thu-hoi-{certificate.number}.pdf",
        inline=inline,
    )


@bp.post("/<int:certificate_id>/revoke")
@secretary_or_chair
def request_revocation(certificate_id: int):
    certificate = load_certificate(certificate_id)
    require(permissions.can_view_certificate(current_user, certificate))
    form = RevocationRequestForm()
    if not form.validate_on_submit():
        return render_show(certificate, form, 400)
    try:
        services.request_revocation(
            certificate,
            form.reason.data,
            form.effective_on.data,
            current_user,
            ground_code=form.ground.data or "",
            conclusion_reference=form.conclusion_reference.data or "",
            conclusion_on=form.conclusion_on.data,
        )
    except Refusal as refusal:
        show_refusal(refusal, form, fallback=ABOVE_FORM)
        return render_show(certificate, form, 400)
    db.session.commit()
    flash(_("Đã gửi đề nghị thu hồi; cần người thứ hai phê duyệt."), "success")
    return redirect(url_for("certificates.show", certificate_id=certificate.id))


@bp.post("/<int:certificate_id>/revocations/<int:revocation_id>")
@secretary_or_chair
def decide_revocation(certificate_id: int, revocation_id: int):
    certificate = load_certificate(certificate_id)
    require(permissions.can_view_certificate(current_user, certificate))
    pending = db.session.get(CertificateRevocation, revocation_id)
    if pending is None or pending.certificate_id != certificate.id:
        abort(404)
    approve = request.form.get("decision") == "approve"
    signer = {}
    if approve and revocation.revocation_rules(certificate) is not None:
        approval = approval_form(certificate, formdata=request.form)
        if not approval.validate():
            return render_show(
                certificate, RevocationRequestForm(effective_on=local_today()), 400, approval
            )
        signer = {
            "signer_title": approval.signer_title.data,
            "signer_name": approval.signer_name.data,
        }
    try:
        if approve and not is_confirmed():
            services.check_approvable(pending, current_user, local_today())
            return ask(revocation_confirmation(certificate, pending))
        services.decide_revocation(pending, approve, current_user, **signer)
    except Refusal as refusal:
        show_refusal(refusal)
    else:
        db.session.commit()
        flash(
            _("Đã thu hồi giấy chứng nhận.") if approve else _("Đã rút đề nghị thu hồi."), "success"
        )
    return redirect(url_for("certificates.show", certificate_id=certificate.id))


@bp.app_template_filter("certificate_status")
def certificate_status_today(certificate: Certificate) -> CertificateStatus:
    """For partials included by other features' pages (the producer's outcome page)."""
    return certificate_status(certificate, local_today())


bp.add_app_template_filter(validity.validity_note, "validity_note")
