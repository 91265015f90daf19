"""Results computed by hand on three official sheets of Decision 26/2026/QĐ-TTg (Phụ lục II):
1 Rau, củ, quả, hạt tươi; 21 Thủ công mỹ nghệ gia dụng, trang trí; 26 Dịch vụ du lịch cộng đồng.

Bands of Điều 3.3 on the average total rounded half-up to 2 decimals; the class capped by the
starred options ("Dấu sao là yêu cầu tối thiểu phải đạt theo các cấp độ sao"), judged on the
council's average on each criterion (the rule recorded in the rulebook)."""

from decimal import Decimal

from evalapp.rules import (
    EXCLUSION_CODE,
    Outcome,
    aggregate,
    gap_report,
    load_rulebook,
    load_sheet,
    score_sheet,
)

D = Decimal
R26 = load_rulebook("26-2026")
CRAFTS = load_sheet("26-2026", "21-thu-cong-my-nghe-gia-dung-trang-tri")
FRESH = load_sheet("26-2026", "01-rau-cu-qua-hat-tuoi")
TOURISM = load_sheet("26-2026", "26-dich-vu-du-lich-cong-dong-du-lich")


def result(sheet, *members, dismissed=()):
    return aggregate(R26, sheet, [score_sheet(sheet, m) for m in members], dismissed)


def unmet(res) -> set[tuple[str, int]]:
    return {(u.criterion, u.stars) for u in res.classification.unmet}


# --- sheet 21: a jute basket ------------------------------------------------------------------

# Part A: 1.1 4 + 1.2 3 + 1.3 2 + 1.4 2 + 1.5 1 + 1.6 1 = 13; 2.1 2 + 2.2 4 + 2.3 1 = 7;
#         3.1 2 + 3.2 1 + 3.3 3 + 3.4 2 + 3.5 2 = 10                                    → 30
# Part B: 4.1 3 + 4.2 2 + 4.3 5 = 10; 5.1 5 + 5.2 2 + 5.3 3 = 10                         → 20
# Part C: 6.1 5 + 6.2 3 + 6.3 2 + 6.4 2 + 6.5 3 = 15; 7 2 + 8 3 + 9 3 = 8                → 23
BASKET = {
    "1.1": "3", "1.2": "3", "1.3": "2", "1.4": "3", "1.5": "1", "1.6": "2",
    "2.1": "3", "2.2": "3", "2.3": "co",
    "3.1": "2", "3.2": "2", "3.3": "3", "3.4": "2", "3.5": "2",
    "4.1": "3", "4.2": "3", "4.3": "5",
    "5.1": "5", "5.2": "3", "5.3": "3",
    "6.1": "4", "6.2": "2", "6.3": "3", "6.4": "3", "6.5": "2",
    "7": "2", "8": "2", "9": "2",
}  # fmt: skip
SECOND = BASKET | {"1.4": "2", "2.2": "2"}  # 1.4 at 1 (−1), 2.2 at 3 (−1): 71
THIRD = BASKET | {"1.4": "2"}  # 72


def test_one_members_sheet_21_by_hand():
    score = score_sheet(CRAFTS, BASKET)
    assert score.is_complete
    assert dict(score.parts) == {"A": 30, "B": 20, "C": 23} and score.total == 73


def test_sheet_21_a_4_star_score_capped_at_3_stars_by_its_starred_options():
    """(73 + 71 + 72) / 3 = 72.00 is in the 4★ band, but 1.4 averages (2 + 1 + 1) / 3 = 1.33
    against the 2 points of its **** option, 2.1 averages 2.00 against 4, and 2.2 averages
    (4 + 3 + 4) / 3 = 3.67 against 4; every *** option is reached → 3★."""
    res = result(CRAFTS, BASKET, SECOND, THIRD)
    assert res.totals == (73, 71, 72) and res.score == D("72.00")
    assert dict(res.part_scores) == {"A": D("29.00"), "B": D("20.00"), "C": D("23.00")}
    assert res.classification.band.stars == 4 and res.stars == 3
    assert unmet(res) == {("1.4", 4), ("2.1", 4), ("2.2", 4)}
    assert res.criterion("1.4").average == D("1.33") and res.criterion("2.2").average == D("3.67")
    assert res.earns_certificate and res.spread == 2 and not res.needs_rescoring
    gap = gap_report(CRAFTS, res, R26)
    assert gap.next_stars == 4 and gap.points_needed == 0
    assert [(i.code, i.required) for i in gap.items[:3]] == [("1.4", 2), ("2.1", 4), ("2.2", 4)]


