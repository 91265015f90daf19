"""A sheet is refused with a precise, bilingual reason when it does not fit its rulebook."""

from decimal import Decimal

import pytest

from evalapp.rules import (
    ProblemKind,
    SheetInvalid,
    build_sheet,
    check_sheet,
    format_points,
    load_rulebook,
    parse_rulebook,
    parse_sheet,
    validate_sheet,
)

from .support import (
    DECOR,
    R1048,
    find_node,
    fragments,
    leaf,
    rulebook_data,
    sheet_data,
    tiny_rulebook,
    tiny_sheet_data,
)

D = Decimal


def _decor_with(code, edit):
    data, index = sheet_data(DECOR), fragments()
    edit(find_node(data, code, index))
    return data, index


def test_part_that_does_not_sum_is_refused_with_the_exact_message():
    data, index = _decor_with("6.3", lambda n: n["levels"][-1].update(points=8))
    with pytest.raises(SheetInvalid) as caught:
        parse_sheet(data, load_rulebook(R1048), index)
    (problem,) = caught.value.problems
    assert problem.kind is ProblemKind.PART_TOTAL
    assert (problem.part, problem.expected, problem.actual) == ("C", 40, 38)
    assert problem.message_vi == "Phần C: tổng điểm tối đa 38, cần 40"
    assert problem.message_en == "Part C: maximum total 38, expected 40"
    assert problem.message("en") == problem.message_en and problem.message() == problem.message_vi
    assert str(caught.value) == f"Phiếu {DECOR} không hợp lệ: Phần C: tổng điểm tối đa 38, cần 40"


def test_fractional_totals_use_a_decimal_comma_in_vietnamese():
    data, index = _decor_with("6.3", lambda n: n["levels"][-1].update(points=D("8.5")))
    (problem,) = validate_sheet(build_sheet(data, index), load_rulebook(R1048))
    assert problem.message_vi == "Phần C: tổng điểm tối đa 38,5, cần 40"
    assert problem.message_en == "Part C: maximum total 38.5, expected 40"


def test_a_part_above_its_maximum_is_refused_too():
    data, index = _decor_with("6.3", lambda n: n["levels"][-1].update(points=11))
    (problem,) = validate_sheet(build_sheet(data, index), load_rulebook(R1048))
    assert problem.message_vi == "Phần C: tổng điểm tối đa 41, cần 40"


def test_the_1048_sheet_does_not_fit_the_148_rulebook():
    data = sheet_data(DECOR)
    data["rulebook"] = "148-2023"
    problems = validate_sheet(build_sheet(data, fragments()), load_rulebook("148-2023"))
    messages = [p.message_vi for p in problems if p.kind is ProblemKind.PART_TOTAL]
    assert messages == [
        "Phần A: tổng điểm tối đa 35, cần 40",
        "Phần C: tổng điểm tối đa 40, cần 35",
    ]
    assert {p.kind for p in problems} == {ProblemKind.PART_TOTAL, ProblemKind.UNKNOWN_SUBGROUP}


def test_negative_points():
    data, index = _decor_with("6.6", lambda n: n["levels"][0].update(points=-1))
    problems = validate_sheet(build_sheet(data, index), load_rulebook(R1048))
    negative = next(p for p in problems if p.kind is ProblemKind.NEGATIVE_POINTS)
    assert (negative.part, negative.criterion, negative.actual) == ("C", "6.6", -1)
    assert negative.message_vi == "Tiêu chí 6.6: mức 1 có điểm âm (-1)"
    assert negative.message_en == "Criterion 6.6: level 1 has negative points (-1)"


def test_leaf_without_levels():
    data = tiny_sheet_data()
    data["parts"][0]["criteria"].append({"code": "a2", "name": "Trống", "levels": []})
    (problem,) = validate_sheet(build_sheet(data), tiny_rulebook())
    assert problem.kind is ProblemKind.NO_LEVELS
    assert problem.message_vi == "Tiêu chí a2: chưa có mức đánh giá nào"
    assert problem.message_en == "Criterion a2: has no levels"


def test_node_with_children_and_levels():
    data = tiny_sheet_data()
    node = data["parts"][0]["criteria"][0]
    node["children"] = [leaf("a1.1", 0)]
    problems = validate_sheet(build_sheet(data), tiny_rulebook())
    assert [p.kind for p in problems] == [ProblemKind.MIXED_NODE, ProblemKind.PART_TOTAL]
    assert problems[0].criterion == "a1"


