"""What a province sees when a new version of a criteria sheet replaces the old one."""

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from evalapp.rules import Condition, NoteRule, Text, list_sheets, load_sheet
from evalapp.rules.diff import ChangeKind, diff_sheets

from .support import DECOR, HOUSEHOLD, R1048, D

DECOR_SHEET = load_sheet(R1048, DECOR)
ALL_SHEETS = list_sheets(R1048) + list_sheets("26-2026")


def edit_node(sheet, code, **changes):
    """The sheet with criterion `code` changed (a node anywhere in the tree)."""

    def visit(node):
        if node.code == code:
            return replace(node, **changes)
        return replace(node, children=tuple(visit(c) for c in node.children))

    parts = tuple(replace(p, criteria=tuple(visit(n) for n in p.criteria)) for p in sheet.parts)
    return replace(sheet, parts=parts)


def edit_level(sheet, code, level_code, **changes):
    node = sheet.criterion(code)
    levels = tuple(replace(lv, **changes) if lv.code == level_code else lv for lv in node.levels)
    return edit_node(sheet, code, levels=levels)


def only(diff):
    assert len(diff.changes) == 1, [c.message_vi for c in diff.changes]
    return diff.changes[0]


def test_identical_sheets_have_no_difference():
    for sheet in ALL_SHEETS:
        assert not diff_sheets(sheet, sheet)
        assert diff_sheets(sheet, sheet).changes == ()


def test_an_option_worth_more_says_which_option_from_what_to_what():
    leaf, level = next(
        (leaf, lv)
        for leaf in DECOR_SHEET.leaves
        for lv in leaf.levels
        if lv.points + 1 < leaf.max_points
    )
    change = only(
        diff_sheets(
            DECOR_SHEET, edit_level(DECOR_SHEET, leaf.code, level.code, points=level.points + 1)
        )
    )
    assert change.kind == ChangeKind.POINTS
    assert (change.criterion, change.option) == (leaf.code, level.code)
    assert change.old == level.points and change.new == level.points + 1
    assert change.message_vi == (
        f"Tiêu chí {leaf.code}: điểm mức {level.code} đổi từ {level.points} thành {level.points + 1}"
    )
    assert change.message_en.startswith(f"Criterion {leaf.code}: points of option {level.code}")


def test_a_part_total_change_is_listed_beside_the_option():
    leaf = DECOR_SHEET.leaves[0]
    level = max(leaf.levels, key=lambda lv: lv.points)
    new = edit_level(DECOR_SHEET, leaf.code, level.code, points=level.points + 2)
    changes = diff_sheets(DECOR_SHEET, new).changes
    assert [c.field for c in changes] == ["part_total", "points"]
    total = changes[0]
    assert total.part == leaf.part and total.criterion is None
    assert total.new - total.old == 2
    assert total.message_vi.startswith(f"Phần {leaf.part}: tổng điểm tối đa đổi từ")


def test_a_reworded_criterion_name_and_note():
    node = DECOR_SHEET.leaves[3]
    renamed = only(
        diff_sheets(
            DECOR_SHEET, edit_node(DECOR_SHEET, node.code, name=Text("Tên mới", "New name"))
        )
    )
    assert renamed.kind == ChangeKind.CRITERION_REWORDED and renamed.field == "name"
    assert "“Tên mới”" in renamed.message_vi and "“New name”" in renamed.message_en
    noted = only(diff_sheets(DECOR_SHEET, edit_node(DECOR_SHEET, node.code, note=Text("Lưu ý"))))
    assert (noted.kind, noted.field, noted.new) == (
        ChangeKind.CRITERION_REWORDED,
        "note",
        Text("Lưu ý"),
    )


def test_stated_points_change():
    node = DECOR_SHEET.leaves[2]
    change = only(diff_sheets(DECOR_SHEET, edit_node(DECOR_SHEET, node.code, stated_points=D(7))))
    assert (change.kind, change.field, change.new) == (ChangeKind.POINTS, "points", D(7))


