"""The gap report tells a producer what to improve for the next star class."""

from decimal import Decimal

from evalapp.rules import (
    Outcome,
    UnmetCondition,
    aggregate,
    gap_report,
    load_rulebook,
    load_sheet,
    next_band,
    score_sheet,
)

from .support import DECOR, R1048, tiny_rulebook, tiny_scores, tiny_sheet, top_choices

D = Decimal


def test_items_are_ranked_by_points_recoverable_then_sheet_order():
    sheet, rulebook = load_sheet(R1048, DECOR), load_rulebook(R1048)
    scores = [
        score_sheet(sheet, top_choices(sheet, c6_3="3", c4_1="3", c2_3="2", c1_6="1")),
        score_sheet(sheet, top_choices(sheet, c6_3="2", c4_1="3", c2_3="2", c1_6="1")),
    ]
    result = aggregate(rulebook, sheet, scores)
    assert result.totals == (91, 88)  # 100 − 5 − 2 − 1 − 1 and 100 − 8 − 2 − 1 − 1
    assert result.score == D("89.50") and result.stars == 4
    report = gap_report(sheet, result, rulebook)
    assert (report.next_stars, report.target_score, report.points_needed) == (5, 90, D("0.50"))
    ranked = [(i.code, i.recoverable) for i in report.items]
    assert ranked == [
        ("6.3", D("6.50")),
        ("4.1", D("2.00")),
        ("1.6", D("1.00")),
        ("2.3", D("1.00")),
    ]
    top = report.items[0]
    assert top.name.vi.startswith("Cái nhìn tổng thể") and top.name.en.startswith("Overall look")
    assert (top.part, top.maximum, top.average) == ("C", 10, D("3.50"))


def test_criteria_skipped_by_condition_are_kept_with_what_unlocks_them():
    sheet, rulebook = load_sheet(R1048, DECOR), load_rulebook(R1048)
    result = aggregate(rulebook, sheet, [score_sheet(sheet, top_choices(sheet, c5_1="1"))])
    report = gap_report(sheet, result, rulebook)
    assert [(i.code, i.recoverable, i.depends_on) for i in report.items] == [
        ("5.1", 5, None),
        ("5.2", 3, "5.1"),
        ("5.3", 2, "5.1"),
    ]
    assert (result.score, report.next_stars, report.points_needed) == (90, None, None)


def test_at_5_stars_there_is_no_next_class():
    sheet, rulebook = load_sheet(R1048, DECOR), load_rulebook(R1048)
    result = aggregate(rulebook, sheet, [score_sheet(sheet, top_choices(sheet))])
    report = gap_report(sheet, result, rulebook)
    assert (report.stars, report.next_stars, report.points_needed, report.items) == (
        5,
        None,
        None,
        (),
    )


def test_not_classified_aims_at_the_lowest_band():
    result = aggregate(tiny_rulebook(), tiny_sheet(), tiny_scores("41.5"))
    report = gap_report(tiny_sheet(), result, tiny_rulebook())
    assert report.outcome is Outcome.NOT_CLASSIFIED
    assert (report.next_stars, report.target_score, report.points_needed) == (3, 50, D("8.50"))
    assert [(i.code, i.recoverable) for i in report.items] == [("c1", 58), ("c2", D("0.50"))]


def test_held_back_by_a_condition_needs_no_points_but_names_the_condition():
    rulebook = tiny_rulebook(minimum_conditions=[{"stars": 4, "criterion": "a1", "min_points": 8}])
    scores = [score_sheet(tiny_sheet(), {"a1": "5", "b1": "10", "c1": "60", "c2": "0"})]
    result = aggregate(rulebook, tiny_sheet(), scores)
    report = gap_report(tiny_sheet(), result, rulebook)
    assert (report.stars, report.next_stars, report.points_needed) == (3, 4, 0)
    assert report.unmet == (UnmetCondition(4, "a1", D(8), D("5.00")),)


def test_next_band():
    rulebook = load_rulebook(R1048)
    assert next_band(rulebook, None).stars == 1
    assert next_band(rulebook, 3).stars == 4
    assert next_band(rulebook, 5) is None
    assert next_band(load_rulebook("148-2023"), None).stars == 3