def test_dangling_condition():
    data = tiny_sheet_data()
    data["parts"][1]["criteria"][0]["condition"] = {"criterion": "z9"}
    (problem,) = validate_sheet(build_sheet(data), tiny_rulebook())
    assert problem.kind is ProblemKind.DANGLING_CONDITION
    assert (problem.criterion, problem.actual) == ("b1", "z9")
    assert problem.message_vi == "Tiêu chí b1: điều kiện tham chiếu tiêu chí z9 không tồn tại"


@pytest.mark.parametrize("target", ["b1", "A-section"])
def test_condition_on_itself_or_on_a_section_is_dangling(target):
    data = tiny_sheet_data()
    data["parts"][0]["criteria"] = [
        {"code": "A-section", "name": "Mục", "children": [leaf("a1", 0, 5, 10)]}
    ]
    data["parts"][1]["criteria"][0]["condition"] = {"criterion": target}
    kinds = [p.kind for p in validate_sheet(build_sheet(data), tiny_rulebook())]
    assert kinds == [ProblemKind.DANGLING_CONDITION]


def test_duplicate_criterion_and_level_codes():
    data = tiny_sheet_data()
    data["parts"][1]["criteria"][0]["code"] = "a1"
    data["parts"][0]["criteria"][0]["levels"][1]["code"] = "0"
    problems = validate_sheet(build_sheet(data), tiny_rulebook())
    kinds = [p.kind for p in problems]
    assert kinds == [ProblemKind.DUPLICATE_CODE, ProblemKind.DUPLICATE_LEVEL]
    assert problems[0].message_vi == "Mã tiêu chí a1 bị trùng"
    assert problems[1].message_vi == "Tiêu chí a1: mã mức 0 bị trùng"


def test_unknown_and_missing_parts_and_wrong_rulebook():
    data = tiny_sheet_data()
    data["parts"][1]["code"] = "D"
    data["rulebook"] = "other"
    problems = validate_sheet(build_sheet(data), tiny_rulebook())
    assert [p.kind for p in problems] == [
        ProblemKind.WRONG_RULEBOOK,
        ProblemKind.UNKNOWN_PART,
        ProblemKind.MISSING_PART,
    ]
    assert problems[1].message_vi == "Phần D: không có trong bộ tiêu chí tiny"
    assert problems[2].message_vi == "Phần B: thiếu trong phiếu"


def test_minimum_condition_on_a_criterion_absent_from_the_sheet():
    conditions = [
        {"stars": 3, "criterion": "z1", "min_points": 1},
        {"stars": 3, "criterion": "z2", "min_points": 1, "sheets": ["other"]},
    ]
    problems = validate_sheet(
        build_sheet(tiny_sheet_data()), tiny_rulebook(minimum_conditions=conditions)
    )
    assert [(p.kind, p.criterion) for p in problems] == [
        (ProblemKind.UNKNOWN_MINIMUM_CRITERION, "z1")
    ]


def test_check_sheet_returns_a_valid_sheet():
    sheet = build_sheet(tiny_sheet_data())
    assert check_sheet(sheet, tiny_rulebook()) is sheet


def test_rulebook_with_different_maxima_is_checked_exactly():
    data = rulebook_data("148-2023")
    data["code"] = "tiny"
    data["parts"] = [
        {"code": p, "name": p, "maximum": m} for p, m in zip("ABC", (10, 10, 79), strict=True)
    ]
    with pytest.raises(SheetInvalid, match="Phần C: tổng điểm tối đa 80, cần 79"):
        parse_sheet(tiny_sheet_data(), parse_rulebook(data))


@pytest.mark.parametrize(
    ("value", "vi", "en"),
    [
        (D("38"), "38", "38"),
        (D("38.0"), "38", "38"),
        (D("38.50"), "38,5", "38.5"),
        (D("40"), "40", "40"),
        (D("0"), "0", "0"),
        (D("-1"), "-1", "-1"),
        (7, "7", "7"),
        (D("100.00"), "100", "100"),
        (D("69.99"), "69,99", "69.99"),
    ],
)
def test_format_points(value, vi, en):
    assert format_points(value) == vi
    assert format_points(value, "en") == en
