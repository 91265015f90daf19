"""Decision 26/2026/QĐ-TTg as data: facts of the text, star minima, exclusion, transition."""

from datetime import date
from decimal import Decimal

import pytest

from evalapp.rules import (
    EXCLUSION_CODE,
    Outcome,
    RegistrationType,
    aggregate,
    build_sheet,
    check_sheet,
    forwarding,
    gap_report,
    load_rulebook,
    recognising_level,
    score_sheet,
)
from evalapp.rules.ceiling import sheet_ceiling
from evalapp.rules.transition import (
    accepts_new_filings,
    period_end,
    replaced_until,
    transition_deadline,
)

D = Decimal
R26 = load_rulebook("26-2026")
R1489 = load_rulebook("148-1489-2025")


def test_bands_of_article_3_3_on_the_rounded_average():
    bands = {b.stars: (b.minimum, b.maximum) for b in R26.star_bands}
    assert bands == {1: (0, 30), 2: (30, 50), 3: (50, 70), 4: (70, 90), 5: (90, None)}
    for score, stars in [("29.99", 1), ("30.00", 2), ("49.99", 2), ("50.00", 3), ("69.99", 3),
                         ("70.00", 4), ("89.99", 4), ("90.00", 5), ("100.00", 5)]:  # fmt: skip
        assert R26.band_for(D(score)).stars == stars


def test_levels_of_article_4_province_3_and_4_ministry_5_none_for_1_or_2():
    assert [lv.code for lv in R26.levels] == ["commune", "province", "central"]
    assert not R26.level("commune").scores  # Điều 7.2: the commune assesses, does not score
    assert R26.level("province").recognises == (3, 4)
    assert R26.level("central").recognises == (5,)
    assert recognising_level(R26, 1) is None and recognising_level(R26, 2) is None
    assert R26.certificate.min_stars == 3 and R26.certificate.validity_months == 36  # Điều 4.3


@pytest.mark.parametrize(("score", "forwarded"), [("89.99", False), ("90.00", True)])
def test_province_forwards_to_the_ministry_from_90(score, forwarded):
    assert forwarding(R26, "province", D(score)).forwarded is forwarded  # Điều 7.3.e


def test_dossier_of_article_6_forms_01_and_02_and_what_changed():
    first = {i.code for i in R26.checklist("first_time").items if i.required}
    assert first == {"mau_01_phieu_dang_ky", "mau_02_bao_cao_tu_danh_gia"}
    upgrade = {i.code for i in R26.checklist("upgrade").items if i.required}
    assert upgrade == first | {"minh_chung_thay_doi"}  # Điều 6.1.b
    again = {i.code for i in R26.checklist("re_evaluation").items if i.required}
    assert again == first | {"cap_nhat_sau_cong_nhan"}  # Điều 6.1.c
    photos = next(i for i in R26.checklist("first_time").items if i.code == "anh_san_pham")
    assert photos.exempt_groups == ("VI",)  # Điều 6.2.d: no samples for tourism


def test_annex_i_six_sectors_seventeen_groups_twenty_six_product_sets():
    assert [g.code for g in R26.groups] == ["I", "II", "III", "IV", "V", "VI"]
    subgroups = [s for g in R26.groups for s in g.subgroups]
    assert len(subgroups) == 26
    assert len({s.family.code for s in subgroups}) == 17
    assert all(s.lead_ministry and s.lead_ministry.vi.startswith("Bộ ") for s in subgroups)
    crafts = R26.subgroup("IV.1")
    assert crafts.name.vi == "Thủ công mỹ nghệ gia dụng, trang trí"
    assert crafts.lead_ministry.vi == "Bộ Công Thương; Bộ Nông nghiệp và Môi trường"
    assert R26.subgroup("I.3.a").lead_ministry.vi == "Bộ Công Thương"
    assert R26.subgroup("II.2.a").lead_ministry.vi == "Bộ Y tế"


