"""Sending the written notice of each result of a decided round (26/2026 Điều 7.3.g: "thông báo
bằng văn bản về kết quả đánh giá, phân hạng cho UBND cấp xã và các chủ thể OCOP"; Điều 7.4.g:
the ministry notifies the province). Services never commit.

One notice per product (`notices.models`). A result is notified once it is settled at its level:
a class the level recognises once its recognition decision is issued (the notice cites it); a
province's result from 90 points once the chair of the provincial People's Committee has approved
it (Điều 7.3.e); any other result (1★, 2★, no class, excluded; at the centre below 90 points) as
soon as the council has finalised it — no decision and no certificate come for those (Điều 4.1.a).
"""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from evalapp.auth.models import Role, RoleGrant, User
from evalapp.common import audit
from evalapp.common.refusals import Refusal
from evalapp.common.time import local_today, utcnow
from evalapp.common.urls import absolute_url
from evalapp.dossiers.models import Dossier
from evalapp.dossiers.services import producer_users, record_event, staff_of
from evalapp.extensions import db
from evalapp.notices.models import ResultNotice
from evalapp.notifications.services import notify
from evalapp.reports.recognition import recognisable
from evalapp.results.models import FinalResult, Forwarding, ResultState
from evalapp.rounds.models import EvaluationRound
from evalapp.rules import five_star_proposal, load_rulebook
from evalapp.units.models import AdministrativeUnit


class NoticesError(Refusal):
    pass


def round_results(round_: EvaluationRound) -> list[FinalResult]:
    """The round's results in force, each with its dossier, product and notice."""
    query = (
        select(FinalResult)
        .where(FinalResult.round_id == round_.id, FinalResult.state == ResultState.FINALISED)
        .options(
            selectinload(FinalResult.dossier).selectinload(Dossier.product),
            selectinload(FinalResult.notice),
            selectinload(FinalResult.decision),
            selectinload(FinalResult.five_star_proposal),
        )
        .order_by(FinalResult.id)
        # Read afresh: after the lock of `send_notices`, another request's notices are seen.
        .execution_options(populate_existing=True)
    )
    return list(db.session.scalars(query))


def waiting_for(result: FinalResult) -> str:
    """ "" when the notice of `result` may be sent now, else what it waits for (for the user)."""
    if result.notice is not None:
        return _("Đã gửi thông báo.")
    if not result.is_current:
        return _("Kết quả đã được mở lại để đánh giá lại.")
    level = result.round.level_code
    if recognisable(result, level) and result.stars:
        if not result.is_published:
            return _(
                "Chờ quyết định công nhận được ban hành; thông báo ghi số quyết định "
                "(26/2026/QĐ-TTg, Điều 7.3.e)."
            )
        return ""
    proposed = five_star_proposal(load_rulebook(result.rulebook_code), level, result.score)
    if proposed and result.five_star_proposal is None:
        return _(
            "Sản phẩm từ 90 điểm: chờ Chủ tịch UBND cấp tỉnh phê duyệt kết quả "
            "(26/2026/QĐ-TTg, Điều 7.3.e)."
        )
    return ""


def next_number(unit_id: int, day: date) -> str:
    """ "<n>/TB-OCOP", n counting the unit's notices of the year from 1."""
    count = db.session.scalar(
        select(func.count(ResultNotice.id)).where(
            ResultNotice.unit_id == unit_id,
            ResultNotice.sent_on >= date(day.year, 1, 1),
            ResultNotice.sent_on <= date(day.year, 12, 31),
        )
    )
    return f"{count + 1}/TB-OCOP"


def pending_results(round_: EvaluationRound) -> list[FinalResult]:
    """The round's results that may be notified now and have no notice yet."""
    return [result for result in round_results(round_) if not waiting_for(result)]