def test_an_added_and_a_removed_criterion():
    part = DECOR_SHEET.parts[-1]
    last = part.criteria[-1]
    extra = replace(last, code="99", name=Text("Tiêu chí mới"))
    longer = replace(
        DECOR_SHEET,
        parts=(*DECOR_SHEET.parts[:-1], replace(part, criteria=(*part.criteria, extra))),
    )
    added = diff_sheets(DECOR_SHEET, longer)
    assert [c.kind for c in added.changes] == [ChangeKind.POINTS, ChangeKind.CRITERION_ADDED]
    assert added.changes[1].criterion == "99"
    assert added.changes[1].message_vi.startswith("Tiêu chí 99 “Tiêu chí mới”: thêm")
    removed = diff_sheets(longer, DECOR_SHEET)
    assert [c.kind for c in removed.changes] == [ChangeKind.POINTS, ChangeKind.CRITERION_REMOVED]
    assert "bỏ" in removed.changes[1].message_vi


def test_a_removed_criterion_is_listed_where_it_stood():
    part = DECOR_SHEET.parts[0]
    first, second = part.criteria[0], part.criteria[1]
    shorter = replace(
        DECOR_SHEET, parts=(replace(part, criteria=part.criteria[1:]), *DECOR_SHEET.parts[1:])
    )
    reworded = edit_node(shorter, second.code, name=Text("Khác"))
    changes = diff_sheets(DECOR_SHEET, reworded).changes
    removed = [c for c in changes if c.kind == ChangeKind.CRITERION_REMOVED]
    assert [c.criterion for c in removed] == [node.code for _, node in first.walk()]
    kinds = [c.kind for c in changes if c.criterion is not None]
    assert kinds.index(ChangeKind.CRITERION_REMOVED) < kinds.index(ChangeKind.CRITERION_REWORDED)


def test_options_added_removed_and_reworded():
    leaf = DECOR_SHEET.leaves[0]
    first = leaf.levels[0]
    reworded = only(
        diff_sheets(DECOR_SHEET, edit_level(DECOR_SHEET, leaf.code, first.code, text=Text("Khác")))
    )
    assert (reworded.kind, reworded.option) == (ChangeKind.OPTION_REWORDED, first.code)
    fewer = edit_node(DECOR_SHEET, leaf.code, levels=leaf.levels[1:])
    removed = only(diff_sheets(DECOR_SHEET, fewer))
    assert (removed.kind, removed.option, removed.old) == (
        ChangeKind.OPTION_REMOVED,
        first.code,
        first,
    )
    assert removed.message_vi.startswith(f"Tiêu chí {leaf.code}: bỏ mức {first.code}")
    added = only(diff_sheets(fewer, DECOR_SHEET))
    assert (added.kind, added.option) == (ChangeKind.OPTION_ADDED, first.code)


def test_option_markers():
    leaf = next(leaf for leaf in DECOR_SHEET.leaves if not any(lv.knockout for lv in leaf.levels))
    code = leaf.levels[0].code
    for field, value in (("stars", 3), ("knockout", True), ("stop", True)):
        change = only(
            diff_sheets(DECOR_SHEET, edit_level(DECOR_SHEET, leaf.code, code, **{field: value}))
        )
        assert (change.kind, change.field, change.option, change.new) == (
            ChangeKind.MARKER,
            field,
            code,
            value,
        )
    star = only(diff_sheets(DECOR_SHEET, edit_level(DECOR_SHEET, leaf.code, code, stars=4)))
    assert star.message_vi == f"Tiêu chí {leaf.code}, mức {code}: dấu sao đổi từ (không có) thành 4"


def test_criterion_markers():
    leaf, other = DECOR_SHEET.leaves[4], DECOR_SHEET.leaves[0]
    edits = {
        "condition": Condition(other.code, D(0)),
        "rules": (NoteRule("knockout", Text("Bị loại nếu sai")),),
        "yes_no": True,
    }
    for field, value in edits.items():
        change = only(diff_sheets(DECOR_SHEET, edit_node(DECOR_SHEET, leaf.code, **{field: value})))
        assert (change.kind, change.field, change.criterion) == (
            ChangeKind.MARKER,
            field,
            leaf.code,
        )
    condition = only(
        diff_sheets(DECOR_SHEET, edit_node(DECOR_SHEET, leaf.code, condition=edits["condition"]))
    )
    assert condition.message_vi.endswith(
        f"điều kiện áp dụng đổi từ (không có) thành {other.code} > 0"
    )