# --- transition (Điều 11.2, 12.2; Bộ luật Dân sự 2015 Điều 147–148) --------------------------


def test_148_and_1489_end_with_21_july_2026():
    """ "hết hiệu lực sau 60 ngày kể từ ngày Quyết định này có hiệu lực" (22/5/2026): the first
    day is not counted, so the 60th day is 21/7/2026."""
    assert period_end(date(2026, 5, 22), 60) == date(2026, 7, 21)
    assert replaced_until(R26) == date(2026, 7, 21) == R1489.applies_until
    assert R1489.applies_on(date(2026, 7, 21)) and not R1489.applies_on(date(2026, 7, 22))


@pytest.mark.parametrize(
    ("day", "old", "new"),
    [
        (date(2026, 5, 21), True, False),
        (date(2026, 5, 22), False, True),
        (date(2026, 7, 21), False, True),
        (date(2026, 7, 22), False, True),
    ],
)
def test_new_filings_go_to_the_rulebook_in_force(day, old, new):
    assert accepts_new_filings(R1489, day) is old
    assert accepts_new_filings(R26, day) is new


@pytest.mark.parametrize(
    ("filed", "kind", "deadline"),
    [
        (date(2026, 5, 21), RegistrationType.FIRST_TIME, date(2026, 7, 21)),  # 60 days
        (date(2026, 5, 21), RegistrationType.UPGRADE, date(2026, 7, 21)),
        (date(2026, 5, 21), RegistrationType.RE_EVALUATION, date(2026, 6, 21)),  # 30 days
        (date(2026, 1, 5), RegistrationType.FIRST_TIME, date(2026, 7, 21)),
        (date(2026, 5, 22), RegistrationType.FIRST_TIME, None),  # filed under 26/2026
    ],
)
def test_dossiers_filed_before_22_may_finish_under_the_old_rules_by(filed, kind, deadline):
    assert transition_deadline(R1489, filed, kind) == deadline
    assert transition_deadline(R26, filed, kind) is None  # nothing replaces 26/2026 yet


# --- star minima on a sheet shaped like Phụ lục II -------------------------------------------


def sheet26(**extra):
    """A small valid 26/2026-style sheet: A 40 / B 25 / C 35, with starred options on 1.1 (3★
    at 1 point, 5★ at 4), a yes/no criterion, a conditional one, a knock-out note and a stop."""

    def lv(points, stars=None):
        level = {"points": points, "text": {"vi": f"phương án {points}"}}
        return level | ({"stars": stars} if stars else {})

    data = {
        "code": "t26", "rulebook": "26-2026", "number": 99,
        "name": {"vi": "Bộ sản phẩm: thử"}, "subgroups": [],
        "exclusion": {"vi": "Hồ sơ bị loại khi: Giả mạo hồ sơ"},
        "parts": [
            {"code": "A", "points": 40, "criteria": [
                {"code": "1", "name": {"vi": "TỔ CHỨC"}, "points": 40, "children": [
                    {"code": "1.1", "name": {"vi": "Nguồn nguyên liệu"}, "points": 4,
                     "levels": [lv(0), lv(1, 3), lv(2), lv(4, 5)],
                     "rules": [{"kind": "knockout", "text": {"vi": "Ghi chú: Bị loại nếu nhập khẩu"}}]},
                    {"code": "1.2", "name": {"vi": "Song ngữ"}, "points": 1, "yes_no": True},
                    {"code": "1.3", "name": {"vi": "Phần còn lại"}, "points": 35, "levels": [lv(0), lv(35)]},
                ]},
            ]},
            {"code": "B", "points": 25, "criteria": [
                {"code": "5.1", "name": {"vi": "Câu chuyện"}, "points": 5, "levels": [lv(0), lv(2, 4), lv(5)]},
                {"code": "5.2", "name": {"vi": "Cấu trúc"}, "points": 20, "levels": [lv(0), lv(20)],
                 "condition": {"criterion": "5.1", "above": 0, "text": {"vi": "Chỉ áp dụng khi có câu chuyện sản phẩm"}}},
            ]},
            {"code": "C", "points": 35, "criteria": [
                {"code": "6.1", "name": {"vi": "Cảm quan"}, "points": 35, "levels": [lv(0), lv(35)],
                 "rules": [{"kind": "stop", "text": {"vi": "Ghi chú: Không xem xét các chỉ tiêu khác nếu có tạp chất"}}]},
            ]},
        ],
    } | extra  # fmt: skip
    return check_sheet(build_sheet(data), R26)


