"""The paper path: blank sheets to print or fill in Excel, filled XLSX sheets imported by the
secretary on a member's behalf (awaiting the member's confirmation), and the member's answer:
confirm (sign) or contest."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.file import FileField
from sqlalchemy.orm.exc import StaleDataError
from wtforms import StringField, SubmitField

from evalapp.auth.models import Role
from evalapp.common.access import require, roles
from evalapp.common.commits import commit_and_answer
from evalapp.common.confirmation import ask, is_confirmed
from evalapp.common.downloads import send_generated
from evalapp.common.forms import Form, max_length, required
from evalapp.common.pdf import render_document
from evalapp.common.refusals import Refusal, show_refusal
from evalapp.common.uploads import check_upload
from evalapp.councils.models import AgendaItem, CouncilMember
from evalapp.councils.permissions import can_manage_council
from evalapp.extensions import db
from evalapp.scoring import offline, paper
from evalapp.scoring.services import ScoringError, check_writable, criteria_sheet, sheet_of
from evalapp.scoring.sheet_page import render_sheet
from evalapp.scoring.sign_confirmation import paper_confirmation
from evalapp.scoring.views.blueprint import bp
from evalapp.scoring.views.sheets import UNKNOWN_VERSION, load_for_scoring, member_only

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_XLSX_MB = 5


class PaperImportForm(Form):
    file = FileField(_l("Phiếu đã điền (tệp Excel .xlsx)"))
    # No "the member confirmed" box: only the member confirms, in the application (issue 13).
    note = StringField(
        _l("Ghi chú của thư ký"),
        description=_l(
            "Ví dụ: phiếu giấy nhận tại phiên họp. Phiếu chỉ được tính khi thành viên xác nhận "
            "trong hệ thống."
        ),
        validators=[required(), max_length(500)],
    )
    submit = SubmitField(_l("Nhập phiếu"))


def load_seat(item_id: int, member_id: int) -> tuple[AgendaItem, CouncilMember]:
    """The agenda dossier (its council managed by the current user) and one of its scorers."""
    item = db.session.get(AgendaItem, item_id) or abort(404)
    require(can_manage_council(current_user, item.session.council))
    member = db.session.get(CouncilMember, member_id)
    if member is None or member.council_id != item.session.council_id or not member.position.scores:
        abort(404)
    return item, member


def sheet_or_refusal(item: AgendaItem):
    try:
        return criteria_sheet(item)
    except ScoringError as error:
        flash(str(error), "danger")
        return None


def file_stem(facts: dict) -> str:
    code = facts["receipt_code"] or f"hs{facts['dossier_id']}"
    return f"phieu-cham-{code}-tv{facts['member_number']}-vong{facts['scoring_round']}"


@bp.route("/items/<int:item_id>/members/<int:member_id>/sheet.xlsx")
@roles(Role.SECRETARY)
def blank_sheet_xlsx(item_id: int, member_id: int):
    item, member = load_seat(item_id, member_id)
    criteria = sheet_or_refusal(item) or abort(404)
    facts = offline.sheet_facts(item, member)
    return send_generated(
        offline.blank_xlsx(facts, criteria), f"{file_stem(facts)}.xlsx", mimetype=XLSX
    )


@bp.route("/items/<int:item_id>/members/<int:member_id>/sheet.pdf")
@roles(Role.SECRETARY)
def blank_sheet_pdf(item_id: int, member_id: int):
    item, member = load_seat(item_id, member_id)
    criteria = sheet_or_refusal(item) or abort(404)
    facts = offline.sheet_facts(item, member)
    pdf = render_document(
        "scoring/offline_sheet_pdf.html",
        facts=facts,
        sheet_name=criteria.name.vi,
        exclusion=criteria.exclusion.vi if criteria.exclusion else "",
        star_note=criteria.star_note.vi if criteria.star_note else "",
        parts=offline.pdf_parts(criteria),
    )
    return send_generated(pdf, f"{file_stem(facts)}.pdf")


def read_upload(form: PaperImportForm, item: AgendaItem, member: CouncilMember):
    """The filled sheet, or None with the reasons on the form."""
    if not form.file.data:
        form.file.errors.append(_("Vui lòng chọn tệp phiếu đã điền."))
        return None
    try:
        checked = check_upload(form.file.data, ["xlsx"], MAX_XLSX_MB)
        facts = offline.sheet_facts(item, member)
        return offline.read_filled(checked.data, facts, criteria_sheet(item))
    except offline.ImportRefused as refusal:
        form.file.errors.extend(refusal.errors)
    except Refusal as refusal:  # the upload's or the sheet's
        show_refusal(refusal, form, fallback="file")
    return None


@bp.route("/items/<int:item_id>/members/<int:member_id>/import", methods=["GET", "POST"])
@roles(Role.SECRETARY)
def import_sheet(item_id: int, member_id: int):
    item, member = load_seat(item_id, member_id)
    form = PaperImportForm()
    if form.validate_on_submit() and (paper := read_upload(form, item, member)):
        try:
            offline.record_paper_sheet(item, member, paper, form.note.data.strip(), current_user)
        except Refusal as refusal:
            show_refusal(refusal, form, fallback="file")
        else:
            return commit_and_answer(
                redirect(url_for("councils.session", session_id=item.session_id)),
                _(
                    "Đã nhập phiếu giấy của thành viên số %(n)d; phiếu chờ thành viên xác nhận "
                    "trong hệ thống.",
                    n=member.number,
                ),
            )
    signed = sheet_of(item, member)
    return render_template(
        "scoring/offline_import.html", item=item, member=member, form=form, existing=signed
    )


def posted_version() -> int:
    value = request.form.get("version", "")
    return int(value) if value.isdigit() else UNKNOWN_VERSION


def answer_paper(item_id: int, answer, done: str, category: str):
    """Run the member's `answer` on their awaiting sheet; a refusal re-shows the sheet page."""
    item, member, criteria = load_for_scoring(item_id)
    try:
        answer(sheet_of(item, member))
    except (ScoringError, StaleDataError) as error:
        db.session.rollback()
        message = str(error) if isinstance(error, ScoringError) else None
        sheet = sheet_of(item, member)
        return render_sheet(item, member, criteria, sheet, error=message, status=422)
    return commit_and_answer(redirect(url_for("scoring.sheet", item_id=item.id)), done, category)


