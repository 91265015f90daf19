"""The products evaluated in the demo and the levels each member chose: under 1048 in 2021 and
2022, under 26/2026 (sheet 21, Thủ công mỹ nghệ gia dụng, trang trí) in today's round.

Giỏ đay Hiếu Lâm is real and was recognised at 4★ in 2021 (REFERENCE §6); its levels and every
score here are invented, and every other product says "(mẫu)" in its name. "Cơm cháy Cung Đình"
(3★ in the press) is left out: 1048's sheet for its subgroup (1.06, processed rice and cereals) is
not shipped, so it could not be scored.

A member's sheet is the product's levels with a few changes (`{criterion: level}`); the comments
give each sheet's total, which the demo test checks through the real aggregation.
"""

from __future__ import annotations

from dataclasses import dataclass

from evalapp.demo.data import HIEU_LAM_SELF_ASSESSMENT

Changes = dict[str, str]


@dataclass(frozen=True)
class DemoProduct:
    key: str
    name: str
    organisation: str  # DemoOrganisation key
    subgroup: str  # the rulebook's subgroup (product class), which names the criteria sheet
    description: str
    levels: dict[str, str]  # the producer's self-assessment, and the members' starting point
    rulebook: str = "1048-2019"  # the rulebook the product is classified under


# Household handicraft sheet (5.02): the Hiếu Lâm levels plus criterion 9, then lower.
HOP_COI_LEVELS = {
    **HIEU_LAM_SELF_ASSESSMENT,
    "9": "2",
    "4.1": "3",
    "4.2": "2",
    "5.1": "2",
    "6.3": "3",
}  # 61 points
DEM_COI_LEVELS = {
    **HIEU_LAM_SELF_ASSESSMENT,
    "9": "3",
    "1.3": "2",
    "1.5": "1",
    "2.1": "2",
    "2.2": "2",
    "4.1": "2",
    "4.2": "2",
    "4.3": "2",
    "5.1": "1",  # no product story: 5.2 and 5.3 are skipped
    "6.3": "2",
    "6.4": "3",
    "6.6": "2",
    "7": "2",
}  # 44 points
# Processed fruit and vegetables sheet (1.07), as in tests/unit/rules/test_hand_computed.py.
MUT_GUNG_LEVELS = {
    "1.1": "3",
    "1.2": "2",
    "1.3": "2",
    "1.4": "2",
    "1.5": "3",
    "1.6": "2",
    "2.1": "3",
    "2.2": "3",
    "2.3": "2",
    "3.1": "3",
    "3.2": "a2",
    "3.3": "2",
    "3.4": "1",
    "3.5": "2",
    "4.1": "2",
    "4.2": "2",
    "4.3": "3",
    "5.1": "1",
    "6.1": "4",
    "6.2": "3",
    "6.3": "3",
    "6.4": "3",
    "6.5": "4",
    "6.6": "3",
    "7": "3",
    "8.1": "4",
    "8.2": "3",
    "9": "5",
    "10": "1",
}  # 57 points
LANG_HOA_LEVELS = {**HIEU_LAM_SELF_ASSESSMENT, "6.3": "3", "4.1": "3"}  # 65 points

PRODUCTS_2021 = (
    DemoProduct(
        "gio_day",
        "Giỏ đay Hiếu Lâm",
        "hieu_lam",
        "5.01",
        "Giỏ đay đan thủ công từ cói và bèo bồng, xuất khẩu châu Âu, châu Mỹ, châu Á.",
        HIEU_LAM_SELF_ASSESSMENT,
    ),
    DemoProduct(
        "hop_coi",
        "Hộp cói đựng đồ (mẫu)",
        "coi_kim_son",
        "5.02",
        "Hộp cói có nắp đựng đồ gia dụng (dữ liệu mẫu).",
        HOP_COI_LEVELS,
    ),
    DemoProduct(
        "mut_gung",
        "Mứt gừng Kim Sơn (mẫu)",
        "nong_san_kim_son",
        "1.07",
        "Mứt gừng dẻo làm từ gừng trồng tại địa phương (dữ liệu mẫu).",
        MUT_GUNG_LEVELS,
    ),
    DemoProduct(
        "dem_coi",
        "Đệm ngồi cói (mẫu)",
        "coi_kim_son",
        "5.02",
        "Đệm ngồi đan từ cói (dữ liệu mẫu).",
        DEM_COI_LEVELS,
    ),
)
PRODUCT_2022 = DemoProduct(
    "lang_hoa",
    "Lẵng hoa cói trang trí (mẫu)",
    "coi_kim_son",
    "5.01",
    "Lẵng hoa đan từ cói và bèo bồng để trang trí (dữ liệu mẫu).",
    LANG_HOA_LEVELS,
)