SHEET = sheet26()
BEST = {"1.1": "4", "1.2": "co", "1.3": "2", "5.1": "3", "5.2": "2", "6.1": "2"}


def test_markers_become_starred_requirements_and_generated_levels_are_marked():
    minima = {(c.criterion, c.stars): c.min_points for c in SHEET.star_minima}
    assert minima == {("1.1", 3): 1, ("1.1", 5): 4, ("5.1", 4): 2}
    assert all(c.starred for c in SHEET.star_minima)
    yes_no = SHEET.criterion("1.2")
    assert [(lv.code, lv.points, lv.generated) for lv in yes_no.levels] == [
        ("khong", 0, True), ("co", 1, True)]  # fmt: skip
    assert SHEET.criterion("1.1").level("loai").knockout
    assert SHEET.criterion("6.1").level("dung").stop
    assert SHEET.criterion(EXCLUSION_CODE).name.vi.startswith("Hồ sơ bị loại khi")
    assert SHEET.criterion("1.1").max_points == 4


def result_of(*member_choices):
    return aggregate(R26, SHEET, [score_sheet(SHEET, c) for c in member_choices])


def test_a_full_score_is_five_stars():
    result = result_of(BEST, BEST)
    assert (result.score, result.stars, result.outcome) == (100, 5, Outcome.CLASSIFIED)


def test_the_class_is_the_band_capped_by_the_starred_requirement_on_the_average():
    """1.1 needs 4 points for 5★: members giving 4 and 2 average 3 → 4★ at 98 points."""
    result = result_of(BEST, BEST | {"1.1": "3"})
    assert result.score == D("99.00") and result.classification.band.stars == 5
    assert result.stars == 4
    [unmet] = result.classification.unmet
    assert (unmet.criterion, unmet.stars, unmet.required, unmet.actual) == ("1.1", 5, 4, 3)
    assert unmet.starred


def test_the_starred_requirement_at_its_boundary():
    """5.1 needs 2 for 4★: an average of exactly 2.00 meets it, 1.67 (5, 0, 0) does not."""
    low = {
        "1.1": "2",
        "1.3": "2",
        "5.1": "2",
        "5.2": "2",
        "6.1": "1",
        "1.2": "co",
    }  # 1 + 1 + 35 + 2 + 20 + 0 = 59
    assert result_of(low).stars == 3
    exact = low | {"6.1": "2"}  # 94 points, 5.1 at 2.00 meets 4★, 1.1 at 1 misses 5★
    assert (result_of(exact).score, result_of(exact).stars) == (94, 4)
    under = result_of(
        exact | {"5.1": "3"}, exact | {"5.1": "1", "5.2": "1"}, exact | {"5.1": "1", "5.2": "1"}
    )
    assert under.criterion("5.1").average == D("1.67")
    assert under.score == D("80.33") and under.classification.band.stars == 4
    assert under.stars == 3


def test_below_the_3_star_requirement_the_product_is_2_stars_without_certificate():
    """1.1 at 0 on one sheet and 1 on the other averages 0.50 < 1 (the 3★ marker): 2★."""
    result = result_of(BEST | {"1.1": "1", "5.1": "2"}, BEST | {"1.1": "2", "5.1": "2"})
    assert result.score == D("93.50") and result.stars == 2
    assert not result.earns_certificate
    assert {(u.criterion, u.stars) for u in result.classification.unmet} == {("1.1", 3), ("1.1", 5)}
    no_marker = BEST | {"5.1": "1", "5.2": "1"}  # 5.1 at 0: 5.2 skipped; 3★ met, 4★ missed
    assert (result_of(no_marker).score, result_of(no_marker).stars) == (75, 3)


