"""The member's answer to a paper sheet the secretary imported on their behalf (issue 13): the
sheet counts only once the member confirms it in the application, which signs it as their own
act; or the member contests it with a reason, the secretary is told, and the sheet is cleared
back to an empty draft the member scores online. Services never commit."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from evalapp.auth.models import User
from evalapp.common import audit
from evalapp.common.urls import absolute_url
from evalapp.extensions import db
from evalapp.notifications.services import notify
from evalapp.scoring.models import ScoreSheet
from evalapp.scoring.services import ScoringError, check_writable, sign_sheet

REASON_LENGTH = 1000


def check_awaiting(sheet: ScoreSheet | None) -> ScoreSheet:
    if sheet is None or not sheet.awaits_member:
        raise ScoringError(_("Không có phiếu giấy nào đang chờ bạn xác nhận."))
    return sheet


def confirm_paper_sheet(sheet: ScoreSheet | None, expected_version: int | None, actor: User):
    """The member signs the imported sheet; `sign_sheet` refuses anyone but the member."""
    sheet = check_awaiting(sheet)
    entered_by = sheet.entered_by_id
    score = sign_sheet(sheet, expected_version, actor)
    audit.record(
        "sheet.paper_confirmed",
        sheet,
        actor=actor,
        after={"total": str(score.total), "entered_by_id": entered_by, "confirmed_by": "member"},
    )
    return score


def contest_paper_sheet(
    sheet: ScoreSheet | None, expected_version: int | None, reason: str, actor: User
) -> None:
    """The member refuses the imported sheet: it is cleared (the contested levels stay in the
    audit entry), stays unsigned, and the secretary who imported it is told why."""
    sheet = check_awaiting(sheet)
    if actor.id != sheet.member.user_id:
        raise ScoringError(_("Chỉ thành viên hội đồng mới ký được phiếu của mình."))
    reason = reason.strip()[:REASON_LENGTH]
    if not reason:
        raise ScoringError(_("Vui lòng nêu lý do phản đối phiếu giấy."))
    check_writable(sheet, expected_version)
    before = {"choices": dict(sheet.choices), "entered_by_id": sheet.entered_by_id}
    secretary = db.session.get(User, sheet.entered_by_id)
    sheet.choices, sheet.comments, sheet.overall_comment = {}, {}, ""
    sheet.entered_by_id = None
    db.session.flush()
    audit.record("sheet.paper_contested", sheet, actor=actor, before=before, note=reason)
    item = sheet.item
    notify(
        [secretary] if secretary else [],
        _l("Thành viên phản đối phiếu giấy đã nhập"),
        _l(
            "Thành viên số %(n)d (%(name)s) phản đối phiếu giấy đã nhập cho hồ sơ %(dossier)s; "
            "phiếu không được ký. Lý do: %(reason)s",
            n=sheet.member.number,
            name=actor.full_name,
            dossier=item.dossier.receipt_code or item.dossier.product.name,
            reason=reason,
        ),
        absolute_url("councils.session", session_id=item.session_id),
    )
