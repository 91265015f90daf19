"""The demo's units, people and producers: Kim Sơn district and Ninh Bình province, whose OCOP
rounds of 2021 and 2022 under Decision 1048/QĐ-TTg the demo replays (`demo.history`), and the
province's round of today under Decision 26/2026/QĐ-TTg (`demo.today`).

Kim Sơn, Thượng Kiệm, Công ty TNHH Hiếu Lâm and its jute basket are real (see the OCOP reference,
§6); every person, account and e-mail address here is invented and flagged `is_demo`, and the
invented producers say "(dữ liệu mẫu)" in their name. A person's note says what the login can do
(`flask demo logins`).
"""

from __future__ import annotations

from dataclasses import dataclass

from evalapp.auth.models import Role

DEMO_PASSWORD = "OcopKimSon2021"
# The producers' commune since 01/07/2025 (official, code 14638): their 26/2026 dossiers are
# filed there and numbered with its code.
COMMUNE_SINCE_2025 = "xa_kim_son"
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
        (
            "Văn phòng Điều phối nông thôn mới tỉnh Ninh Bình",
            "Văn phòng UBND tỉnh Ninh Bình",
            "Sở Nông nghiệp và Phát triển nông thôn tỉnh Ninh Bình",
        ),
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
    # The commune of the two-level government since 01/07/2025 (official code 14638 under Ninh
    # Bình, 37); the demo's producers have been registered there since (`history.communes_2025`).
    DemoUnit("xa_kim_son", "NB-XKS", "Xã Kim Sơn", "commune", "ninh_binh", ("UBND xã Kim Sơn",)),
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
        "quản trị hệ thống / administrator: accounts /admin/users, units /admin/units,"
        " audit log /admin/audit",
    ),
    DemoPerson(
        "thuky.kimson",
        "Trần Thị Thu",
        frozenset({Role.SECRETARY}),
        "kim_son",
        0,
        "thư ký huyện Kim Sơn / district secretary: 2021 minutes, results; 2022 session",
    ),
    DemoPerson(
        "chutich.kimson",
        "Phạm Văn Chính",
        frozenset({Role.COUNCIL_CHAIR, Role.COUNCIL_MEMBER}),
        "kim_son",
        1,
        "chủ tịch HĐ / chair: finalised Kim Sơn 2021; chairs 2026: Khay cói capped at 3★",
    ),
    DemoPerson(
        "thanhvien1.kimson",
        "Đinh Thị Hoa",
        frozenset({Role.COUNCIL_MEMBER}),
        "kim_son",
        0,
        "phó chủ tịch HĐ / vice-chair: signed 2021, 2022 and 2026 sheets",
    ),
    DemoPerson(
        "thanhvien2.kimson",
        "Vũ Văn Nam",
        frozenset({Role.COUNCIL_MEMBER}),
        "kim_son",
        0,
        "thành viên / member: signed 2021, 2022 and 2026 sheets",
    ),
    DemoPerson(
        "thanhvien3.kimson",
        "Lê Thị Mai",
        frozenset({Role.COUNCIL_MEMBER}),
        "kim_son",
        0,
        "thành viên / member: signed 2021, 2022 and 2026 sheets",
    ),
    DemoPerson(
        "thanhvien4.kimson",
        "Hoàng Văn Đức",
        frozenset({Role.COUNCIL_MEMBER}),
        "kim_son",
        1,
        "thành viên / member: declared a conflict in 2021; may score 2022; signed 2026",
    ),
    DemoPerson(
        "thanhvien5.kimson",
        "Bùi Thị Lan",
        frozenset({Role.COUNCIL_MEMBER}),
        "kim_son",
        1,
        "thành viên / member: SCORE HERE: Giỏ đay Hiếu Lâm, sheet 21, open 2026 session (with the"
        " producer's descriptions and evidence)",
    ),
    DemoPerson(
        "thanhvien6.kimson",
        "Ngô Văn Tùng",
        frozenset({Role.COUNCIL_MEMBER}),
        "kim_son",
        0,
        "thành viên / member: may score Giỏ đay (2026 session) and the open 2022 session",
    ),
    DemoPerson(
        "tuvan.kimson",
        "Đỗ Thị Hằng",
        frozenset({Role.ADVISORY_MEMBER}),
        "kim_son",
        0,
        "tổ tư vấn / advisory group: notes in the open 2022 and 2026 sessions; holds the"
        " samples of the 2026 agenda; assigned the 2026 dossiers (/advisory/), reported on"
        " Giỏ đay Hiếu Lâm after a site visit and a lab test",
    ),
    DemoPerson(
        "canbo.xakimson",
        "Mai Văn Kiệm",
        frozenset({Role.COMMUNE_OFFICER}),
        "xa_kim_son",
        0,
        "cán bộ xã Kim Sơn (mã 14638) / commune officer: Làn cói at the commune (15-day badge),"
        " Mẫu 03 and sample labels of Thảm cói, forwarded",
    ),
    DemoPerson(
        "hieulam",
        "Phạm Thị Hiếu",
        frozenset({Role.PRODUCER}),
        None,
        None,
        "Công ty TNHH Hiếu Lâm / producer: Giỏ đay 4★ in 2021 (expired); 2026 dossier with its"
        " product code, Mẫu 01/02, evidence on five criteria; scored now",
    ),
    DemoPerson(
        "htxcoi",
        "Vũ Thị Cói",
        frozenset({Role.PRODUCER}),
        None,
        None,
        "HTX Cói Kim Sơn (mẫu) / producer: a revoked certificate; 2026 dossiers in every status"
        " (Làn cói: filed days ago, with Mẫu 01/02 and evidence)",
    ),
    DemoPerson(
        "thuky.ninhbinh",
        "Lương Văn Bình",
        frozenset({Role.SECRETARY}),
        "ninh_binh",
        0,
        "thư ký tỉnh Ninh Bình / provincial secretary: 2021 decision, certificates; 2026 round;"
        " the decided 26/2026 round: notices, a 5★ candidate approved and sent to the ministry",
    ),
    DemoPerson(
        "thuky.bo",
        "Hà Minh Trung",
        frozenset({Role.SECRETARY}),
        "central",
        0,
        "văn phòng OCOP của Bộ Nông nghiệp và Môi trường / ministry OCOP office: Ninh Bình's"
        " 5★ proposal waiting in the intake with its bundle (Điều 6.3, 7.4.a)",
    ),
    DemoPerson(
        "chutich.ninhbinh",
        "Đinh Văn Quang",
        frozenset({Role.COUNCIL_CHAIR, Role.COUNCIL_MEMBER}),
        "ninh_binh",
        1,
        "chủ tịch HĐ tỉnh 2021 / provincial chair: finalised 2021, approved a revocation",
    ),
    DemoPerson(
        "thanhvien1.ninhbinh",
        "Nguyễn Thị Hà",
        frozenset({Role.COUNCIL_MEMBER}),
        "ninh_binh",
        2,
        "phó chủ tịch HĐ tỉnh 2021 / provincial vice-chair: signed 2021 sheets",
    ),
    DemoPerson(
        "thanhvien2.ninhbinh",
        "Trương Văn Sơn",
        frozenset({Role.COUNCIL_MEMBER}),
        "ninh_binh",
        2,
        "thành viên HĐ tỉnh 2021 / provincial member: signed 2021 sheets",
    ),
    DemoPerson(
        "thanhvien3.ninhbinh",
        "Lại Thị Nga",
        frozenset({Role.COUNCIL_MEMBER}),
        "ninh_binh",
        0,
        "thành viên HĐ tỉnh 2021 / provincial member: signed 2021 sheets",
    ),
    DemoPerson(
        "thanhvien4.ninhbinh",
        "Cao Văn Thắng",
        frozenset({Role.COUNCIL_MEMBER}),
        "ninh_binh",
        2,
        "thành viên HĐ tỉnh 2021 / provincial member: absent from the 2021 session",
    ),
    DemoPerson(
        "thanhvien5.ninhbinh",
        "Tạ Thị Xuân",
        frozenset({Role.COUNCIL_MEMBER}),
        "ninh_binh",
        0,
        "thành viên HĐ tỉnh 2021 / provincial member: signed 2021 sheets",
    ),
    DemoPerson(
        "htxnongsan",
        "Đoàn Thị Mận",
        frozenset({Role.PRODUCER}),
        None,
        None,
        "HTX Nông sản Kim Sơn (mẫu) / producer: Mứt gừng 3★ (re-scored), expired",
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


@dataclass(frozen=True)
class DemoOrganisation:
    key: str
    name: str
    legal_form: str
    tax_code: str
    address: str
    commune: str  # where it was registered in 2021; Xã Kim Sơn since 01/07/2025
    representative: str
    login: str | None  # the demo producer account acting for it


# Công ty TNHH Hiếu Lâm is real (REFERENCE §6); the others are invented and say so in their name.
ORGANISATIONS = (
    DemoOrganisation(
        "hieu_lam",
        "Công ty TNHH Hiếu Lâm",
        "multi_member_llc",
        "2700000001",
        "Xóm 3",
        "thuong_kiem",
        "Phạm Thị Hiếu",
        "hieulam",
    ),
    DemoOrganisation(
        "coi_kim_son",
        "HTX Cói Kim Sơn (dữ liệu mẫu)",
        "cooperative",
        "2700000002",
        "Xóm 5",
        "thuong_kiem",
        "Vũ Thị Cói",
        "htxcoi",
    ),
    DemoOrganisation(
        "nong_san_kim_son",
        "HTX Nông sản Kim Sơn (dữ liệu mẫu)",
        "cooperative",
        "2700000003",
        "Xóm 7",
        "thuong_kiem",
        "Đoàn Thị Mận",
        "htxnongsan",
    ),
)

# Levels chosen for Giỏ đay Hiếu Lâm on the handicraft–decoration sheet (72 points, 4★).
HIEU_LAM_SELF_ASSESSMENT = {
    "1.1": "4",
    "1.2": "2",
    "1.3": "4",
    "1.4": "3",
    "1.5": "2",
    "1.6": "1",
    "2.1": "4",
    "2.2": "3",
    "2.3": "2",
    "3.1": "2",
    "3.2": "b2",
    "3.3": "2",
    "3.4": "2",
    "3.5": "3",
    "4.1": "4",
    "4.2": "3",
    "4.3": "3",
    "5.1": "3",
    "5.2": "3",
    "5.3": "1",
    "6.1": "3",
    "6.2": "3",
    "6.3": "4",
    "6.4": "4",
    "6.5": "2",
    "6.6": "3",
    "7": "3",
    "8": "2",
}