def test_the_exclusion_line_excludes_like_a_knock_out():
    result = result_of(BEST | {EXCLUSION_CODE: "loai"}, BEST)
    assert result.outcome is Outcome.EXCLUDED and result.stars is None
    assert [f.criterion for f in result.classification.knockouts] == [EXCLUSION_CODE]
    assert (
        aggregate(
            R26,
            SHEET,
            [score_sheet(SHEET, BEST | {EXCLUSION_CODE: "loai"})],
            dismissed=[EXCLUSION_CODE],
        ).stars
        == 5
    )
    assert score_sheet(SHEET, BEST | {EXCLUSION_CODE: "x"}).errors


def test_a_note_knock_out_and_a_note_stop():
    excluded = result_of(BEST | {"1.1": "loai"})
    assert excluded.outcome is Outcome.EXCLUDED
    assert [f.criterion for f in excluded.classification.knockouts] == ["1.1"]
    stopped = score_sheet(SHEET, {k: v for k, v in BEST.items() if k != "6.1"} | {"6.1": "dung"})
    assert stopped.stop == "6.1" and stopped.is_complete
    assert aggregate(R26, SHEET, [stopped]).outcome is Outcome.STOPPED


def test_gap_report_puts_the_next_classes_starred_requirements_first():
    result = result_of(BEST | {"1.1": "3", "1.3": "1"})  # 63 points, band 3★
    report = gap_report(SHEET, result, R26)
    assert report.next_stars == 4 and report.points_needed == 7
    assert [i.code for i in report.items][:1] == ["1.3"]  # no 4★ marker missed: points first
    capped = result_of(BEST | {"5.1": "2"}, BEST | {"5.1": "2"})  # 97, 5.1 at 2: 4★ met
    report = gap_report(SHEET, result_of(BEST | {"1.1": "3"}), R26)
    assert report.next_stars == 5 and report.points_needed == 0
    assert (report.items[0].code, report.items[0].required) == ("1.1", 4)
    assert report.items[0].mandatory and capped.stars == 5


def test_an_excluded_product_gets_no_star_target():
    report = gap_report(SHEET, result_of(BEST | {"1.1": "loai"}), R26)
    assert report.outcome is Outcome.EXCLUDED
    assert (report.next_stars, report.target_score, report.points_needed) == (None, None, None)
    assert not report.has_target and report.unmet == ()


def test_the_members_own_ceiling_as_they_score():
    assert sheet_ceiling(R26, SHEET, {}).stars == 5
    assert sheet_ceiling(R26, SHEET, {"1.1": "3"}).stars == 4  # below the 5★ marker
    assert sheet_ceiling(R26, SHEET, {"1.1": "1"}).stars == 2  # below the 3★ marker
    ceiling = sheet_ceiling(R26, SHEET, {"1.1": "3", "1.3": "1"})  # at most 100 − 4 − 35 + 2
    assert ceiling.reachable == 63 and ceiling.stars == 3
    assert sheet_ceiling(R26, SHEET, {"5.1": "1"}).reachable == 75  # 5.2 out with 5.1 at 0
    assert sheet_ceiling(R26, SHEET, {"1.1": "loai"}).classification.outcome is Outcome.EXCLUDED


def test_26_2026_closes_148_and_1489_to_dossiers_filed_from_22_may():
    from evalapp.rules import closed_by

    assert closed_by(R1489, date(2026, 5, 21)) is None
    assert closed_by(R1489, date(2026, 5, 22)).code == "26-2026"
    assert closed_by(load_rulebook("1048-2019"), date(2026, 12, 3)) is None  # no transition data


