"""The products evaluated in the demo under 1048 and the levels each member chose.

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
    subgroup: str  # 1048 subgroup, which names the criteria sheet
    description: str
    levels: dict[str, str]  # the producer's self-assessment, and the members' starting point


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