def send_notices(round_: EvaluationRound, actor: User, today: date | None = None):
    """A notice for every result of the round that may be notified and has none yet.

    The unit's row is locked first (PostgreSQL), so two secretaries pressing the button at once
    send one set: the second waits, then finds the results notified, and the numbers follow on."""
    today = today or local_today()
    db.session.execute(
        select(AdministrativeUnit.id)
        .where(AdministrativeUnit.id == round_.unit_id)
        .with_for_update()
    )
    pending = pending_results(round_)
    if not pending:
        raise NoticesError(_("Không có kết quả nào chờ gửi thông báo."))
    return [send_one(result, actor, today) for result in pending]


def send_one(result: FinalResult, actor: User, today: date) -> ResultNotice:
    reason = waiting_for(result)
    if reason:
        raise NoticesError(reason)
    notice = ResultNotice(
        result=result,
        unit_id=result.round.unit_id,
        number=next_number(result.round.unit_id, today),
        sent_on=today,
        sent_by_id=getattr(actor, "id", None),
        sent_at=utcnow(),
        is_demo=result.is_demo,
    )
    db.session.add(notice)
    db.session.flush()
    db.session.expire(result, ["notice"])
    record_event(result.dossier, "result_notified", actor, details={"number": notice.number})
    audit.record("result.notified", result, actor=actor, after={"number": notice.number})
    tell_recipients(notice)
    return notice


def commune_officers(result: FinalResult) -> list[User]:
    commune_id = result.dossier.organisation.commune_id
    if commune_id is None:
        return []
    return list(
        db.session.scalars(
            select(User)
            .join(RoleGrant, RoleGrant.user_id == User.id)
            .where(User.unit_id == commune_id, RoleGrant.role == Role.COMMUNE_OFFICER)
        )
    )


def proposing_forwarding(result: FinalResult) -> Forwarding | None:
    """The forwarding that brought `result`'s dossier to its level (the province that proposed
    it to the ministry), if any."""
    return db.session.scalar(select(Forwarding).where(Forwarding.dossier_id == result.dossier_id))


def tell_recipients(notice: ResultNotice) -> None:
    """The producer (to their outcome page) and the commune's officers (Điều 7.3.g); for a
    result of the central council, the proposing province's secretariat too (Điều 7.4.g)."""
    result = notice.result
    product = result.dossier.product.name
    pdf = absolute_url("notices.pdf", notice_id=notice.id)
    subject = _l("Thông báo kết quả đánh giá, phân hạng sản phẩm OCOP")
    body = _l(
        "Thông báo số %(number)s: kết quả đánh giá, phân hạng sản phẩm %(product)s. "
        "Văn bản thông báo tải tại đường dẫn dưới đây.",
        number=notice.number,
        product=product,
    )
    notify(
        producer_users(result.dossier),
        subject,
        body,
        absolute_url("results.outcome", dossier_id=result.dossier_id),
    )
    notify(commune_officers(result), subject, body, pdf)
    forwarding = proposing_forwarding(result)
    if forwarding is not None:
        notify(
            staff_of(forwarding.from_unit, Role.SECRETARY),
            _l("Kết quả đánh giá của Hội đồng cấp trung ương"),
            _l(
                "Bộ Nông nghiệp và Môi trường thông báo kết quả đánh giá sản phẩm %(product)s "
                "(thông báo số %(number)s). Sản phẩm không đạt 90 điểm có thể được UBND cấp tỉnh "
                "xem xét công nhận 3 sao, 4 sao trên kết quả này (26/2026/QĐ-TTg, Điều 7.4.g).",
                product=product,
                number=notice.number,
            ),
            absolute_url("reports.decisions", round_id=forwarding.result.round_id),
        )


def notice_of_dossier(dossier: Dossier) -> ResultNotice | None:
    """The notice of the dossier's result in force, for the dossier page."""
    return db.session.scalar(
        select(ResultNotice)
        .join(FinalResult, FinalResult.id == ResultNotice.result_id)
        .where(FinalResult.dossier_id == dossier.id, FinalResult.state == ResultState.FINALISED)
    )