def ask_paper_confirmation(item_id: int):
    item, member, criteria = load_for_scoring(item_id)
    try:
        sheet = paper.check_awaiting(sheet_of(item, member))
        check_writable(sheet, posted_version())
    except ScoringError as error:
        sheet = sheet_of(item, member)
        return render_sheet(item, member, criteria, sheet, error=str(error), status=422)
    return ask(paper_confirmation(item, sheet, criteria))


@bp.post("/items/<int:item_id>/paper/confirm")
@member_only
def confirm_paper(item_id: int):
    """The member's own signature of the imported paper sheet, once they have read what signing
    means (posted again with `confirmed=1`)."""
    if not is_confirmed():
        return ask_paper_confirmation(item_id)
    return answer_paper(
        item_id,
        lambda sheet: paper.confirm_paper_sheet(sheet, posted_version(), current_user),
        _("Bạn đã xác nhận và ký phiếu giấy do thư ký nhập."),
        "success",
    )


@bp.post("/items/<int:item_id>/paper/contest")
@member_only
def contest_paper(item_id: int):
    """The member refuses the imported paper sheet, with a reason for the secretary."""
    reason = request.form.get("reason", "")
    return answer_paper(
        item_id,
        lambda sheet: paper.contest_paper_sheet(sheet, posted_version(), reason, current_user),
        _("Đã gửi phản đối cho thư ký; phiếu không được ký. Bạn có thể chấm trực tuyến."),
        "info",
    )