def test_sheet_level_changes():
    edits = {
        "name": Text("Phiếu mới"),
        "subgroups": ("5.01", "5.02"),
        "exclusion": Text("Hồ sơ bị loại khi: giả mạo"),
        "star_note": Text("Ghi chú sao"),
    }
    for field, value in edits.items():
        change = only(diff_sheets(DECOR_SHEET, replace(DECOR_SHEET, **{field: value})))
        assert (change.kind, change.field, change.criterion) == (ChangeKind.SHEET, field, None)
        assert change.message_vi.startswith("Phiếu: ")
    subgroups = only(diff_sheets(DECOR_SHEET, replace(DECOR_SHEET, subgroups=("5.01", "5.02"))))
    assert subgroups.message_vi == "Phiếu: nhóm sản phẩm đổi từ 5.01 thành 5.01; 5.02"


def test_the_two_1048_handicraft_sheets_differ_where_the_decision_differs():
    diff = diff_sheets(DECOR_SHEET, load_sheet(R1048, HOUSEHOLD))
    messages = [c.message_vi for c in diff.changes]
    assert messages[:2] == [
        "Phiếu: tên đổi từ “Phiếu đánh giá sản phẩm: Thủ công mỹ nghệ, trang trí” thành "
        "“Phiếu đánh giá sản phẩm: Thủ công mỹ nghệ gia dụng”",
        "Phiếu: nhóm sản phẩm đổi từ 5.01 thành 5.02",
    ]
    assert "Tiêu chí 6.3: điểm mức 3 đổi từ 5 thành 4" in messages
    assert [c.criterion for c in diff.of_kind(ChangeKind.CRITERION_ADDED)] == ["9"]
    assert not diff.of_kind(ChangeKind.CRITERION_REMOVED)
    assert {c.part for c in diff.changes if c.criterion} == {"C"}  # parts A and B are shared
    assert diff.old == DECOR and diff.new == HOUSEHOLD


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(ALL_SHEETS), st.sampled_from(ALL_SHEETS))
def test_a_diff_is_empty_exactly_when_the_sheets_are_equal_and_mirrors_its_reverse(old, new):
    forward, backward = diff_sheets(old, new), diff_sheets(new, old)
    assert bool(forward) is (old != new)
    assert len(forward.of_kind(ChangeKind.CRITERION_ADDED)) == len(
        backward.of_kind(ChangeKind.CRITERION_REMOVED)
    )
    assert len(forward.of_kind(ChangeKind.OPTION_ADDED)) == len(
        backward.of_kind(ChangeKind.OPTION_REMOVED)
    )
    assert {(c.field, c.criterion, c.option) for c in forward.of_kind(ChangeKind.POINTS)} == {
        (c.field, c.criterion, c.option) for c in backward.of_kind(ChangeKind.POINTS)
    }
    assert all(c.message_vi and c.message_en for c in forward.changes)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(list_sheets(R1048)), st.data())
def test_any_single_option_points_change_is_found_exactly(sheet, data):
    leaf = data.draw(st.sampled_from(sheet.leaves))
    level = data.draw(st.sampled_from([lv for lv in leaf.levels if not lv.generated]))
    points = data.draw(
        st.decimals(min_value=0, max_value=20, places=1).filter(lambda p: p != level.points)
    )
    changes = diff_sheets(sheet, edit_level(sheet, leaf.code, level.code, points=points)).changes
    option_changes = [c for c in changes if c.option is not None]
    assert [(c.criterion, c.option, c.old, c.new) for c in option_changes] == [
        (leaf.code, level.code, level.points, points)
    ]
