"""The shipped data loads, validates and says what REFERENCE.md says."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from evalapp.rules import (
    DataFormatError,
    RegistrationType,
    Text,
    build_sheet,
    list_rulebooks,
    list_sheets,
    load_rulebook,
    load_sheet,
    parse_rulebook,
    read_sheet_file,
    rulebook_for_date,
    sheet_for_subgroup,
    validate_sheet,
)

from .support import DECOR, FOOD, HOUSEHOLD, R1048, SHEETS_1048, rulebook_data, sheet_data

D = Decimal


def test_four_rulebooks_in_order_each_replacing_the_previous():
    books = list_rulebooks()
    assert [b.code for b in books] == ["1048-2019", "148-2023", "148-1489-2025", "26-2026"]
    assert [b.replaces for b in books] == [None, "1048-2019", "148-2023", "148-1489-2025"]
    assert books[0].applies_until == date(2023, 2, 23)
    assert books[1].applies_from == date(2023, 2, 24)
    # 26/2026 Điều 11.2: 148 and 1489 end 60 days after 22/5/2026 (see test_transition.py).
    assert books[2].applies_until == date(2026, 7, 21)
    assert books[3].applies_from == date(2026, 5, 22) and books[3].applies_until is None
    assert books[0].reference == "1048/QĐ-TTg; 781/QĐ-TTg"
    assert books[3].reference == "26/2026/QĐ-TTg"


@pytest.mark.parametrize(
    ("day", "code"),
    [
        (date(2019, 8, 21), "1048-2019"),
        (date(2023, 2, 23), "1048-2019"),
        (date(2023, 2, 24), "148-2023"),
        (date(2025, 7, 5), "148-2023"),
        (date(2025, 7, 6), "148-1489-2025"),
        (date(2026, 5, 21), "148-1489-2025"),
        # Điều 11.1: 26/2026 in force from 22/5/2026; from then new rounds use it, even
        # during the 60 days in which 148 and 1489 still have effect (Điều 11.2).
        (date(2026, 5, 22), "26-2026"),
        (date(2026, 7, 21), "26-2026"),
        (date(2030, 1, 1), "26-2026"),
    ],
)
def test_rulebook_in_force_on_a_date(day, code):
    assert rulebook_for_date(day).code == code


def test_no_rulebook_before_2019():
    with pytest.raises(LookupError):
        rulebook_for_date(date(2019, 8, 20))


@pytest.mark.parametrize(
    ("code", "maxima"),
    [
        ("1048-2019", (35, 25, 40)),
        ("148-2023", (40, 25, 35)),
        ("148-1489-2025", (40, 25, 35)),
        ("26-2026", (40, 25, 35)),  # Điều 3.1
    ],
)
def test_part_maxima(code, maxima):
    book = load_rulebook(code)
    assert tuple(p.maximum for p in book.parts) == maxima
    assert [p.code for p in book.parts] == ["A", "B", "C"]
    assert book.part("C").name == Text("Chất lượng sản phẩm", "Product quality")
    assert book.part("D") is None


def test_star_bands():
    bands = {b.stars: (b.minimum, b.maximum) for b in load_rulebook(R1048).star_bands}
    assert bands == {1: (0, 30), 2: (30, 50), 3: (50, 70), 4: (70, 90), 5: (90, None)}
    bands = {b.stars: (b.minimum, b.maximum) for b in load_rulebook("148-2023").star_bands}
    assert bands == {3: (50, 70), 4: (70, 90), 5: (90, None)}


def test_council_and_certificate_rules():
    for book in list_rulebooks():
        assert book.council.max_spread == 10
        assert book.council.quorum == Fraction(3, 4)
        assert book.council.chair_required
        assert book.council.decimals == 2
        assert book.council.dossier_lead_working_days == 1
        assert not book.council.members_see_result
        assert (book.certificate.min_stars, book.certificate.validity_months) == (3, 36)
        assert book.certificate.reminder_days == 30
        assert book.minimum_conditions == ()


def test_evaluation_levels():
    levels = {lv.code: lv for lv in load_rulebook(R1048).levels}
    assert (levels["district"].recognises, levels["district"].forward_min) == ((), 50)
    assert (levels["province"].recognises, levels["province"].forward_min) == ((3, 4), 90)
    assert levels["central"].recognises == (5,)
    levels = {lv.code: lv for lv in load_rulebook("148-2023").levels}
    assert (levels["district"].recognises, levels["district"].forward_min) == ((3,), 70)
    assert (levels["province"].recognises, levels["province"].forward_to) == ((4,), "central")
    book = load_rulebook("148-1489-2025")
    commune = book.level("commune")
    assert not commune.scores and commune.forward_min is None
    assert commune.forward_to == "province"
    assert [i.code for i in commune.pre_review] == [
        "local_origin",
        "local_labour",
        "idea_origin",
        "local_identity",
    ]
    assert book.level("province").recognises == (3, 4)
    assert book.level("district") is None


@pytest.mark.parametrize("code", ["1048-2019", "148-2023", "148-1489-2025"])
def test_dossier_checklists_before_2026(code):
    book = load_rulebook(code)
    for kind in RegistrationType:
        checklist = book.checklist(kind)
        assert checklist.registration_type is kind
        required = {i.code for i in checklist.items if i.required}
        assert "phieu_dang_ky" in required and "anh_san_pham_mau" in required
        for item in checklist.items:
            assert item.name.vi and item.name.en and item.max_size_mb > 0
            assert set(item.formats) <= {"pdf", "jpg", "png", "docx", "xlsx"}
    samples = next(i for i in book.checklist("first_time").items if i.code == "anh_san_pham_mau")
    assert samples.exempt_groups == ("6",)
    assert "giay_chung_nhan_ocop" in {i.code for i in book.checklist("upgrade").items if i.required}


def test_148_dossier_has_self_assessment_and_its_update_for_re_evaluation():
    book = load_rulebook("148-2023")
    first = {i.code for i in book.checklist("first_time").items if i.required}
    again = {i.code for i in book.checklist("re_evaluation").items if i.required}
    assert "bao_cao_tu_danh_gia" in first and "bao_cao_tu_danh_gia_cap_nhat" not in first
    assert "bao_cao_tu_danh_gia_cap_nhat" in again


def test_checklist_of_unknown_type_is_refused():
    with pytest.raises(ValueError):
        load_rulebook(R1048).checklist("renewal")


def test_1048_classification_has_26_subgroups_three_with_sheets():
    book = load_rulebook(R1048)
    subgroups = [s for g in book.groups for s in g.subgroups]
    assert len(book.groups) == 6 and len(subgroups) == 26
    assert len({s.code for s in subgroups}) == 26
    with_sheet = {s.code: s.sheet for s in subgroups if s.sheet}
    assert with_sheet == {"1.07": FOOD, "5.01": DECOR, "5.02": HOUSEHOLD}
    assert book.subgroup("5.01").name.vi == "Thủ công mỹ nghệ, trang trí"


def test_148_classification_has_six_groups_and_no_sheets():
    for code in ("148-2023", "148-1489-2025"):
        book = load_rulebook(code)
        assert [g.name.vi for g in book.groups][3] == "Hàng thủ công mỹ nghệ"
        assert len(book.groups) == 6
        assert all(s.sheet is None for g in book.groups for s in g.subgroups)
        assert list_sheets(code) == ()
        assert sheet_for_subgroup(code, "1.3c") is None


def test_sheet_for_subgroup():
    assert sheet_for_subgroup(R1048, "5.01").code == DECOR
    assert sheet_for_subgroup(R1048, "1.01") is None
    with pytest.raises(LookupError):
        sheet_for_subgroup(R1048, "9.99")


def test_unknown_rulebook_and_sheet():
    with pytest.raises(LookupError):
        load_rulebook("2026")
    with pytest.raises(LookupError):
        load_sheet(R1048, "nope")


@pytest.mark.parametrize(("code", "leaves"), [(FOOD, 31), (DECOR, 28), (HOUSEHOLD, 29)])
def test_shipped_sheets_are_valid_and_sum_to_100(code, leaves):
    book = load_rulebook(R1048)
    sheet = load_sheet(R1048, code)
    assert validate_sheet(sheet, book) == []
    assert [(p.code, p.max_points) for p in sheet.parts] == [("A", 35), ("B", 25), ("C", 40)]
    assert len(sheet.leaves) == leaves
    for criterion in sheet.leaves:
        assert criterion.name.vi and criterion.name.en
        assert all(level.text.vi and level.text.en for level in criterion.levels)


def test_parts_a_and_b_are_shared_but_1_2_differs():
    food, decor = load_sheet(R1048, FOOD), load_sheet(R1048, DECOR)
    assert food.part("B") == decor.part("B")
    assert food.criterion("3.2") == decor.criterion("3.2")
    assert food.criterion("1.2").levels[0].text.vi == "Sơ chế đơn giản"
    assert decor.criterion("1.2").levels[0].text.vi == "Phân loại"


def test_rules_flags_of_the_shipped_sheets():
    food, decor = load_sheet(R1048, FOOD), load_sheet(R1048, DECOR)
    assert [lv.code for lv in food.criterion("1.1").levels if lv.knockout] == ["1"]
    assert [lv.code for lv in decor.criterion("6.2").levels if lv.knockout] == ["1"]
    assert [lv.points for lv in food.criterion("6.1").levels if lv.stop] == [0]
    nine = food.criterion("9")
    assert len(nine.levels) == 7 and nine.levels[0].stop and nine.max_points == 5
    assert food.criterion("5.2").condition.criterion == "5.1"
    assert food.criterion("5.3").condition.above == 0


def test_case_alternatives_of_3_2():
    criterion = load_sheet(R1048, FOOD).criterion("3.2")
    assert [c.code for c in criterion.cases] == ["a", "b"]
    assert [lv.code for lv in criterion.levels] == ["a1", "a2", "b1", "b2"]
    assert [lv.points for lv in criterion.levels_of("b")] == [0, 1]
    assert criterion.levels_of(None) == ()
    assert criterion.max_points == 2


def test_household_part_c_differs_as_the_reference_says():
    sheet = load_sheet(R1048, HOUSEHOLD)
    assert [lv.points for lv in sheet.criterion("6.3").levels] == [0, 2, 4, 6]
    assert [lv.points for lv in sheet.criterion("6.5").levels] == [0, 1, 3]
    assert [lv.points for lv in sheet.criterion("7").levels] == [0, 1, 3, 5]
    assert [lv.points for lv in sheet.criterion("8").levels] == [0, 1, 2, 3]
    assert sheet.criterion("9").name.vi == "Cơ hội thị trường toàn cầu"


def test_walk_gives_depths_for_a_form():
    rows = list(load_sheet(R1048, DECOR).walk())
    assert [(d, n.code) for d, n in rows[:3]] == [(0, "1"), (1, "1.1"), (1, "1.2")]
    assert load_sheet(R1048, DECOR).leaves_under("6")[0].code == "6.1"
    assert load_sheet(R1048, DECOR).leaves_under("99") == ()


def test_text_falls_back_to_vietnamese():
    assert Text("Mùi", "Smell").get("en") == "Smell"
    assert Text("Mùi").get("en") == "Mùi"
    assert Text("Mùi", "Smell").get() == "Mùi"


def test_read_sheet_file_resolves_fragments(tmp_path):
    book = load_rulebook(R1048)
    assert read_sheet_file(SHEETS_1048 / f"{FOOD}.json", book) == load_sheet(R1048, FOOD)


def test_sheet_with_unknown_ref_is_a_format_error():
    with pytest.raises(DataFormatError, match=r"unknown \$ref '1\.1'"):
        build_sheet(sheet_data(FOOD))


@pytest.mark.parametrize(
    "broken",
    [
        {"parts": [{"code": "A"}]},
        {
            "parts": [
                {
                    "code": "A",
                    "criteria": [
                        {
                            "code": "1",
                            "name": {"vi": "x"},
                            "levels": [{"points": True, "text": "x"}],
                        }
                    ],
                }
            ]
        },
        {
            "parts": [
                {
                    "code": "A",
                    "criteria": [
                        {
                            "code": "1",
                            "name": {"vi": "x"},
                            "levels": [{"points": "abc", "text": "x"}],
                        }
                    ],
                }
            ]
        },
        {"parts": [{"code": "A", "criteria": [{"code": "1", "name": {"en": "x"}}]}]},
    ],
)
def test_malformed_sheets_are_format_errors(broken):
    data = {"code": "x", "rulebook": R1048, "name": "Phiếu", **broken}
    with pytest.raises(DataFormatError, match=r"^sheet x: "):
        build_sheet(data)


def test_non_mapping_sheet_is_a_format_error():
    with pytest.raises(DataFormatError, match=r"^sheet \?: "):
        build_sheet(["not", "a", "sheet"])


def test_levels_accept_float_and_string_points():
    data = {
        "code": "x",
        "rulebook": "r",
        "name": "Phiếu",
        "parts": [
            {
                "code": "A",
                "criteria": [
                    {
                        "code": "1",
                        "name": "Một",
                        "levels": [{"points": 0.5, "text": "a"}, {"points": "1.5", "text": "b"}],
                    }
                ],
            }
        ],
    }
    assert [lv.points for lv in build_sheet(data).leaves[0].levels] == [D("0.5"), D("1.5")]


def test_malformed_rulebooks_are_format_errors():
    data = rulebook_data()
    data["council"]["rounding"] = "half_even"
    with pytest.raises(DataFormatError, match="unsupported rounding"):
        parse_rulebook(data)
    with pytest.raises(DataFormatError, match="KeyError"):
        parse_rulebook({"code": "x"})
    with pytest.raises(DataFormatError, match=r"^rulebook \?"):
        parse_rulebook("x")


def test_minimum_conditions_are_read():
    data = rulebook_data()
    data["minimum_conditions"] = [
        {
            "stars": 3,
            "criterion": "8.1",
            "min_points": 2,
            "sheets": [FOOD],
            "note": {"vi": "Có tiêu chuẩn"},
        }
    ]
    book = parse_rulebook(data)
    (condition,) = book.minimum_conditions
    assert (condition.stars, condition.criterion, condition.min_points) == (3, "8.1", 2)
    assert condition.applies_to(FOOD) and not condition.applies_to(DECOR)
    assert book.conditions_for(4, FOOD) == (condition,)
    assert book.conditions_for(2, FOOD) == ()


def test_a_rulebook_may_let_members_see_the_result():
    data = rulebook_data()
    data["council"]["members_see_result"] = True
    assert parse_rulebook(data).council.members_see_result


def test_band_by_stars():
    book = load_rulebook("148-2023")
    assert book.band(3).minimum == 50 and book.band(5).maximum is None
    assert book.band(1) is None
    assert load_rulebook(R1048).band(1).maximum == 30


def test_a_sheet_added_to_a_rulebook_folder_is_discovered(tmp_path, monkeypatch):
    import json
    import shutil

    from evalapp.rules import clear_caches, loader

    from .support import leaf

    shutil.copytree(loader.DATA_DIR, tmp_path / "rulebooks")
    folder = tmp_path / "rulebooks" / "148-2023" / "sheets"
    folder.mkdir()
    sheet = {
        "code": "thu-nghiem",
        "rulebook": "148-2023",
        "name": {"vi": "Phiếu thử 148"},
        "subgroups": ["1.3c"],
        "parts": [
            {"code": "A", "criteria": [leaf("1", 0, 40)]},
            {"code": "B", "criteria": [leaf("2", 0, 25)]},
            {"code": "C", "criteria": [leaf("3", 0, 35)]},
        ],
    }
    (folder / "thu-nghiem.json").write_text(json.dumps(sheet), encoding="utf-8")
    monkeypatch.setattr(loader, "DATA_DIR", tmp_path / "rulebooks")
    clear_caches()
    try:
        assert [s.code for s in list_sheets("148-2023")] == ["thu-nghiem"]
        assert load_sheet("148-2023", "thu-nghiem").subgroups == ("1.3c",)
    finally:
        monkeypatch.undo()
        clear_caches()
    assert list_sheets("148-2023") == ()


def test_groups_without_listed_subgroups_are_classes_of_their_own():
    rulebook = load_rulebook("148-1489-2025")
    handicraft = rulebook.product_class("4")
    assert handicraft is not None and handicraft[1] is None
    assert "thủ công" in handicraft[0].name.vi.lower()
    food_group, food_subgroup = rulebook.product_class("1.3a")
    assert food_group.code == "1" and food_subgroup.code == "1.3a"
    assert rulebook.product_class("1") is None  # food lists subgroups: the group alone is no class
    assert rulebook.product_class("9.99") is None
