"""The province's products from 90 points (26/2026 Điều 7.3.e): approval, the proposal to the
ministry, the documents of the bundle (Điều 6.3.a)."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from evalapp.advisory.document import report_pdf
from evalapp.auth.models import Role
from evalapp.common.access import require, roles
from evalapp.common.confirmation import ask, is_confirmed
from evalapp.common.downloads import send_generated
from evalapp.common.refusals import Refusal, show_refusal
from evalapp.extensions import db
from evalapp.proposals import bundle, documents, services
from evalapp.proposals.approving import approval_confirmation
from evalapp.proposals.forms import ApprovalForm, LetterForm
from evalapp.proposals.models import FiveStarProposal
from evalapp.proposals.permissions import can_propose, can_read_bundle
from evalapp.proposals.sending import send_confirmation
from evalapp.reports import building
from evalapp.reports.services import ReportsError
from evalapp.results.forwarding import check_forwardable, target_of
from evalapp.results.models import FinalResult
from evalapp.rounds.models import EvaluationRound

bp = Blueprint("proposals", __name__, url_prefix="/proposals")
secretariat = roles(Role.SECRETARY)


def bundle_of_dossier(dossier):
    """For the dossier page: (proposal, its bundle) when the dossier came with one and the
    reader may read it, else None."""
    proposal = services.proposal_of_dossier(dossier)
    if proposal is None or not can_read_bundle(current_user, proposal):
        return None
    return proposal, bundle.bundle_items(proposal)


bp.add_app_template_global(bundle_of_dossier, "proposal_bundle")


def letter_form(result: FinalResult, **kwargs) -> LetterForm:
    form = LetterForm(prefix=f"l{result.id}", **kwargs)
    try:
        rounds = target_of(result).rounds
    except Refusal:
        rounds = []
    form.round_id.choices = [(r.id, f"{r.name} · {r.unit.name}") for r in rounds]
    return form


def render_round(round_: EvaluationRound, forms: dict | None = None):
    forms = forms or {}
    rows = []
    for result in services.candidates(round_):
        proposal = result.five_star_proposal
        if proposal is None:
            form = forms.get(result.id) or ApprovalForm(prefix=f"a{result.id}", formdata=None)
        elif not proposal.is_sent:
            form = forms.get(result.id) or letter_form(result, formdata=None)
        else:
            form = None
        rows.append((result, proposal, form, bundle.bundle_items(proposal) if proposal else []))
    return render_template("proposals/round.html", round=round_, rows=rows)


def load_round(round_id: int) -> EvaluationRound:
    round_ = db.session.get(EvaluationRound, round_id) or abort(404)
    require(can_propose(current_user, round_))
    return round_


@bp.route("/rounds/<int:round_id>")
@secretariat
def round_proposals(round_id: int):
    return render_round(load_round(round_id))


def load_result(result_id: int) -> FinalResult:
    result = db.session.get(FinalResult, result_id) or abort(404)
    require(can_propose(current_user, result.round))
    return result


@bp.post("/results/<int:result_id>/approve")
@secretariat
def approve(result_id: int):
    result = load_result(result_id)
    form = ApprovalForm(prefix=f"a{result.id}")
    if form.validate_on_submit():
        try:
            if not is_confirmed():
                number, day = services.check_approvable(result, form.values())
                return ask(approval_confirmation(result, number, day))
            services.approve(result, form.values(), current_user)
            db.session.commit()
        except Refusal as refusal:
            show_refusal(refusal, form)
        else:
            flash(_("Đã ghi nhận quyết định phê duyệt kết quả."), "success")
            return redirect(url_for("proposals.round_proposals", round_id=result.round_id))
    return render_round(result.round, {result.id: form}), 400


@bp.post("/results/<int:result_id>/send")
@secretariat
def send(result_id: int):
    result = load_result(result_id)
    proposal = result.five_star_proposal or abort(404)
    form = letter_form(result)
    if form.validate_on_submit():
        round_ = db.session.get(EvaluationRound, form.round_id.data)
        try:
            if not is_confirmed():
                number, day = services.check_sendable(
                    proposal, form.letter_number.data, form.letter_on.data
                )
                return ask(send_confirmation(result, check_forwardable(result), number, day))
            services.send_to_ministry(
                proposal, form.letter_number.data, form.letter_on.data, current_user, round_
            )
            db.session.commit()
        except Refusal as refusal:
            show_refusal(refusal, form)
        else:
            flash(_("Đã gửi văn bản đề nghị và hồ sơ lên Bộ Nông nghiệp và Môi trường."), "success")
            return redirect(url_for("proposals.round_proposals", round_id=result.round_id))
    return render_round(result.round, {result.id: form}), 400


def load_proposal(proposal_id: int) -> FiveStarProposal:
    proposal = db.session.get(FiveStarProposal, proposal_id) or abort(404)
    require(can_read_bundle(current_user, proposal))
    return proposal


@bp.route("/<int:proposal_id>/approval.pdf")
@secretariat
def approval_pdf(proposal_id: int):
    proposal = load_proposal(proposal_id)
    return send_generated(
        documents.approval_pdf(proposal), f"quyet-dinh-phe-duyet-{proposal.id}.pdf"
    )


@bp.route("/<int:proposal_id>/letter.pdf")
@secretariat
def letter_pdf(proposal_id: int):
    proposal = load_proposal(proposal_id)
    return send_generated(documents.letter_pdf(proposal), f"van-ban-de-nghi-{proposal.id}.pdf")


@bp.route("/<int:proposal_id>/advisory-report.pdf")
@secretariat
def advisory_report_pdf(proposal_id: int):
    """The provincial advisory group's report, for those who read the bundle (Điều 6.3.a)."""
    proposal = load_proposal(proposal_id)
    report = bundle.submitted_advisory_report(proposal) or abort(404)
    return send_generated(report_pdf(report), f"bao-cao-to-tu-van-{proposal.id}.pdf")


@bp.route("/<int:proposal_id>/minutes.pdf")
@secretariat
def minutes_pdf(proposal_id: int):
    """The provincial council's report (its minutes, members by number) for the bundle."""
    proposal = load_proposal(proposal_id)
    try:
        data = building.document_bytes(proposal.result.item.session, building.KINDS["minutes"])
    except ReportsError as error:
        flash(str(error), "warning")
        return redirect(url_for("dossiers.show", dossier_id=proposal.result.dossier_id))
    return send_generated(data, f"bien-ban-hoi-dong-cap-tinh-{proposal.id}.pdf")