# Kim Sơn's council, 20/10/2021: seven scoring members, in seat order (chair first).
DISTRICT_2021: dict[str, list[Changes]] = {
    "gio_day": [
        {"4.3": "4", "1.6": "2"},  # 74
        {"6.5": "1"},  # 70
        {},  # 72
        {"2.3": "3"},  # 73
        {"1.4": "2"},  # 71
        {"5.3": "2"},  # 73
        {"6.1": "4"},  # 74  → 72,43: 4★, forwarded
    ],
    "hop_coi": [
        {},  # 61
        {"7": "4"},  # 63
        {"1.5": "1"},  # 60
        {"6.6": "4"},  # 62
        {"4.3": "2"},  # 60
        {"8": "3"},  # 62
        {"3.5": "2"},  # 60  → 61,14: 3★, forwarded
    ],
    "dem_coi": [
        {},  # 44
        {"9": "2"},  # 42
        {"1.3": "3"},  # 45
        {"7": "3"},  # 46
        {"6.6": "1"},  # 43
        {"4.3": "3"},  # 45
        {"2.3": "3"},  # 45  → 44,29: 2★, not forwarded
    ],
}
# Mứt gừng: member 5 (thanhvien4) declares a conflict; member 3 scores far above the others,
# the spread (12) exceeds 10, the chair opens a second round, and the council agrees.
MUT_GUNG_CONFLICTED = "thanhvien4.kimson"
MUT_GUNG_ROUNDS: tuple[list[Changes], ...] = (
    [
        {},  # 57
        {"1.3": "1"},  # 56
        {"5.1": "4", "5.2": "3", "5.3": "2", "4.2": "4"},  # 68
        {"6.6": "2"},  # 56
        {"8.2": "2"},  # 56
        {"7": "4"},  # 59
    ],
    [
        {},  # 57
        {"1.3": "1"},  # 56
        {"5.1": "2", "5.2": "2", "5.3": "1"},  # 60
        {"6.6": "2"},  # 56
        {"8.2": "2"},  # 56
        {"7": "4"},  # 59  → 57,33: 3★, forwarded
    ],
)

# Ninh Bình's council, 18/11/2021: six scoring members, thanhvien4.ninhbinh absent.
PROVINCE_ABSENT = "thanhvien4.ninhbinh"
PROVINCE_2021: dict[str, list[Changes]] = {
    "gio_day": [{"4.3": "4"}, {}, {"6.5": "3"}, {"2.2": "4"}, {"1.2": "3"}],  # 73,00: 4★
    "hop_coi": [{}, {"6.4": "3"}, {"7": "4"}, {"1.5": "3"}, {"8": "3"}],  # 61,40: 3★
    "mut_gung": [{}, {"10": "2"}, {"6.4": "4"}, {"1.3": "1"}, {"8.2": "2"}],  # 57,40: 3★
}

# Kim Sơn's council, 19/10/2022, still in session: four of the seven have signed.
SIGNED_2022: list[Changes] = [{"4.3": "4", "1.6": "2"}, {"6.5": "1"}, {}, {"2.3": "3"}]


# --- Today: Ninh Bình's provincial round under 26/2026, sheet 21 (class IV.1) -----------------
# Option points on sheet 21 are in brackets; a starred option (****) is the minimum for 4★.
# Giỏ đay Hiếu Lâm, a good export basket: every **** option reached (1.4 contracts for over 75%
# of its output, 2.1, 2.2, 3.4, 3.5, 4.1, 5.1 with traceability, 8), none of the 5★ ones.
GIO_DAY_2026 = {
    "1.1": "3",  # [4] cói, đay, bèo bồng from the province
    "1.2": "2",  # [2]
    "1.3": "2",  # [2]
    "1.4": "3",  # [2] ****
    "1.5": "2",  # [2]
    "1.6": "2",  # [1]
    "2.1": "4",  # [4] ****
    "2.2": "3",  # [4] ****
    "2.3": "co",  # [1] bilingual labels
    "3.1": "2",  # [2] Công ty TNHH
    "3.2": "2",  # [1] a woman represents it
    "3.3": "3",  # [3]
    "3.4": "2",  # [2] ****
    "3.5": "2",  # [2] ****
    "4.1": "3",  # [3] ****
    "4.2": "3",  # [2]
    "4.3": "3",  # [2]
    "5.1": "5",  # [5] ****
    "5.2": "2",  # [1]
    "5.3": "3",  # [3]
    "6.1": "3",  # [3]
    "6.2": "2",  # [3]
    "6.3": "3",  # [2]
    "6.4": "4",  # [3] export
    "6.5": "2",  # [3]
    "7": "2",  # [2]
    "8": "2",  # [3] ****
    "9": "3",  # [5] EU, US, Japan
}  # 13 + 9 + 10 + 7 + 9 + 14 + 2 + 3 + 5 = 72 points
# The open session: the first five scoring members in seat order (chair, vice-chair,
# thanhvien2–4.kimson) have signed; thanhvien5.kimson and thanhvien6.kimson have not.
GIO_DAY_SIGNED_2026: list[Changes] = [
    {"4.1": "4"},  # 74: international market [5]
    {},  # 72
    {"6.1": "4"},  # 74
    {"4.3": "2", "5.2": "3"},  # 72
    {"1.3": "3", "6.2": "3"},  # 75
]

