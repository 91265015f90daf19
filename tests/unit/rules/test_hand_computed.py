"""Member sheets on each shipped 1048 sheet, with totals worked out by hand.

Level codes are positions in each criterion's list (see data/README.md); the
comment after each choice gives its points.
"""

from decimal import Decimal

from evalapp.rules import Outcome, aggregate, gap_report, load_rulebook, load_sheet, score_sheet

from .support import DECOR, FOOD, HOUSEHOLD, R1048

D = Decimal

# Part A and B of "Giỏ đay Hiếu Lâm" (Công ty TNHH Hiếu Lâm, Kim Sơn): sedge from the
# province, crafted, large and exporting, sold in Europe, the Americas and Asia.
HIEU_LAM_A = {
    "1.1": "4",  # 3: 75–100 % raw material from the province
    "1.2": "2",  # 2: crafting
    "1.3": "4",  # 4: large, serves export
    "1.4": "3",  # 2: firm large-scale chain
    "1.5": "2",  # 2: environmental plan not yet per current rules
    "1.6": "1",  # 0
    "2.1": "4",  # 3: own idea tied to a local tradition
    "2.2": "3",  # 2: complete label, traceability
    "2.3": "2",  # 1: convenient or attractive
    "3.1": "2",  # 2: multi-member LLC
    "3.2": "b2",  # 1: director from the province (case b)
    "3.3": "2",  # 1: mostly local workers
    "3.4": "2",  # 1: growth ≥ 10 %
    "3.5": "3",  # 2: organised accounting
}  # A = 3+2+4+2+2+0 + 3+2+1 + 2+1+1+1+2 = 26
HIEU_LAM_B = {
    "4.1": "4",  # 5: international
    "4.2": "3",  # 3: distribution department
    "4.3": "3",  # 2: website, in-province promotion
    "5.1": "3",  # 2: documented story
    "5.2": "3",  # 2: its own story
    "5.3": "1",  # 1: simple structure
}  # B = 5+3+2 + 2+2+1 = 15
HIEU_LAM_DECOR_C = {
    "6.1": "3",  # 3: skilful, artistic value
    "6.2": "3",  # 3: own style, conventional
    "6.3": "4",  # 10: fits well, traditional, with "soul"
    "6.4": "4",  # 5: functions for export
    "6.5": "2",  # 2: average material
    "6.6": "3",  # 2: easy to maintain
    "7": "3",  # 3: complete declaration
    "8": "2",  # 3: markets outside the region
}  # C = 3+3+10+5+2+2 + 3 + 3 = 31


def test_gio_day_hieu_lam_on_the_handicraft_decoration_sheet_is_4_stars():
    sheet, rulebook = load_sheet(R1048, DECOR), load_rulebook(R1048)
    member = score_sheet(sheet, {**HIEU_LAM_A, **HIEU_LAM_B, **HIEU_LAM_DECOR_C})
    assert member.is_complete
    assert dict(member.parts) == {"A": 26, "B": 15, "C": 31}
    assert member.total == 72
    result = aggregate(rulebook, sheet, [member])
    assert (result.score, result.stars, result.earns_certificate) == (D("72.00"), 4, True)


def test_a_council_of_three_for_gio_day_hieu_lam():
    sheet, rulebook = load_sheet(R1048, DECOR), load_rulebook(R1048)
    base = {**HIEU_LAM_A, **HIEU_LAM_B, **HIEU_LAM_DECOR_C}
    members = [
        score_sheet(sheet, base),  # 72
        score_sheet(sheet, {**base, "4.3": "4", "1.6": "2"}),  # 72 + 1 + 1 = 74
        score_sheet(sheet, {**base, "6.5": "1"}),  # 72 − 2 = 70
    ]
    result = aggregate(rulebook, sheet, members)
    assert result.totals == (72, 74, 70)
    assert result.score == D("72.00") and result.stars == 4
    assert dict(result.part_scores) == {"A": D("26.33"), "B": D("15.33"), "C": D("30.33")}
    assert (result.spread, result.needs_rescoring, result.median) == (4, False, 72)
    assert result.stdev == D("1.63")  # sqrt((0 + 4 + 4) / 3)
    assert result.farthest == (1, 2)
    assert result.class_changing_sheets == ()
    assert result.criterion("6.5").average == D("1.33")
    report = gap_report(sheet, result, rulebook)
    assert (report.next_stars, report.points_needed) == (5, D("18.00"))
    assert [(i.code, i.recoverable) for i in report.items[:8]] == [
        ("1.5", 3),
        ("5.1", 3),  # 5 − 2
        ("4.3", D("2.67")),
        ("6.5", D("2.67")),  # 5 − 2.33, 4 − 1.33
        ("4.2", 2),
        ("6.1", 2),
        ("6.2", 2),
        ("8", 2),  # ties in sheet order
    ]
    assert [i.code for i in report.items[8:]] == [
        "1.2",
        "2.2",
        "2.3",
        "3.1",
        "3.2",
        "5.2",
        "5.3",
        "6.6",
        "1.6",
    ]


