"""What a reader adds to the text of Decision 26/2026/QĐ-TTg, as data: English names and glosses,
remarks completing what the app does, findings the checks cannot make (a garbled exclusion line)
and the misprinted option points the app corrects. The proof-reading tests keep every entry
true."""

from __future__ import annotations

from decimal import Decimal

from ._checks import Misprint

PART_NAMES_EN = {
    "A": "Product and community strength",
    "B": "Marketing capability",
    "C": "Product quality",
}
SHEET_NAMES_EN = {
    1: "Product set: Fresh vegetables, tubers, fruit and nuts",
    2: "Product set: Fresh meat, seafood, eggs and milk",
    3: "Product set: Rice, cereals and other primary-processed grains",
    4: "Product set: Honey, other syrups and other agricultural food products",
    5: "Product set: Fast food",
    6: "Product set: Processed from rice and cereals",
    7: "Product set: Processed from vegetables, tubers, fruit and nuts",
    8: "Product set: Processed from meat, seafood, eggs and milk; products from honey, other "
    "syrups and other agricultural food products",
    9: "Product set: Fermented sauces, fish sauce and other liquid seasonings",
    10: "Product set: Other seasonings (salt, shallots, garlic, pepper, ...)",
    11: "Product set: Fresh and processed tea",
    12: "Tea products from other plants",
    13: "Coffee and cocoa products",
    14: "Product set: White spirits",
    15: "Product set: Other alcoholic drinks",
    16: "Product set: Natural mineral water and bottled drinking water",
    17: "Product set: Other non-alcoholic drinks",
    18: "Product set: Functional foods, herbal medicines and traditional medicines",
    19: "Product set: Cosmetics with ingredients from medicinal plants",
    20: "Product set: Essential oils and other medicinal materials",
    21: "Product set: Household and decorative handicrafts",
    22: "Product set: Fabrics and garments",
    23: "Product set: Flowers",
    24: "Product set: Ornamental plants",
    25: "Product set: Ornamental animals",
    26: "Product set: Community tourism, ecotourism and tourist-site services",
}

# English glosses of the notes that read like a rule but say neither "excluded" nor "stop".
GLOSSES = {
    "Ghi chú: Không đánh giá những sản phẩm có tính phổ biến": "“Note: products that are common "
    "among the national or provincial key product groups, without outstanding quality and "
    "distinction, are not evaluated”",
}

# A reader's remarks, by sheet and (criterion, kind), completing what the app does.
_ZERO_ELSEWHERE = (
    "Phương án cùng chữ được 0 điểm ở các phiếu 1, 2, 3, 6, 8, 12, 13 và 18.",
    "The option with the same words is worth 0 on sheets 1, 2, 3, 6, 8, 12, 13 and 18.",
)
REMARKS: dict[int, dict[tuple[str | None, str], tuple[str, str]]] = {
    4: {("1.2", "option_points_missing"): _ZERO_ELSEWHERE},
    7: {
        ("1.2", "option_points_missing"): _ZERO_ELSEWHERE,
        ("3.1", "equal_option_points"): (
            "Ở 25 phiếu còn lại, phương án “Công ty TNHH; …” được 2 điểm; có thể đây là lỗi in, "
            "nhưng 1 điểm vẫn đọc được và không làm sai tổng nào, nên ứng dụng giữ 1.",
            "On the other 25 sheets the option “Công ty TNHH; …” (limited company; …) is worth "
            "2; this may be a misprint, but 1 still reads sensibly and breaks no sum, so the app "
            "keeps the printed 1.",
        ),
    },
    10: {("1.2", "option_points_missing"): _ZERO_ELSEWHERE},
    11: {("1.2", "option_points_missing"): _ZERO_ELSEWHERE},
    23: {
        ("6.2", "equal_option_points"): (
            "Văn bản không cho biết phương án nào in sai, nếu có; hai phương án cùng điểm không "
            "làm sai điểm tối đa của tiêu chí.",
            "Nothing in the text tells which option, if any, is misprinted; two options worth "
            "the same do not change the criterion's maximum.",
        ),
    },
}