def test_sheet_21_meeting_the_4_star_options_gives_4_stars():
    """Every member: 1.4 at 2, 2.1 at 4 (+2), 2.2 at 4 → 75 each → 4★; 5★ would also need
    1.4 at 4, 4.1 at 5, 6.1 at 5 and 6.2 at 5, and 90 points."""
    met = BASKET | {"2.1": "4"}
    res = result(CRAFTS, met, met, met)
    assert (res.score, res.stars) == (D("75.00"), 4) and unmet(res) == set()


def test_sheet_21_story_conditions_its_structure():
    """5.1 at 0 ("Không có câu chuyện sản phẩm"): 5.2 "Chỉ áp dụng khi có câu chuyện sản
    phẩm" is skipped and its choice ignored: 73 − 5 − 2 = 66."""
    score = score_sheet(CRAFTS, BASKET | {"5.1": "1"})
    assert score.skipped == ("5.2",) and score.ignored == ("5.2",)
    assert score.is_complete and score.total == 66


def test_sheet_21_intellectual_property_note_and_the_exclusion_line_exclude():
    infringing = result(CRAFTS, BASKET | {"6.2": "loai"}, BASKET)
    assert infringing.outcome is Outcome.EXCLUDED and infringing.stars is None
    assert [f.criterion for f in infringing.classification.knockouts] == ["6.2"]
    forged = result(CRAFTS, BASKET | {EXCLUSION_CODE: "loai"}, SECOND, THIRD)
    assert forged.outcome is Outcome.EXCLUDED
    assert [(f.criterion, f.sheets) for f in forged.classification.knockouts] == [
        (EXCLUSION_CODE, (0,))]  # fmt: skip
    dismissed = result(
        CRAFTS, BASKET | {EXCLUSION_CODE: "loai"}, SECOND, THIRD, dismissed=[EXCLUSION_CODE]
    )
    assert (dismissed.outcome, dismissed.stars) == (Outcome.CLASSIFIED, 3)
    assert not gap_report(CRAFTS, forged, R26).has_target


# --- sheet 1: fresh vegetables ----------------------------------------------------------------

BEST_FRESH = {leaf.code: max(leaf.levels, key=lambda lv: lv.points).code for leaf in FRESH.leaves}


def test_sheet_1_full_marks_is_5_stars_and_one_option_short_of_5_is_4():
    assert result(FRESH, BEST_FRESH).stars == 5
    # 4.1 at 3 instead of 5 (its ***** option): 98 points, 5★ band, capped at 4★.
    short = BEST_FRESH | {"4.1": "3"}
    res = result(FRESH, short)
    assert (res.score, res.classification.band.stars, res.stars) == (D("98.00"), 5, 4)
    assert unmet(res) == {("4.1", 5)}
    # Two members at 5 and 3: 4.1 averages 4.00 < 5 → still 4★ at 99 points.
    assert result(FRESH, BEST_FRESH, short).stars == 4


def test_sheet_1_foreign_matter_stops_the_evaluation_at_6_1():
    """ "Không xem xét các chỉ tiêu khác nếu …" (the note of 6.1): the stop answer ends the sheet,
    the criteria after it are not scored, the product is not classified."""
    stopped = score_sheet(FRESH, BEST_FRESH | {"6.1": "dung"})  # later choices are ignored
    assert stopped.stop == "6.1" and stopped.is_complete and "6.2" in stopped.ignored
    assert stopped.after_stop[:3] == ("6.2", "6.3", "6.4") and "12" in stopped.after_stop
    assert stopped.parts["C"] == 0 and stopped.total == 65
    res = aggregate(R26, FRESH, [stopped, score_sheet(FRESH, BEST_FRESH)])
    assert res.outcome is Outcome.STOPPED and res.stars is None
    assert not gap_report(FRESH, res, R26).has_target


# --- sheet 26: community tourism --------------------------------------------------------------

BEST_TOURISM = {
    leaf.code: max(leaf.levels, key=lambda lv: lv.points).code for leaf in TOURISM.leaves
}


def test_sheet_26_alternative_cases_and_no_exclusion_line():
    """8 and 9: "Lựa chọn một trong hai trường hợp sau"; each case's best is worth the same."""
    assert TOURISM.exclusion is None
    case_b = BEST_TOURISM | {"8": "b2", "9": "b2", "15": "b2"}
    assert score_sheet(TOURISM, case_b).total == score_sheet(TOURISM, BEST_TOURISM).total == 100
    assert result(TOURISM, case_b).stars == 5


def test_sheet_26_growth_below_its_4_star_option_caps_a_98_at_3_stars():
    """3.4 at 1 instead of 3 (its **** option): 98 points, but neither 4★ nor 5★ is open."""
    res = result(TOURISM, BEST_TOURISM | {"3.4": "1"})
    assert (res.score, res.classification.band.stars, res.stars) == (D("98.00"), 5, 3)
    assert unmet(res) == {("3.4", 4)}
