"""The demo: Kim Sơn district (Ninh Bình), OCOP round 2021 under Decision 1048/QĐ-TTg.

Kim Sơn, Thượng Kiệm, Công ty TNHH Hiếu Lâm and its jute basket are real (see the OCOP reference,
§6); every person, account and e-mail address here is invented and flagged `is_demo`.
"""

from __future__ import annotations

from dataclasses import dataclass

from evalapp.auth.models import Role

DEMO_PASSWORD = "OcopKimSon2021"
DEMO_DOMAIN = "evalapp-demo.vn"


@dataclass(frozen=True)
class DemoUnit:
    key: str
    code: str
    name: str
    level: str
    parent: str | None
    offices: tuple[str, ...]


@dataclass(frozen=True)
class DemoPerson:
    login: str
    full_name: str
    roles: frozenset[Role]
    unit: str | None
    office: int | None = 0  # index into the unit's offices, None for no office
    note: str = ""

    @property
    def email(self) -> str:
        return f"{self.login}@{DEMO_DOMAIN}"


UNITS = (
    DemoUnit(
        "central",
        "TW",
        "Trung ương",
        "central",
        None,
        ("Văn phòng Điều phối nông thôn mới Trung ương",),
    ),
    DemoUnit(
        "ninh_binh",
        "NB",
        "Tỉnh Ninh Bình",
        "province",
        "central",
        ("Văn phòng Điều phối nông thôn mới tỉnh Ninh Bình",),
    ),
    DemoUnit(
        "kim_son",
        "NB-KS",
        "Huyện Kim Sơn",
        "district",
        "ninh_binh",
        (
            "Phòng Nông nghiệp và Phát triển nông thôn huyện Kim Sơn",
            "Văn phòng HĐND và UBND huyện Kim Sơn",
        ),
    ),
    DemoUnit(
        "thuong_kiem", "NB-KS-TK", "Xã Thượng Kiệm", "commune", "kim_son", ("UBND xã Thượng Kiệm",)
    ),
    DemoUnit(
        "thai_binh",
        "TB",
        "Tỉnh Thái Bình",
        "province",
        "central",
        ("Văn phòng Điều phối nông thôn mới tỉnh Thái Bình",),
    ),
)

PEOPLE = (
    DemoPerson(
        "quantri",
        "Nguyễn Văn Quản",
        frozenset({Role.ADMIN}),
        None,
        None,
        "quản trị hệ thống / administrator",
    ),
    DemoPerson(
        "thuky.kimson",
        "Trần Thị Thu",
        frozenset({Role.SECRETARY}),
        "kim_son",
        0,
        "thư ký hội đồng huyện Kim Sơn / council secretary",
    ),
    DemoPerson(
        "chutich.kimson",
        "Phạm Văn Chính",
        frozenset({Role.COUNCIL_CHAIR, Role.COUNCIL_MEMBER}),
        "kim_son",
        1,
        "chủ tịch hội đồng / council chair",
    ),
    DemoPerson(
        "thanhvien1.kimson",
        "Đinh Thị Hoa",
        frozenset({Role.COUNCIL_MEMBER}),
        "kim_son",
        0,
        "phó chủ tịch hội đồng / vice-chair",
    ),
    DemoPerson(
        "thanhvien2.kimson",
        "Vũ Văn Nam",
        frozenset({Role.COUNCIL_MEMBER}),
        "kim_son",
        0,
        "thành viên / member",
    ),
    DemoPerson(
        "thanhvien3.kimson",
        "Lê Thị Mai",
        frozenset({Role.COUNCIL_MEMBER}),
        "kim_son",
        0,
        "thành viên / member",
    ),
    DemoPerson(
        "thanhvien4.kimson",
        "Hoàng Văn Đức",
        frozenset({Role.COUNCIL_MEMBER}),
        "kim_son",
        1,
        "thành viên / member",
    ),
    DemoPerson(
        "thanhvien5.kimson",
        "Bùi Thị Lan",
        frozenset({Role.COUNCIL_MEMBER}),
        "kim_son",
        1,
        "thành viên / member",
    ),
    DemoPerson(
        "thanhvien6.kimson",
        "Ngô Văn Tùng",
        frozenset({Role.COUNCIL_MEMBER}),
        "kim_son",
        0,
        "thành viên / member",
    ),
    DemoPerson(
        "tuvan.kimson",
        "Đỗ Thị Hằng",
        frozenset({Role.ADVISORY_MEMBER}),
        "kim_son",
        0,
        "tổ tư vấn / advisory group",
    ),
    DemoPerson(
        "canbo.thuongkiem",
        "Mai Văn Kiệm",
        frozenset({Role.COMMUNE_OFFICER}),
        "thuong_kiem",
        0,
        "cán bộ UBND xã Thượng Kiệm / commune officer",
    ),
    DemoPerson(
        "hieulam",
        "Phạm Thị Hiếu",
        frozenset({Role.PRODUCER}),
        None,
        None,
        "đại diện Công ty TNHH Hiếu Lâm / producer (Giỏ đay Hiếu Lâm)",
    ),
    DemoPerson(
        "thuky.ninhbinh",
        "Lương Văn Bình",
        frozenset({Role.SECRETARY}),
        "ninh_binh",
        0,
        "thư ký hội đồng tỉnh Ninh Bình / provincial secretary",
    ),
    DemoPerson(
        "thuky.thaibinh",
        "Phan Thị Thái",
        frozenset({Role.SECRETARY}),
        "thai_binh",
        0,
        "thư ký tỉnh Thái Bình (đơn vị khác) / another province's secretary",
    ),
)
