"""What the chair reads before finalising a result or opening a re-scoring round, the other of
chair and secretary before reopening a result, and the secretariat before forwarding one to the
next level (issue 14): what will happen and to whom. Only reads; the service does the act once
confirmed."""

from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _

from evalapp.auth.models import Role
from evalapp.common.confirmation import Confirmation, names
from evalapp.common.i18n import format_score
from evalapp.councils import seats
from evalapp.councils.models import AgendaItem
from evalapp.dossiers.transitions import producer_users, staff_of
from evalapp.results.forwarding import Target
from evalapp.results.live import LiveResult
from evalapp.results.models import FinalResult, ResultReopening
from evalapp.rounds.models import EvaluationRound
from evalapp.scoring import services as scoring


def class_text(live: LiveResult) -> str:
    stars = live.product.stars
    return _("Đạt %(n)d sao", n=stars) if stars else _("không đạt hạng sao")


def finalise_confirmation(item: AgendaItem, live: LiveResult) -> Confirmation:
    dossier = item.dossier
    acting = seats.acting_chair(item)
    people = [_("Chủ tịch: %(name)s", name=n) for n in names([acting] if acting else [])]
    people += [
        _("Thư ký: %(name)s", name=n) for n in names(staff_of(dossier.round.unit, Role.SECRETARY))
    ]
    return Confirmation(
        title=_("Chốt kết quả: %(product)s", product=dossier.product.name),
        consequences=[
            _(
                "Kết quả của hồ sơ %(code)s sẽ được chốt: %(score)s điểm, %(class)s.",
                code=dossier.receipt_code or dossier.id,
                score=format_score(live.product.score),
                **{"class": class_text(live)},
            ),
            _("Kết quả được lưu cố định cùng các phiếu và bộ tiêu chí; không còn nhận phiếu mới."),
            _(
                "Không thể sửa nếu không mở lại theo quy định: Chủ tịch hoặc Thư ký đề nghị "
                "có lý do, người kia quyết định."
            ),
            _("Nhà sản xuất chỉ thấy kết quả khi quyết định công nhận được ban hành."),
        ],
        people=people,
        button=_("Xác nhận chốt kết quả"),
        back_url=url_for("results.show", item_id=item.id),
    )


def rescoring_confirmation(item: AgendaItem, live: LiveResult) -> Confirmation:
    members = scoring.expected_scorers(item)
    return Confirmation(
        title=_("Mở vòng chấm lại: %(product)s", product=item.dossier.product.name),
        consequences=[
            _(
                "Vòng chấm lại %(n)d sẽ được mở; các phiếu đã ký ở vòng %(previous)d không còn "
                "được tính vào kết quả.",
                n=item.scoring_round + 1,
                previous=item.scoring_round,
            ),
            _(
                "Mỗi thành viên chấm điểm nhận thông báo và chấm lại hồ sơ từ đầu "
                "(phiếu vòng trước chỉ để tham khảo)."
            ),
            _("Không thể huỷ vòng chấm lại sau khi đã mở."),
        ],
        people=[_("Thành viên: %(name)s", name=n) for n in names(members)],
        button=_("Xác nhận mở vòng chấm lại"),
        back_url=url_for("results.show", item_id=item.id),
    )


def reopening_confirmation(result: FinalResult, reopening: ResultReopening) -> Confirmation:
    dossier = result.dossier
    acting = seats.acting_chair(result.item)
    consequences = [
        _(
            "Kết quả đã chốt của hồ sơ %(code)s (%(product)s, %(score)s điểm) được mở lại; hồ sơ "
            "trở về hội đồng và Chủ tịch phải chốt lại kết quả.",
            code=dossier.receipt_code or dossier.id,
            product=dossier.product.name,
            score=format_score(result.score),
        ),
        _("Lý do: %(reason)s", reason=reopening.reason),
        _("Không thể huỷ việc mở lại; kết quả cũ chỉ còn được lưu để đối chiếu."),
    ]
    if result.decision is not None:
        consequences.append(_("Kết quả được gỡ khỏi dự thảo quyết định công nhận đang soạn."))
    people = [_("Người đề nghị: %(name)s", name=n) for n in names([reopening.requested_by])]
    people += [_("Chủ tịch: %(name)s", name=n) for n in names([acting] if acting else [])]
    people += [
        _("Thư ký: %(name)s", name=n) for n in names(staff_of(dossier.round.unit, Role.SECRETARY))
    ]
    return Confirmation(
        title=_("Mở lại kết quả: %(product)s", product=dossier.product.name),
        consequences=consequences,
        people=people,
        button=_("Xác nhận mở lại kết quả"),
        back_url=url_for("results.show", item_id=result.item_id),
    )


def forward_confirmation(
    result: FinalResult, target: Target, round_: EvaluationRound
) -> Confirmation:
    dossier = result.dossier
    people = [
        _("Thư ký %(unit)s: %(name)s", unit=target.unit.name, name=n)
        for n in names(staff_of(target.unit, Role.SECRETARY))
    ]
    people += [_("Nhà sản xuất: %(name)s", name=n) for n in names(producer_users(dossier))]
    return Confirmation(
        title=_("Đề xuất lên cấp trên: %(product)s", product=dossier.product.name),
        consequences=[
            _(
                "Sản phẩm %(product)s của %(producer)s (%(score)s điểm) được đề xuất lên "
                "%(unit)s, đợt %(round)s: một hồ sơ mới, mang theo hồ sơ và phiếu tự đánh giá "
                "của nhà sản xuất, vào hàng chờ tiếp nhận của cấp trên.",
                product=dossier.product.name,
                producer=dossier.organisation.name,
                score=format_score(result.score),
                unit=target.unit.name,
                round=round_.name,
            ),
            _(
                "Không thể rút lại việc đề xuất; kết quả này không còn mở lại được. Thư ký cấp "
                "trên và nhà sản xuất được thông báo."
            ),
        ],
        people=people,
        button=_("Xác nhận đề xuất lên cấp trên"),
        back_url=url_for("results.show", item_id=result.item_id),
        overrides={"round_id": str(round_.id)},
    )
