"""Session documents (minutes, score table: cached, large ones built by a background job) and
the result decision with its annex."""

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from evalapp.auth.models import Role
from evalapp.common.access import require, roles
from evalapp.common.confirmation import ask, is_confirmed
from evalapp.common.downloads import send_generated
from evalapp.common.exports import export_response
from evalapp.common.job_progress import job_progress, wants_json
from evalapp.common.refusals import Refusal, show_refusal
from evalapp.common.storage import ObjectNotFound, get_storage
from evalapp.councils.models import CouncilSession, SessionState
from evalapp.extensions import db
from evalapp.reports import building, services
from evalapp.reports.criterion_scores import criterion_columns
from evalapp.reports.criterion_scores import criterion_scores as criterion_score_rows
from evalapp.reports.decision_document import annex_rows
from evalapp.reports.decision_document import decision_pdf as render_decision
from evalapp.reports.forms import DecisionForm, IssueForm
from evalapp.reports.issuing import issue_confirmation
from evalapp.reports.models import BuiltDocument, DocumentJobState
from evalapp.reports.permissions import (
    can_edit_decision,
    can_manage_decisions,
    can_view_decisions,
    can_view_session_documents,
)
from evalapp.reports.session_report import current_results_of
from evalapp.results.models import ResultDecision
from evalapp.rounds.models import EvaluationRound
from evalapp.rules import class_recognised_at, load_rulebook

bp = Blueprint("reports", __name__, url_prefix="/reports")

readers = roles(Role.SECRETARY, Role.COUNCIL_CHAIR)
secretariat = roles(Role.SECRETARY)


def load_session(session_id: int) -> CouncilSession:
    session = db.session.get(CouncilSession, session_id) or abort(404)
    require(can_view_session_documents(current_user, session))
    return session


@bp.route("/sessions/<int:session_id>")
@readers
def session_documents(session_id: int):
    session = load_session(session_id)
    return render_template(
        "reports/session_documents.html",
        session=session,
        closed=session.state is SessionState.CLOSED,
        finalised=len(current_results_of(session)),
    )


def session_document(session: CouncilSession, kind: building.Kind):
    """The document built for the session's data now: from the cache, built here for a small
    session, else the page of the background job building it."""
    try:
        job = building.request_document(session, kind, current_user)
    except services.ReportsError as error:
        flash(str(error), "warning")
        return redirect(url_for("reports.session_documents", session_id=session.id))
    if job.state is DocumentJobState.DONE and job.file is not None:
        return send_built(job)
    db.session.commit()
    if building.never_queued(job):
        if building.built_now(session, kind):
            building.run_document_job(job.id, job.attempt)
        else:
            building.submit_job(job)
        db.session.refresh(job)
    if job.state is DocumentJobState.DONE and job.file is not None:
        return send_built(job)
    return redirect(url_for("reports.document_job", document_id=job.id))


def send_built(job: BuiltDocument):
    """The built document as a download; one whose file the storage lost is forgotten, so the
    next request builds it again."""
    try:
        data = get_storage().read(job.file.storage_key)
    except ObjectNotFound:
        building.forget_lost(job)
        flash(_("Tệp đã lập trước đây không còn; hãy tải lại để lập lại tài liệu."), "warning")
        return redirect(url_for("reports.session_documents", session_id=job.session_id))
    return send_generated(data, job.file.original_name, mimetype=job.file.mimetype)


@bp.route("/sessions/<int:session_id>/minutes.pdf")
@readers
def minutes_pdf(session_id: int):
    session = load_session(session_id)
    kind = "minutes-names" if request.args.get("names") == "1" else "minutes"
    return session_document(session, building.KINDS[kind])


@bp.route("/sessions/<int:session_id>/scores.xlsx")
@readers
def score_table(session_id: int):
    session = load_session(session_id)
    return session_document(session, building.KINDS["scores"])


def load_job(job_id: int) -> BuiltDocument:
    job = db.session.get(BuiltDocument, job_id) or abort(404)
    load_session(job.session_id)
    return job


def job_state(job: BuiltDocument) -> dict:
    return job_progress(
        job,
        url_for("reports.document_job_file", document_id=job.id),
        building.waiting_too_long(job),
    )


@bp.route("/documents/<int:document_id>")
@readers
def document_job(document_id: int):
    job = load_job(document_id)
    building.recover_stale(job)
    if wants_json():
        response = jsonify(job_state(job))
        response.headers["Cache-Control"] = "no-store"
        return response
    kind = building.kind_of(job)
    again = url_for(
        "reports.score_table" if kind.code == "scores" else "reports.minutes_pdf",
        session_id=job.session_id,
        **({"names": "1"} if kind.with_names else {}),
    )
    return render_template(
        "reports/document_job.html",
        job=job,
        kind=kind,
        session=db.session.get(CouncilSession, job.session_id),
        state=job_state(job),
        again=again,
    )


@bp.route("/documents/<int:document_id>/file")
@readers
def document_job_file(document_id: int):
    job = load_job(document_id)
    if job.state is not DocumentJobState.DONE or job.file is None:
        abort(404)
    return send_built(job)


# --- the result decision ----------------------------------------------------------------------


def new_draft_form(round_: EvaluationRound, candidates, **kwargs) -> DecisionForm:
    defaults = services.default_values(round_)
    form = DecisionForm(
        candidates,
        issuing_body=defaults.issuing_body,
        place=defaults.place,
        signer_title=defaults.signer_title,
        results=[result.id for result in candidates],
        **kwargs,
    )
    return form