HOUSEHOLD_C = {
    "6.1": "4",  # 5: refined
    "6.2": "4",  # 5: Vietnamese ingenuity
    "6.3": "4",  # 6: fits well with "soul" (household maximum)
    "6.4": "4",  # 5: export functions
    "6.5": "3",  # 3: high-quality material (household maximum)
    "6.6": "4",  # 3: very useful
    "7": "4",  # 5: complete plus an independent laboratory report
    "8": "4",  # 3: food-contact tests passed in full
    "9": "3",  # 5: high-standard markets
}  # C = 5+5+6+5+3+3 + 5 + 3 + 5 = 40


def test_gio_day_hieu_lam_on_the_household_handicraft_sheet():
    sheet = load_sheet(R1048, HOUSEHOLD)
    member = score_sheet(sheet, {**HIEU_LAM_A, **HIEU_LAM_B, **HOUSEHOLD_C})
    assert dict(member.parts) == {"A": 26, "B": 15, "C": 40}
    assert member.total == 81
    result = aggregate(load_rulebook(R1048), sheet, [member])
    assert result.stars == 4


# A demo product (invented) on the processed fruit/vegetable sheet.
FOOD_CHOICES = {
    "1.1": "3",
    "1.2": "2",
    "1.3": "2",
    "1.4": "2",
    "1.5": "3",
    "1.6": "2",  # 2+2+2+1+3+1 = 11
    "2.1": "3",
    "2.2": "3",
    "2.3": "2",  # 2+2+1 = 5
    "3.1": "3",
    "3.2": "a2",
    "3.3": "2",
    "3.4": "1",
    "3.5": "2",  # 3+2+1+0+1 = 7
    "4.1": "2",
    "4.2": "2",
    "4.3": "3",  # 2+1+2 = 5
    "5.1": "1",  # 0: no story
    "6.1": "4",
    "6.2": "3",
    "6.3": "3",
    "6.4": "3",
    "6.5": "4",
    "6.6": "3",  # 3+2+2+3+5+2 = 17
    "7": "3",  # 3
    "8.1": "4",
    "8.2": "3",  # 3+2 = 5
    "9": "5",  # 3: plan + batch records
    "10": "1",  # 1
}  # A = 23, B = 5 (5.2 and 5.3 skipped), C = 29, total 57


def test_demo_food_product_is_3_stars():
    sheet = load_sheet(R1048, FOOD)
    member = score_sheet(sheet, FOOD_CHOICES)
    assert member.is_complete and member.skipped == ("5.2", "5.3")
    assert dict(member.parts) == {"A": 23, "B": 5, "C": 29}
    assert member.total == 57
    result = aggregate(load_rulebook(R1048), sheet, [member])
    assert (result.stars, result.earns_certificate) == (3, True)


def test_demo_food_product_without_a_valid_food_safety_certificate_stops_at_9():
    sheet = load_sheet(R1048, FOOD)
    member = score_sheet(sheet, {**FOOD_CHOICES, "9": "1"})
    assert member.stop == "9" and member.ignored == ("10",)
    assert member.parts["C"] == 25  # 17 + 3 + 5, then 0 for 9 and nothing for 10
    assert member.total == 53
    result = aggregate(load_rulebook(R1048), sheet, [member])
    assert result.outcome is Outcome.STOPPED and result.classification.stop.criterion == "9"
