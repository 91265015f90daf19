"""A sheet file that cannot be used is left out and reported; it never takes its rulebook's
other sheets down (issue 15, items 3 and 6), and a sheet's own `subgroups` are honoured."""

import json
import logging

import pytest

from evalapp.rules import (
    ProblemKind,
    SheetUnavailable,
    clear_caches,
    list_sheets,
    load_rulebook,
    load_sheet,
    sheet_code_for,
    sheet_file_problems,
    sheet_for_subgroup,
    subgroup_sheet_codes,
    validate_sheet,
)
from evalapp.rules.reading import build_sheet

from .support import DECOR, FOOD, HOUSEHOLD, R1048, leaf, sheet_data

SHIPPED_1048 = {DECOR, FOOD, HOUSEHOLD}


def small_148_sheet(code="thu-nghiem", subgroups=("1.3c",), c_max=35):
    return {
        "code": code,
        "rulebook": "148-2023",
        "name": {"vi": "Phiếu thử 148"},
        "subgroups": list(subgroups),
        "parts": [
            {"code": "A", "criteria": [leaf("1", 0, 40)]},
            {"code": "B", "criteria": [leaf("2", 0, 25)]},
            {"code": "C", "criteria": [leaf("3", 0, c_max)]},
        ],
    }


def write(folder, name, data):
    folder.mkdir(exist_ok=True)
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    (folder / name).write_text(text, encoding="utf-8")


def messages(problem):
    return [message.vi for message in problem.messages]


def test_a_sheet_with_a_wrong_sum_is_left_out_and_the_others_still_load(shipped_data, caplog):
    broken = sheet_data(DECOR)
    broken["parts"][0]["criteria"].pop()
    write(shipped_data / R1048 / "sheets", "zz-hong.json", {**broken, "code": "zz-hong"})
    with caplog.at_level(logging.ERROR, logger="evalapp.rules.loader"):
        assert {s.code for s in list_sheets(R1048)} == SHIPPED_1048
        (problem,) = sheet_file_problems(R1048)
    assert problem.file == "zz-hong.json"
    assert any(m.startswith("Phần A: tổng điểm tối đa") for m in messages(problem))
    assert "zz-hong.json" in caplog.text
    assert sheet_file_problems("26-2026") == ()
    assert len(list_sheets("26-2026")) == 26


def test_a_second_file_reusing_a_shipped_code_is_refused_not_swapped_in(shipped_data):
    copy = sheet_data(DECOR)
    copy["name"] = {"vi": "Bản sao đổi tên"}
    write(shipped_data / R1048 / "sheets", "zzz-ban-sao.json", copy)
    assert load_sheet(R1048, DECOR).name.vi != "Bản sao đổi tên"
    (problem,) = sheet_file_problems()
    assert messages(problem) == [f"Mã phiếu {DECOR} trùng với tệp {DECOR}.json"]


def test_unreadable_json_is_reported_with_the_parser_error(shipped_data):
    write(shipped_data / R1048 / "sheets", "hong.json", '{"code": "hong", ')
    (problem,) = sheet_file_problems(R1048)
    assert messages(problem)[0].startswith("Tệp không đọc được:")
    assert {s.code for s in list_sheets(R1048)} == SHIPPED_1048


def test_a_shipped_sheet_broken_in_place_is_unavailable_but_keeps_its_subgroup(shipped_data):
    path = shipped_data / R1048 / "sheets" / f"{FOOD}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["parts"] = []
    write(path.parent, path.name, data)
    with pytest.raises(SheetUnavailable) as unavailable:
        load_sheet(R1048, FOOD)
    assert unavailable.value.sheet_code == FOOD
    subgroup = next(s for g in load_rulebook(R1048).groups for s in g.subgroups if s.sheet == FOOD)
    assert sheet_code_for(R1048, subgroup.code) == FOOD  # a dossier still names it
    assert subgroup.code not in subgroup_sheet_codes(R1048)  # no page links to it
    with pytest.raises(SheetUnavailable):
        sheet_for_subgroup(R1048, subgroup.code)


def test_a_sheet_serves_the_subgroups_it_lists(shipped_data):
    assert sheet_for_subgroup("148-2023", "1.3c") is None
    write(shipped_data / "148-2023" / "sheets", "thu-nghiem.json", small_148_sheet())
    clear_caches()  # shipped files are read once per process
    assert sheet_code_for("148-2023", "1.3c") == "thu-nghiem"
    assert sheet_for_subgroup("148-2023", "1.3c").code == "thu-nghiem"
    assert subgroup_sheet_codes("148-2023") == {"1.3c": "thu-nghiem"}


def test_a_subgroup_is_served_by_one_sheet_only(shipped_data):
    folder = shipped_data / "148-2023" / "sheets"
    write(folder, "a.json", small_148_sheet("a"))
    write(folder, "b.json", small_148_sheet("b"))
    assert [s.code for s in list_sheets("148-2023")] == ["a"]
    (problem,) = sheet_file_problems("148-2023")
    assert (problem.file, messages(problem)) == ("b.json", ["Nhóm sản phẩm 1.3c đã dùng phiếu a"])


def test_a_sheet_cannot_take_a_subgroup_the_rulebook_gives_another_sheet(shipped_data):
    subgroup = next(s for g in load_rulebook(R1048).groups for s in g.subgroups if s.sheet == DECOR)
    other = {**sheet_data(HOUSEHOLD), "code": "gia-dung-2", "subgroups": [subgroup.code]}
    write(shipped_data / R1048 / "sheets", "gia-dung-2.json", other)
    (problem,) = sheet_file_problems(R1048)
    assert messages(problem) == [f"Nhóm sản phẩm {subgroup.code} đã dùng phiếu {DECOR}"]


def test_every_problem_of_a_file_is_listed_at_once(shipped_data):
    data = small_148_sheet("hai-loi", c_max=30)
    data["parts"][0]["criteria"].append(leaf("1", 0, 0))
    write(shipped_data / "148-2023" / "sheets", "hai-loi.json", data)
    (problem,) = sheet_file_problems("148-2023")
    found = messages(problem)
    assert "Mã tiêu chí 1 bị trùng" in found
    assert any(m.startswith("Phần C: tổng điểm tối đa 30") for m in found)


@pytest.mark.parametrize(
    "code",
    ["a/b", "../x", "", "-dau-gach", "có-dấu", "x" * 61, "khoảng trắng"],
)
def test_sheet_codes_must_fit_a_url_segment_and_the_column(code):
    sheet = build_sheet(small_148_sheet(code))
    problems = validate_sheet(sheet, load_rulebook("148-2023"))
    assert [p.kind for p in problems] == [ProblemKind.BAD_CODE]
    assert "tối đa 60 ký tự" in problems[0].message_vi


def test_a_sheet_code_of_60_characters_is_accepted():
    sheet = build_sheet(small_148_sheet("x" * 60))
    assert validate_sheet(sheet, load_rulebook("148-2023")) == []


def test_criterion_and_option_codes_must_fit_their_columns():
    data = small_148_sheet()
    data["parts"][0]["criteria"] = [leaf("1" * 21, 0, 40)]
    data["parts"][1]["criteria"][0]["levels"][0]["code"] = "m" * 21
    problems = validate_sheet(build_sheet(data), load_rulebook("148-2023"))
    assert [(p.kind, p.actual) for p in problems] == [
        (ProblemKind.BAD_CODE, "1" * 21),
        (ProblemKind.BAD_CODE, "m" * 21),
    ]