@bp.route("/rounds/<int:round_id>/decisions", methods=["GET", "POST"])
@readers
def decisions(round_id: int):
    round_ = db.session.get(EvaluationRound, round_id) or abort(404)
    require(can_view_decisions(current_user, round_))
    manages = can_manage_decisions(current_user, round_)
    candidates = services.candidate_results(round_) if manages else []
    form = new_draft_form(round_, candidates) if manages else None
    if request.method == "POST":
        require(manages)
        if form.validate_on_submit():
            saved, decision = committed(
                form,
                lambda: services.create_draft(round_, form.values(), form.chosen(), current_user),
            )
            if saved:
                flash(_("Đã lập dự thảo quyết định."), "success")
                return redirect(url_for("reports.decision", decision_id=decision.id))
    return render_template(
        "reports/decisions.html",
        round=round_,
        decisions=services.decisions_of(round_),
        form=form,
        manages=manages,
        returned=services.returned_results(round_) if manages else [],
        recognised_only=load_rulebook(round_.rulebook_code).certificate.recognised_only,
    )


def committed(form, verb) -> tuple[bool, object]:
    """Run the service and commit: (True, what it returned); a refusal (or a number taken by
    a decision saved at the same moment) goes on the form and nothing is saved."""
    try:
        value = verb()
        db.session.commit()
    except Refusal as refusal:
        show_refusal(refusal, form)
    except IntegrityError:
        db.session.rollback()
        form.number.errors = [
            *form.number.errors,
            _("Số quyết định này vừa được dùng; hãy kiểm tra lại."),
        ]
    else:
        return True, value
    return False, None


def load_decision(decision_id: int) -> ResultDecision:
    decision = db.session.get(ResultDecision, decision_id) or abort(404)
    require(can_view_decisions(current_user, decision.round))
    return decision


def edit_form(decision: ResultDecision, **kwargs) -> DecisionForm:
    """The draft as saved (no `obj=`: its `results` are ORM rows, the form wants their ids)."""
    fields = ("issuing_body", "place", "signer_title", "signer_name", "number", "signed_on")
    return DecisionForm(
        services.candidate_results(decision.round, decision),
        results=[result.id for result in decision.results],
        **{name: getattr(decision, name) for name in fields},
        **kwargs,
    )


def render_decision_page(decision, form=None, issue_form=None):
    editable = can_edit_decision(current_user, decision)
    rulebook = load_rulebook(decision.round.rulebook_code)
    if editable:
        form = form or edit_form(decision)
        issue_form = issue_form or IssueForm(
            formdata=None, number=decision.number, signed_on=decision.signed_on
        )
    return render_template(
        "reports/decision.html",
        decision=decision,
        form=form if editable else None,
        issue_form=issue_form if editable else None,
        annex=annex_rows(decision),
        recognised_only=rulebook.certificate.recognised_only,
        classes_recognised=class_recognised_at(rulebook, decision.round.level_code),
        rulebook_reference=rulebook.reference,
    )


@bp.route("/rounds/<int:round_id>/criterion-scores.<any(csv, xlsx):kind>")
@readers
def criterion_scores(round_id: int, kind: str):
    """Every result of the round, member by member (by number) and criterion by criterion."""
    round_ = db.session.get(EvaluationRound, round_id) or abort(404)
    require(can_view_decisions(current_user, round_))
    rows = criterion_score_rows(round_.id)
    stem = f"diem-theo-tieu-chi-dot-{round_.id}"
    return export_response(kind, stem, _("Điểm theo tiêu chí"), criterion_columns(), rows)


@bp.route("/decisions/<int:decision_id>", methods=["GET", "POST"])
@readers
def decision(decision_id: int):
    decision = load_decision(decision_id)
    if request.method == "GET":
        return render_decision_page(decision)
    require(can_edit_decision(current_user, decision))
    form = edit_form(decision)
    if (
        form.validate_on_submit()
        and committed(
            form,
            lambda: services.update_draft(decision, form.values(), form.chosen(), current_user),
        )[0]
    ):
        flash(_("Đã lưu dự thảo quyết định."), "success")
        return redirect(url_for("reports.decision", decision_id=decision.id))
    return render_decision_page(decision, form=form)


@bp.route("/decisions/<int:decision_id>/decision.pdf")
@readers
def decision_pdf(decision_id: int):
    decision = load_decision(decision_id)
    name = "quyet-dinh-du-thao" if not decision.is_issued else "quyet-dinh"
    return send_generated(render_decision(decision), f"{name}-{decision.id}.pdf")


@bp.post("/decisions/<int:decision_id>/issue")
@secretariat
def issue_decision(decision_id: int):
    decision = load_decision(decision_id)
    require(can_manage_decisions(current_user, decision.round))
    form = IssueForm()
    if form.validate_on_submit():
        if not is_confirmed():
            confirmation = issue_confirmation_for(decision, form)
            if confirmation is not None:
                return ask(confirmation)
        elif committed(
            form,
            lambda: services.issue_decision(
                decision, form.number.data, form.signed_on.data, current_user
            ),
        )[0]:
            flash(_("Đã ghi nhận quyết định ban hành; kết quả đã được công bố."), "success")
            return redirect(url_for("reports.decision", decision_id=decision.id))
    decision = load_decision(decision_id)
    return render_decision_page(decision, issue_form=form)


def issue_confirmation_for(decision: ResultDecision, form: IssueForm):
    """What issuing will do, or None with the reason it would be refused on the form."""
    try:
        number = services.check_issuable(decision, form.number.data, form.signed_on.data)
    except Refusal as refusal:
        show_refusal(refusal, form)
        return None
    return issue_confirmation(decision, number, form.signed_on.data)
