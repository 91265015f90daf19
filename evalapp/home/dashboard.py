"""What each signed-in user finds on their home page, by role."""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
from flask_babel import lazy_gettext as _l

from evalapp.auth.models import Role, User


@dataclass(frozen=True)
class Card:
    title: str
    text: str
    url: str
    icon: str


def dashboard_cards(user: User) -> list[Card]:
    cards = []
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
            _l("Các quyết định, thang xếp hạng sao và phiếu chấm điểm theo từng nhóm sản phẩm."),
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