def test_a_section_stop_fires_when_any_of_its_criteria_scores_0():
    """Sheet 16, section 6: "Nếu được 0 điểm tại một trong các chỉ tiêu trên, sẽ không đánh giá
    các bước tiếp theo" — a rule of the section, not an answer."""
    zero_stop = {
        "kind": "stop",
        "when": "any_leaf_zero",
        "text": {"vi": "Ghi chú: Nếu được 0 điểm"},
    }
    data = {
        "code": "t16", "rulebook": "26-2026", "name": {"vi": "thử"}, "subgroups": [],
        "parts": [
            {"code": "A", "criteria": [{"code": "1", "name": {"vi": "A"}, "levels": [
                {"points": 0, "text": {"vi": "0"}}, {"points": 40, "text": {"vi": "40"}}]}]},
            {"code": "C", "criteria": [{"code": "6", "name": {"vi": "CHỈ TIÊU"}, "rules": [zero_stop], "children": [
                {"code": "6.1", "name": {"vi": "a"}, "levels": [{"points": 0, "text": {"vi": "0"}}, {"points": 10, "text": {"vi": "10"}}]},
                {"code": "6.2", "name": {"vi": "b"}, "levels": [{"points": 0, "text": {"vi": "0"}}, {"points": 10, "text": {"vi": "10"}}]}]},
                {"code": "7", "name": {"vi": "sau"}, "levels": [{"points": 0, "text": {"vi": "0"}}, {"points": 15, "text": {"vi": "15"}}]}]},
            {"code": "B", "criteria": [{"code": "4", "name": {"vi": "B"}, "levels": [
                {"points": 0, "text": {"vi": "0"}}, {"points": 25, "text": {"vi": "25"}}]}]},
        ],
    }  # fmt: skip
    sheet = check_sheet(build_sheet(data), R26)
    assert sheet.criterion("6").levels == ()  # no answer of its own
    full = score_sheet(sheet, {"1": "2", "6.1": "2", "6.2": "2", "7": "2", "4": "2"})
    assert full.stop is None and full.total == 100
    stopped = score_sheet(sheet, {"1": "2", "6.1": "1", "6.2": "2", "4": "2"})
    assert stopped.stop == "6" and stopped.is_complete and stopped.after_stop == ("7", "4")
    result = aggregate(R26, sheet, [stopped])
    assert result.outcome is Outcome.STOPPED
    assert [f.criterion for f in result.classification.stops] == ["6"]


def test_every_product_set_has_its_official_sheet_and_every_sheet_loads():
    from evalapp.rules import list_sheets, sheet_for_subgroup

    sheets = list_sheets("26-2026")
    assert [s.number for s in sheets] == list(range(1, 27))
    for group in R26.groups:
        for subgroup in group.subgroups:
            sheet = sheet_for_subgroup("26-2026", subgroup.code)
            assert sheet.subgroups == (subgroup.code,)
            assert [p.max_points for p in sheet.parts] == [40, 25, 35]  # Điều 3.1
    crafts = sheet_for_subgroup("26-2026", "IV.1")
    assert crafts.number == 21 and crafts.name.vi.endswith("Thủ công mỹ nghệ gia dụng, trang trí")


def test_the_two_misprints_are_scored_as_corrected_and_keep_the_printed_figure():
    from evalapp.rules import load_sheet

    honey = load_sheet("26-2026", "04-mat-ong-mat-khac-va-nong-san-thuc")
    [fixed] = [lv for lv in honey.criterion("7").levels if lv.printed_points is not None]
    assert (fixed.points, fixed.printed_points) == (3, 13)
    assert honey.criterion("7").max_points == honey.criterion("7").stated_points == 3
    tea = load_sheet("26-2026", "11-che-tuoi-che-che-bien")
    assert [(lv.points, lv.printed_points) for lv in tea.criterion("6.1.1").levels][:3] == [
        (0, None), (1, 11), (2, None)]  # fmt: skip
