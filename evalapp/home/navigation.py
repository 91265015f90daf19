"""The pages a user can go to from anywhere: each defined once (endpoint, icon, label, who sees
it, and what its home-page card says), listed in the navigation bar and as cards on the home page
in the orders below. Who sees an entry decides both, so the bar and the cards cannot drift."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from evalapp.auth.models import Role
from evalapp.common.time import local_today
from evalapp.rules import rulebook_for_date

COUNCIL_SEATS = (Role.COUNCIL_MEMBER, Role.COUNCIL_CHAIR, Role.ADVISORY_MEMBER)


def everyone(user) -> bool:
    return True


def signed_in(user) -> bool:
    return user.is_authenticated


def producer_with_organisation(user) -> bool:
    return user.has_role(Role.PRODUCER) and bool(user.organisation_id)


def intake_staff(user) -> bool:
    return user.has_any_role(Role.SECRETARY, Role.COMMUNE_OFFICER)


def secretary(user) -> bool:
    return user.has_role(Role.SECRETARY)


def council_seat_holder(user) -> bool:
    return user.has_any_role(*COUNCIL_SEATS)


def advisory_member(user) -> bool:
    return user.has_role(Role.ADVISORY_MEMBER)


def admin(user) -> bool:
    return user.has_role(Role.ADMIN)


def rulebooks_blurb() -> str:
    return _(
        "Đang áp dụng %(reference)s. Các quyết định, thang xếp hạng sao và phiếu chấm "
        "điểm theo từng nhóm sản phẩm.",
        reference=rulebook_for_date(local_today()).reference,
    )


@dataclass(frozen=True)
class Entry:
    endpoint: str
    icon: str  # a Bootstrap Icons name, without "bi-"
    label: str  # in the navigation bar
    shown_to: Callable[[object], bool]
    blurb: str | Callable[[], str] = ""  # the card's text
    card_title: str = ""  # when the card says more than the bar

    @property
    def title(self) -> str:
        return self.card_title or self.label

    @property
    def text(self) -> str:
        return self.blurb() if callable(self.blurb) else self.blurb


ENTRIES = {
    entry.endpoint: entry
    for entry in (
        Entry("home.index", "house", _l("Trang chủ"), everyone),
        Entry(
            "rulebooks.index",
            "journal-text",
            _l("Bộ tiêu chí"),
            everyone,
            rulebooks_blurb,
            _l("Bộ tiêu chí OCOP"),
        ),
        Entry("registry.index", "patch-check", _l("Sản phẩm OCOP"), everyone),
        Entry("registry.lookup", "qr-code-scan", _l("Tra cứu giấy chứng nhận"), everyone),
        Entry(
            "dossiers.mine",
            "folder2-open",
            _l("Hồ sơ của tôi"),
            producer_with_organisation,
            _l("Tạo, hoàn thiện, nộp hồ sơ OCOP và theo dõi trạng thái xử lý."),
        ),
        Entry(
            "producers.products",
            "basket",
            _l("Sản phẩm"),
            producer_with_organisation,
            _l("Thông tin, nhóm sản phẩm và hình ảnh các sản phẩm của tổ chức."),
        ),
        Entry(
            "producers.organisation",
            "building",
            _l("Tổ chức"),
            producer_with_organisation,
            _l("Thông tin chủ thể, người đại diện và tài khoản thành viên."),
        ),
        Entry(
            "dossiers.intake",
            "inbox",
            _l("Tiếp nhận hồ sơ"),
            intake_staff,
            _l("Hồ sơ chờ tiếp nhận, kiểm tra, yêu cầu bổ sung và thời hạn xử lý."),
        ),
        Entry(
            "rounds.index",
            "calendar-range",
            _l("Đợt đánh giá"),
            secretary,
            _l("Mở đợt đánh giá, thời hạn nhận hồ sơ và thời gian chấm điểm."),
        ),
        Entry(
            "producers.staff_organisations",
            "buildings",
            _l("Chủ thể OCOP"),
            secretary,
            _l("Các tổ chức trên địa bàn; tạo mới và mời người dùng."),
        ),
        Entry(
            "producers.verification_queue",
            "patch-check",
            _l("Tổ chức chờ xác minh"),
            intake_staff,
            _l("Giấy chứng nhận đăng ký chờ đối chiếu và khiếu nại về mã số thuế."),
        ),
        Entry(
            "councils.index",
            "people-fill",
            _l("Hội đồng đánh giá"),
            secretary,
            _l("Thành lập hội đồng, lên lịch phiên họp, điểm danh và theo dõi chấm điểm."),
        ),
        Entry("certificates.index", "award", _l("Giấy chứng nhận"), secretary),
        Entry(
            "councils.my_sessions",
            "clipboard-check",
            _l("Phiên họp của tôi"),
            council_seat_holder,
            _l("Khai báo xung đột lợi ích, nghiên cứu hồ sơ và chấm điểm độc lập."),
        ),
        Entry(
            "advisory.queue",
            "clipboard2-pulse",
            _l("Hồ sơ tư vấn"),
            advisory_member,
            _l("Hồ sơ được phân công: đánh giá hồ sơ, khảo sát thực tế, kiểm nghiệm và báo cáo."),
            _l("Hồ sơ Tổ tư vấn"),
        ),
        Entry(
            "admin.users",
            "people",
            _l("Người dùng"),
            admin,
            _l("Tạo tài khoản, gán vai trò và đơn vị, khóa tài khoản."),
        ),
        Entry(
            "admin.units",
            "diagram-3",
            _l("Đơn vị"),
            admin,
            _l("Trung ương, tỉnh, huyện, xã và các cơ quan trực thuộc."),
            _l("Đơn vị hành chính"),
        ),
        Entry(
            "admin.audit",
            "journal-check",
            _l("Nhật ký"),
            admin,
            _l("Ai đã làm gì, khi nào, với hồ sơ, tài khoản hay giấy chứng nhận nào."),
            _l("Nhật ký hệ thống"),
        ),
        Entry(
            "admin.api_tokens",
            "key",
            _l("API"),
            admin,
            _l("Mã truy cập API cho hệ thống của tỉnh và của Bộ: tạo, thu hồi."),
            _l("Mã truy cập API"),
        ),
        Entry(
            "admin.sheets",
            "ui-checks-grid",
            _l("Phiếu"),
            admin,
            _l("Phiếu đánh giá của từng bộ tiêu chí và các tệp phiếu lỗi bị bỏ qua."),
            _l("Phiếu đánh giá"),
        ),
        # In the bar's account menu rather than the bar itself.
        Entry(
            "auth.change_password",
            "key",
            _l("Đổi mật khẩu"),
            signed_in,
            _l("Đổi mật khẩu sẽ kết thúc các phiên đăng nhập khác."),
        ),
    )
}


@dataclass(frozen=True)
class Dropdown:
    """Entries gathered under one heading of the bar: the reference pages, for a signed-in user,
    so that the longest menu (the secretariat's) keeps to one line on a 1366-px office laptop,
    with the notifications and the user menu on screen."""

    key: str
    icon: str
    label: str
    entries: tuple[Entry, ...]


LOOKUP = ("rulebooks.index", "registry.index", "registry.lookup")
# The secretariat's producer pages under one heading (the verification queue made its bar wrap
# at 1366 px); a commune officer, who sees only the queue, keeps it as a plain entry.
PRODUCER_DESK = ("producers.staff_organisations", "producers.verification_queue")
# A visitor's bar is short: the public pages stay in it, without the lookup by number (on the
# registry's and the home page).
VISITOR_MENU = ("home.index", "rulebooks.index", "registry.index")
MENU = (
    "home.index",
    "lookup",
    "dossiers.mine",
    "producers.products",
    "producers.organisation",
    "dossiers.intake",
    "rounds.index",
    "producers",
    "councils.index",
    "certificates.index",
    "councils.my_sessions",
    "advisory.queue",
    "admin.users",
    "admin.units",
    "admin.audit",
    "admin.sheets",
    "admin.api_tokens",
)
# The user's own work first, then what every signed-in user has.
CARDS = (
    "dossiers.mine",
    "producers.products",
    "producers.organisation",
    "dossiers.intake",
    "rounds.index",
    "producers.staff_organisations",
    "producers.verification_queue",
    "councils.index",
    "councils.my_sessions",
    "advisory.queue",
    "admin.users",
    "admin.units",
    "admin.audit",
    "admin.sheets",
    "admin.api_tokens",
    "rulebooks.index",
    "auth.change_password",
)


def visible(endpoints: tuple[str, ...], user) -> list[Entry]:
    return [ENTRIES[e] for e in endpoints if ENTRIES[e].shown_to(user)]


def menu_for(user) -> list[Entry | Dropdown]:
    """The navigation bar's entries for `user`; a signed-in user finds the reference pages under
    "Tra cứu", the secretariat its producer pages under "Chủ thể"."""
    if not user.is_authenticated:
        return visible(VISITOR_MENU, user)
    dropdowns = {
        "lookup": Dropdown("lookup", "search", _l("Tra cứu"), tuple(visible(LOOKUP, user))),
        "producers": Dropdown(
            "producers", "buildings", _l("Chủ thể"), tuple(visible(PRODUCER_DESK, user))
        ),
    }
    menu: list[Entry | Dropdown] = []
    for key in MENU:
        if key not in dropdowns:
            menu += visible((key,), user)
        elif len(dropdowns[key].entries) > 1:
            menu.append(dropdowns[key])
        else:
            menu += dropdowns[key].entries
    return menu


def cards_for(user) -> list[Entry]:
    """The home page's cards for a signed-in `user`."""
    return visible(CARDS, user)