# HTX Cói Kim Sơn (mẫu)'s self-assessment for each of its 2026 dossiers: Giỏ đay's levels as a
# cooperative (3.1 [3]) with wider promotion (4.3 [3]) and exports in the region only (9 [3]),
# but contracts for only 50–75% of its output: 1.4 option 2 [1], below the **** option [2].
COI_2026 = {**GIO_DAY_2026, "1.4": "2", "3.1": "3", "4.3": "4", "9": "2"}  # 71 points
# Khay cói (mẫu), stopped by a starred requirement: all seven sheets signed.
#   totals 71 + 72 + 73 + 74 + 70 + 72 + 69 = 501, average 501 / 7 = 71.57 → band 4★ (70–<90);
#   1.4 Liên kết chuỗi: three members chose option 3 [2], four option 2 [1]:
#   (3 × 2 + 4 × 1) / 7 = 10 / 7 = 1.43 < 2, the points of the **** option → 3★.
KHAY_COI_SIGNED_2026: list[Changes] = [
    {},  # 71, 1.4 [1]
    {"1.4": "3"},  # 72, 1.4 [2]
    {"9": "3"},  # 73, 1.4 [1]
    {"1.4": "3", "6.1": "4"},  # 74, 1.4 [2]
    {"4.3": "3"},  # 70, 1.4 [1]
    {"1.4": "3"},  # 72, 1.4 [2]
    {"5.3": "2"},  # 69, 1.4 [1]
]


def coi_2026(name: str, description: str) -> DemoProduct:
    return DemoProduct(name, name, "coi_kim_son", "IV.1", description, COI_2026, rulebook="26-2026")


CAPPED_2026 = "Khay cói (mẫu)"
# HTX Cói Kim Sơn (mẫu)'s products in today's round, one per dossier state.
ROUND_2026: tuple[tuple[DemoProduct, str], ...] = (
    (coi_2026("Chiếu cói Kim Sơn (mẫu)", "Chiếu cói dệt tay (dữ liệu mẫu)."), "draft"),
    (coi_2026("Làn cói đan tay (mẫu)", "Làn cói đi chợ (dữ liệu mẫu)."), "submitted"),
    (coi_2026("Thảm cói trải sàn (mẫu)", "Thảm cói nhuộm màu (dữ liệu mẫu)."), "forwarded"),
    (coi_2026("Hộp cói đựng quà (mẫu)", "Hộp quà đan cói (dữ liệu mẫu)."), "received"),
    (coi_2026("Túi cói thời trang (mẫu)", "Túi xách cói (dữ liệu mẫu)."), "needs_supplement"),
    (coi_2026("Dép cói (mẫu)", "Dép đi trong nhà đan cói (dữ liệu mẫu)."), "supplemented"),
    (coi_2026(CAPPED_2026, "Khay cói đựng hoa quả (dữ liệu mẫu)."), "accepted"),
    (coi_2026("Mũ cói (mẫu)", "Mũ cói rộng vành (dữ liệu mẫu)."), "refused"),
)


# --- Mẫu 02 Phần III: the description and the evidence the producer gives on some criteria ---
# {criterion: (description, the optional checklist items whose documents prove it)}; one
# document may prove several criteria (26/2026 Phụ lục III Mẫu 02).
Claims = dict[str, tuple[str, tuple[str, ...]]]
GIO_DAY_CLAIMS_2026: Claims = {
    "1.1": (
        "Cói, đay và bèo bồng mua của các hộ trong tỉnh theo hợp đồng (mẫu).",
        ("hop_dong_lien_ket",),
    ),
    "1.4": (
        "Hợp đồng bao tiêu với ba doanh nghiệp xuất khẩu, trên 75% sản lượng năm 2025 (mẫu).",
        ("hop_dong_lien_ket",),
    ),
    "3.1": ("Công ty TNHH hai thành viên trở lên (mẫu).", ("dang_ky_kinh_doanh",)),
    "3.5": ("Nhãn hiệu đã được cấp giấy chứng nhận đăng ký (mẫu).", ("so_huu_tri_tue",)),
    "7": ("Tiêu chuẩn cơ sở đã công bố, áp dụng cho sản phẩm (mẫu).", ("cong_bo_chat_luong",)),
}
COI_CLAIMS_2026: Claims = {
    "1.1": ("Cói trồng tại các xã ven biển của tỉnh (mẫu).", ("hop_dong_lien_ket",)),
    "1.4": (
        "Hợp đồng thu mua với tổ hợp tác cói của xã, khoảng 60% sản lượng (mẫu).",
        ("hop_dong_lien_ket",),
    ),
    "3.1": ("Hợp tác xã hoạt động theo Luật Hợp tác xã (mẫu).", ("dang_ky_kinh_doanh",)),
    "7": ("Tiêu chuẩn cơ sở đã công bố (mẫu).", ("cong_bo_chat_luong",)),
}