# What only a reader can judge: exclusion lines whose words are missing or garbled.
READER_FINDINGS: dict[int, list[tuple]] = {
    17: [
        (
            None,
            "exclusion_line_unclear",
            (
                "Dòng điều kiện loại hồ sơ có đoạn “hoặc giấy phép sản xuất theo quy định” thiếu "
                "động từ; phiếu 15 viết “hoặc không có giấy phép sản xuất theo quy định”.",
                "The exclusion line has “hoặc giấy phép sản xuất theo quy định” (or production "
                "licence as required) without a verb; sheet 15 writes “hoặc không có giấy phép "
                "sản xuất theo quy định” (or has no production licence as required).",
            ),
            (
                "Ứng dụng hiển thị nguyên văn dòng này và không suy ra điều kiện nào từ đó; việc "
                "loại hồ sơ do Hội đồng quyết định.",
                "The app shows the line verbatim and infers no condition from it; excluding a "
                "dossier is the council's decision.",
            ),
        )
    ],
    18: [
        (
            None,
            "exclusion_line_unclear",
            (
                "Dòng điều kiện loại hồ sơ viết “GMP đối với thực phẩm bảo vệ hoặc tương đương” "
                "(có lẽ thiếu “sức khỏe”) và có đoạn “Hồ sơ đăng ký bản đăng ký công bố chất lượng "
                "sản phẩm, ghi nhãn sản phẩm, quảng cáo sản phẩm” không rõ là điều kiện gì.",
                "The exclusion line says “GMP đối với thực phẩm bảo vệ hoặc tương đương” (GMP for "
                "protective food or equivalent, probably missing “sức khỏe”, health) and has the "
                "fragment “Hồ sơ đăng ký bản đăng ký công bố chất lượng sản phẩm, ghi nhãn sản "
                "phẩm, quảng cáo sản phẩm” (registration dossier, quality declaration, labelling, "
                "advertising) without saying what condition it sets.",
            ),
            (
                "Ứng dụng hiển thị nguyên văn dòng này và không suy ra điều kiện nào từ đó; việc "
                "loại hồ sơ do Hội đồng quyết định.",
                "The app shows the line verbatim and infers no condition from it; excluding a "
                "dossier is the council's decision.",
            ),
        )
    ],
}


# Option points misprinted in the decision, by sheet, which the app scores at the points the text
# itself points to; the sheet files keep the printed figure, and irregularities.json records the
# correction with what the app does and why (``correct_misprint`` checks each against the text).
# The evidence, all in the decision:
# - sheet 4, criterion 7 "DINH DƯỠNG" (3 points): options printed 0, 1, 13. With 3 the leaf
#   criteria of Part C add up to 35 (Điều 3.1), as its sections' printed points already do;
#   sheets 1 and 3 print the same criterion with the same three options worth 0, 1, 3.
# - sheet 11, criterion 6.1.1 "Tạp chất" (2 points): options printed 0, 11, 2, out of order.
#   With 1 Part C adds up to 35; the same three options are worth 0, 1, 2 on sheets 4, 5, 7–10
#   and 12, and the middle one 1 wherever the lowest is 0 (also sheets 6, 13 and 17). On sheets
#   2 and 3, whose options start at 1, it is worth 2, which here would tie with the best option.
MISPRINTS: dict[int, list[Misprint]] = {
    4: [Misprint("7", "Có trên 2 chỉ tiêu", "more than 2 indicators", Decimal(13), Decimal(3))],
    11: [
        Misprint(
            "6.1.1",
            "Có rất ít tạp chất, chấp nhận được",
            "very few impurities, acceptable",
            Decimal(11),
            Decimal(1),
        )
    ],
}
