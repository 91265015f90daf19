"""The member's sheet: scoring, autosave, signing; the advisory group's notes."""

from flask import (
    abort,
    flash,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from evalapp.auth.models import Role
from evalapp.common import audit
from evalapp.common.access import require, roles
from evalapp.common.commits import commit_and_answer
from evalapp.common.confirmation import ask, is_confirmed
from evalapp.common.i18n import format_clock
from evalapp.common.refusals import Refusal, show_refusal
from evalapp.common.time import utcnow
from evalapp.councils import seats
from evalapp.councils.models import AgendaItem, CouncilMember
from evalapp.councils.permissions import can_write_advisory_notes
from evalapp.dossiers.claims import claims_by_criterion, with_changes
from evalapp.extensions import db
from evalapp.rules import CriteriaSheet, load_rulebook
from evalapp.scoring import forms, queries, services
from evalapp.scoring.permissions import can_score
from evalapp.scoring.sheet_page import ceiling_text, differences, render_sheet
from evalapp.scoring.sign_confirmation import sign_confirmation
from evalapp.scoring.views.blueprint import bp

member_only = roles(Role.COUNCIL_MEMBER, Role.COUNCIL_CHAIR)
# A version no sheet has: a copy that does not say which version it edits is treated as stale.
UNKNOWN_VERSION = -1


def load_for_scoring(item_id: int) -> tuple[AgendaItem, CouncilMember, CriteriaSheet]:
    """The dossier, the user's own seat (never another member's) and its criteria sheet; a
    scoring member who has not declared, or declared a conflict, is refused with the way back."""
    item = queries.item_for_scoring(item_id) or abort(404)
    member = seats.scoring_seat(current_user, item)
    require(member is not None)
    if not can_score(current_user, item):
        abort(refuse_undeclared(item))
    try:
        return item, member, services.criteria_sheet(item)
    except services.ScoringError:
        abort(404)


def refuse_undeclared(item: AgendaItem):
    db.session.rollback()
    audit.record("access.denied", note=f"{request.method} {request.path} (object check)")
    db.session.commit()
    return make_response(render_template("scoring/not_cleared.html", item=item), 403)


def own_sheet(item: AgendaItem, member: CouncilMember) -> tuple:
    """The member's sheet of the current round, created the first time they open it while they
    may score; otherwise the existing sheet (or none) and why it cannot change."""
    sheet = services.sheet_of(item, member)
    if sheet is not None:
        return sheet, None
    try:
        sheet = services.open_sheet(item, member, current_user)
    except services.ScoringError as error:
        db.session.rollback()
        return None, str(error)
    db.session.commit()
    return sheet, None


@bp.route("/items/<int:item_id>", methods=["GET", "POST"])
@member_only
def sheet(item_id: int):
    item, member, criteria = load_for_scoring(item_id)
    if request.method == "POST":
        return save_from_form(item, member, criteria)
    score_sheet, refusal = own_sheet(item, member)
    return render_sheet(item, member, criteria, score_sheet, error=refusal)


def save_from_form(item: AgendaItem, member: CouncilMember, criteria: CriteriaSheet):
    """Saves the draft; "Ký phiếu" first asks for confirmation (the draft is kept meanwhile) and
    signs only when posted again with `confirmed=1`. A confirmed signature sent again (its
    answer lost, or the form posted twice) on the sheet it signed is answered as signed."""
    entered = forms.from_form(request.form, criteria)
    signing = request.form.get("action") == "sign"
    if signing and is_confirmed() and signed_as_sent(item, member, entered):
        flash(_("Đã ký phiếu chấm điểm."), "success")
        return redirect(url_for("scoring.sheet", item_id=item.id))
    try:
        sheet, _score = save(item, member, entered)
        if signing and not is_confirmed():
            confirmation = sign_confirmation(item, sheet, criteria)
            return commit_and_answer(
                ask(confirmation, action=url_for("scoring.sheet", item_id=item.id))
            )
        if signing:
            services.sign_sheet(sheet, sheet.version, current_user)
    except services.SheetChanged:
        return refuse_changed(item, member, criteria, entered)
    except services.ScoringError as error:
        db.session.rollback()
        saved = services.sheet_of(item, member)
        return render_sheet(
            item, member, criteria, saved, entered=entered, error=str(error), status=422
        )
    return commit_and_answer(
        redirect(url_for("scoring.sheet", item_id=item.id)),
        _("Đã ký phiếu chấm điểm.") if signing else _("Đã lưu nháp phiếu chấm điểm."),
    )


def signed_as_sent(item: AgendaItem, member: CouncilMember, entered: forms.SheetInput) -> bool:
    sheet = services.sheet_of(item, member)
    draft = services.written_draft(entered.choices, entered.comments, entered.overall)
    return (
        sheet is not None and sheet.is_signed and services.holds_draft(sheet, draft, current_user)
    )


def save(item: AgendaItem, member: CouncilMember, entered: forms.SheetInput):
    sheet = services.sheet_of(item, member) or services.open_sheet(item, member, current_user)
    version = UNKNOWN_VERSION if entered.version is None else entered.version
    score = services.save_draft(
        sheet, entered.choices, entered.comments, entered.overall, version, current_user
    )
    return sheet, score


def refuse_changed(item, member, criteria, entered: forms.SheetInput):
    """Show what the saved sheet says where it differs; the member's copy stays in the form and
    the next save (with the saved sheet's version) is a deliberate choice."""
    db.session.rollback()
    saved = services.sheet_of(item, member)
    changed = differences(criteria, saved.choices, entered.choices)
    message = _(
        "Phiếu vừa được lưu ở nơi khác (một thẻ trình duyệt khác). Hãy xem lại các khác biệt "
        "dưới đây; bấm “Lưu nháp” để giữ bản của bạn."
    )
    return render_sheet(
        item, member, criteria, saved, entered=entered, changed=changed, error=message, status=409
    )


@bp.post("/items/<int:item_id>/autosave")
@member_only
def autosave(item_id: int):
    item, member, criteria = load_for_scoring(item_id)
    entered = forms.from_json(request.get_json(silent=True), criteria)
    if entered is None:
        return jsonify(error=_("Dữ liệu gửi lên không đúng dạng phiếu chấm điểm.")), 400
    try:
        sheet, score = save(item, member, entered)
        answer = saved_answer(item, criteria, sheet, score)
    except (services.SheetChanged, StaleDataError):
        db.session.rollback()
        saved = services.sheet_of(item, member)
        changed = differences(criteria, saved.choices, entered.choices)
        return jsonify(
            error=_("Phiếu vừa được lưu ở nơi khác (một thẻ trình duyệt khác)."),
            version=saved.version,
            differences=[d.__dict__ for d in changed],
        ), 409
    except services.ScoringError as error:
        db.session.rollback()
        closed = not db.session.get(AgendaItem, item_id).session.accepts_scores(utcnow())
        return jsonify(error=str(error)), 423 if closed else 422
    return commit_and_answer(answer)


def saved_answer(item: AgendaItem, criteria: CriteriaSheet, sheet, score):
    """The autosave's answer, made before the commit: the version the next save sends, the clock
    time and the totals."""
    rulebook = load_rulebook(item.dossier.round.rulebook_code)
    return jsonify(
        version=sheet.version,
        saved_at=format_clock(sheet.updated_at),
        total=str(score.total),
        parts={code: str(points) for code, points in score.parts.items()},
        ceiling=ceiling_text(rulebook, criteria, sheet.choices),
    )


@bp.route("/items/<int:item_id>/advisory", methods=["GET", "POST"])
@roles(Role.ADVISORY_MEMBER)
def advisory(item_id: int):
    """The advisory group's notes per criterion, which members read while they score."""
    item = db.session.get(AgendaItem, item_id) or abort(404)
    require(can_write_advisory_notes(current_user, item))
    member = seats.advisory_seat(current_user, item)
    criteria = criteria_or_404(item)
    if request.method == "POST":
        try:
            services.save_advisory_notes(item, member, notes_from_form(criteria), current_user)
        except Refusal as refusal:
            show_refusal(refusal)
        else:
            return commit_and_answer(
                redirect(url_for("scoring.advisory", item_id=item.id)),
                _("Đã lưu ghi chú tư vấn."),
            )
    notes = {n.criterion_code: n.note for n in services.advisory_notes_of(item, member)}
    return render_template(
        "scoring/advisory.html",
        item=item,
        dossier=item.dossier,
        sheet=criteria,
        rulebook=load_rulebook(item.dossier.round.rulebook_code),
        notes=notes,
        note_field=NOTE_FIELD,
        claims=claims_by_criterion(item.dossier, criteria),
        with_changes=with_changes(item.dossier),
    )


NOTE_FIELD = "note-"


def criteria_or_404(item: AgendaItem) -> CriteriaSheet:
    try:
        return services.criteria_sheet(item)
    except services.ScoringError:
        abort(404)


def notes_from_form(criteria: CriteriaSheet) -> dict[str, str]:
    """The note boxes posted, one per leaf criterion of the sheet (other fields ignored)."""
    return {
        leaf.code: request.form[NOTE_FIELD + leaf.code]
        for leaf in criteria.leaves
        if NOTE_FIELD + leaf.code in request.form
    }
