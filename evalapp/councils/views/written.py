"""A member's request for a meeting on a dossier decided by written opinions (26/2026 Điều 7.6.d)."""

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from evalapp.common.access import require
from evalapp.common.refusals import Refusal, show_refusal
from evalapp.councils import written
from evalapp.councils.forms import MeetingRequestForm
from evalapp.councils.models import AgendaItem
from evalapp.councils.permissions import can_ask_for_meeting
from evalapp.councils.views.blueprint import bp
from evalapp.councils.views.sessions import members_only
from evalapp.extensions import db


@bp.post("/items/<int:item_id>/meeting-request")
@members_only
def ask_for_meeting(item_id: int):
    item = db.session.get(AgendaItem, item_id) or abort(404)
    require(can_ask_for_meeting(current_user, item))
    form = MeetingRequestForm(prefix=f"meeting-{item.id}")
    back = redirect(
        url_for("councils.session", session_id=item.session_id, _anchor=f"item-{item.id}")
    )
    if not form.validate_on_submit():
        flash(_("Vui lòng ghi lý do đề nghị họp."), "danger")
        return back
    member = item.session.council.member_for(current_user)
    try:
        written.ask_for_meeting(item, member, form.reason.data, current_user)
    except Refusal as refusal:
        show_refusal(refusal)
    else:
        db.session.commit()
        flash(_("Đã gửi đề nghị họp tới Chủ tịch Hội đồng."), "success")
    return back
