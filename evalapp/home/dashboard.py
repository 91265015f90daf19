"""What each signed-in user finds on their home page, by role."""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from evalapp.auth.models import Role, User
from evalapp.common.time import local_today
from evalapp.rules import rulebook_for_date


@dataclass(frozen=True)
class Card:
    title: str
    text: str
    url: str
    icon: str


def producer_cards() -> list[Card]:
    return [
        Card(
            _l("Hồ sơ của tôi"),
            _l("Tạo, hoàn thiện, nộp hồ sơ OCOP và theo dõi trạng thái xử lý."),
            url_for("dossiers.mine"),
            "folder2-open",
        ),
        Card(
            _l("Sản phẩm"),
            _l("Thông tin, nhóm sản phẩm và hình ảnh các sản phẩm của tổ chức."),
            url_for("producers.products"),
            "basket",
        ),
        Card(
            _l("Tổ chức"),
            _l("Thông tin chủ thể, người đại diện và tài khoản thành viên."),
            url_for("producers.organisation"),
            "building",
        ),
    ]


def staff_cards(user: User) -> list[Card]:
    cards = [
        Card(
            _l("Tiếp nhận hồ sơ"),
            _l("Hồ sơ chờ tiếp nhận, kiểm tra, yêu cầu bổ sung và thời hạn xử lý."),
            url_for("dossiers.intake"),
            "inbox",
        )
    ]
    if user.has_role(Role.SECRETARY):
        cards += [
            Card(
                _l("Đợt đánh giá"),
                _l("Mở đợt đánh giá, thời hạn nhận hồ sơ và thời gian chấm điểm."),
                url_for("rounds.index"),
                "calendar-range",
            ),
            Card(
                _l("Chủ thể OCOP"),
                _l("Các tổ chức trên địa bàn; tạo mới và mời người dùng."),
                url_for("producers.staff_organisations"),
                "buildings",
            ),
        ]
    return cards


def dashboard_cards(user: User) -> list[Card]:
    cards = []
    if user.has_role(Role.PRODUCER) and user.organisation_id:
        cards += producer_cards()
    if user.has_any_role(Role.SECRETARY, Role.COMMUNE_OFFICER):
        cards += staff_cards(user)
    if user.has_role(Role.SECRETARY):
        cards.append(
            Card(
                _l("Hội đồng đánh giá"),
                _l("Thành lập hội đồng, lên lịch phiên họp, điểm danh và theo dõi chấm điểm."),
                url_for("councils.index"),
                "people-fill",
            )
        )
    if user.has_any_role(Role.COUNCIL_MEMBER, Role.COUNCIL_CHAIR, Role.ADVISORY_MEMBER):
        cards.append(
            Card(
                _l("Phiên họp của tôi"),
                _l("Khai báo xung đột lợi ích, nghiên cứu hồ sơ và chấm điểm độc lập."),
                url_for("councils.my_sessions"),
                "clipboard-check",
            )
        )
    if user.has_role(Role.ADMIN):
        cards += [
            Card(
                _l("Người dùng"),
                _l("Tạo tài khoản, gán vai trò và đơn vị, khóa tài khoản."),
                url_for("admin.users"),
                "people",
            ),
            Card(
                _l("Đơn vị hành chính"),
                _l("Trung ương, tỉnh, huyện, xã và các cơ quan trực thuộc."),
                url_for("units.index"),
                "diagram-3",
            ),
        ]
    cards.append(
        Card(
            _l("Bộ tiêu chí OCOP"),
            _(
                "Đang áp dụng %(reference)s. Các quyết định, thang xếp hạng sao và phiếu chấm "
                "điểm theo từng nhóm sản phẩm.",
                reference=rulebook_for_date(local_today()).reference,
            ),
            url_for("rulebooks.index"),
            "journal-text",
        )
    )
    cards.append(
        Card(
            _l("Đổi mật khẩu"),
            _l("Đổi mật khẩu sẽ kết thúc các phiên đăng nhập khác."),
            url_for("auth.change_password"),
            "key",
        )
    )
    return cards
