"""The product result: mean, rounding, bands, conditions, knock-outs, stops, statistics."""

from decimal import Decimal

import pytest

from evalapp.rules import (
    Outcome,
    UnmetCondition,
    aggregate,
    classify_sheets,
    load_rulebook,
    load_sheet,
    parse_rulebook,
    score_sheet,
)

from .support import (
    FOOD,
    R1048,
    rulebook_data,
    tiny_rulebook,
    tiny_scores,
    tiny_sheet,
    top_choices,
)

D = Decimal


def tiny_result(*totals, rulebook=None, dismissed=()):
    return aggregate(rulebook or tiny_rulebook(), tiny_sheet(), tiny_scores(*totals), dismissed)


def bands_1048(**changes):
    """The tiny rulebook with the 1048 bands (1★ and 2★)."""
    return tiny_rulebook(star_bands=rulebook_data(R1048)["star_bands"], **changes)


# --- score and rounding ------------------------------------------------------------


def test_score_is_the_mean_of_the_totals_rounded_to_two_decimals():
    result = tiny_result("70", "71", "73")
    assert result.score == D("71.33")
    assert str(result.score) == "71.33"
    assert result.totals == (70, 71, 73) and result.member_count == 3


def test_69_995_rounds_half_up_to_70_00_and_is_4_stars():
    result = tiny_result("69.99", "70")
    assert result.score == D("70.00") and str(result.score) == "70.00"
    assert result.stars == 4


def test_69_994_rounds_down_to_69_99_and_is_3_stars():
    result = tiny_result("69.994")
    assert str(result.score) == "69.99"
    assert result.stars == 3


def test_a_third_is_rounded_not_truncated():
    assert tiny_result("70", "70", "71").score == D("70.33")
    assert tiny_result("70", "71", "71").score == D("70.67")


@pytest.mark.parametrize(
    ("total", "stars"),
    [
        ("0", 1),
        ("29.99", 1),
        ("30", 2),
        ("49.99", 2),
        ("50", 3),
        ("69.99", 3),
        ("70", 4),
        ("89.99", 4),
        ("90", 5),
        ("100", 5),
    ],
)
def test_1048_band_boundaries(total, stars):
    result = tiny_result(total, rulebook=bands_1048())
    assert result.stars == stars and result.outcome is Outcome.CLASSIFIED
    assert result.earns_certificate is (stars >= 3)


@pytest.mark.parametrize(
    ("total", "stars"),
    [
        ("49.99", None),
        ("50", 3),
        ("69.99", 3),
        ("70", 4),
        ("89.99", 4),
        ("90", 5),
        ("100", 5),
    ],
)
def test_148_band_boundaries(total, stars):
    result = tiny_result(total)
    assert result.stars == stars
    assert result.earns_certificate is (stars is not None)
    expected = Outcome.CLASSIFIED if stars else Outcome.NOT_CLASSIFIED
    assert result.outcome is expected


def test_below_50_under_148_is_not_classified_without_a_band():
    result = tiny_result("30")
    assert result.classification.band is None
    assert result.stars is None and not result.earns_certificate


def test_part_averages_are_rounded_too():
    result = tiny_result("69.995", "70", "70")
    assert dict(result.part_scores) == {"A": 10, "B": 10, "C": D("50.00")}
    assert str(tiny_result("60.005").part_scores["C"]) == "40.01"


# --- spread and statistics ------------------------------------------------------------


def test_spread_of_exactly_10_is_fine():
    result = tiny_result("70", "80")
    assert result.spread == 10 and not result.needs_rescoring


def test_spread_of_10_01_needs_rescoring():
    result = tiny_result("70", "80.01")
    assert result.spread == D("10.01") and result.needs_rescoring


def test_median_and_population_standard_deviation():
    result = tiny_result("70", "72", "74", "80")
    assert result.median == D("73.00")
    assert result.stdev == D("3.74")  # sqrt(((−4)² + (−2)² + 0² + 6²) / 4) = sqrt(14)
    assert tiny_result("70", "71", "75").median == D("71.00")


def test_a_single_member_has_no_spread():
    result = tiny_result("77")
    assert (result.spread, result.stdev, result.median) == (0, 0, 77)
    assert result.farthest == () and result.class_changing_sheets == ()


def test_farthest_sheets_are_indexes_only():
    assert tiny_result("70", "72", "80", "62").farthest == (2, 3)
    assert tiny_result("70", "71", "79").farthest == (2,)
    assert tiny_result("70", "70").farthest == ()


def test_per_criterion_averages_and_spreads():
    sheet = tiny_sheet()
    scores = [
        score_sheet(sheet, c)
        for c in (
            {"a1": "10", "b1": "5", "c1": "60", "c2": "0"},
            {"a1": "7", "b1": "5", "c1": "61", "c2": "0.5"},
            {"a1": "8", "b1": "5", "c1": "62", "c2": "1"},
        )
    ]
    result = aggregate(tiny_rulebook(), sheet, scores)
    a1 = result.criterion("a1")
    assert (a1.average, a1.spread, a1.low, a1.high, a1.maximum, a1.part) == (
        D("8.33"),
        3,
        7,
        10,
        10,
        "A",
    )
    assert (result.criterion("b1").average, result.criterion("b1").spread) == (5, 0)
    assert result.criterion("c2").average == D("0.50")
    assert [c.code for c in result.criteria] == ["a1", "b1", "c1", "c2"]
    assert result.criterion("zz") is None


# --- leave-one-out -----------------------------------------------------------------------


def test_leave_one_out_names_the_sheets_that_decide_the_class():
    result = tiny_result("72", "69", "69")
    assert result.score == 70 and result.stars == 4
    assert result.class_changing_sheets == (0,)


def test_leave_one_out_when_every_sheet_matters():
    assert tiny_result("70", "70").class_changing_sheets == ()
    assert tiny_result("69", "71").class_changing_sheets == (1,)
    assert tiny_result("50", "90").class_changing_sheets == (0, 1)


def test_leave_one_out_never_changes_the_legal_result():
    result = tiny_result("90", "89", "90")
    assert result.score == D("89.67") and result.stars == 4
    assert result.class_changing_sheets == (1,)  # without it 5★, but the result stays 4★


# --- minimum conditions per star ----------------------------------------------------------


def condition(stars, criterion, points):
    return {"stars": stars, "criterion": criterion, "min_points": points}


def test_4_star_score_with_an_unmet_4_star_condition_gives_3_stars():
    rulebook = tiny_rulebook(minimum_conditions=[condition(4, "a1", 8)])
    scores = [score_sheet(tiny_sheet(), {"a1": "5", "b1": "10", "c1": "60", "c2": "0"})]
    result = aggregate(rulebook, tiny_sheet(), scores)
    assert result.score == 75 and result.classification.band.stars == 4
    assert result.stars == 3 and result.outcome is Outcome.CLASSIFIED
    assert result.classification.unmet == (UnmetCondition(4, "a1", D(8), D("5.00")),)
    assert result.earns_certificate


def test_conditions_are_read_on_the_average_of_the_members():
    rulebook = tiny_rulebook(minimum_conditions=[condition(4, "a1", 8)])
    sheet = tiny_sheet()
    scores = [score_sheet(sheet, {"a1": a, "b1": "10", "c1": "60", "c2": "0"}) for a in ("10", "6")]
    result = aggregate(rulebook, sheet, scores)
    assert result.criterion("a1").average == 8 and result.stars == 4
    assert result.classification.unmet == ()


def test_a_condition_met_exactly_holds():
    rulebook = tiny_rulebook(minimum_conditions=[condition(4, "a1", 10)])
    assert tiny_result("75", rulebook=rulebook).stars == 4


def test_lower_band_conditions_apply_to_higher_bands():
    rulebook = tiny_rulebook(minimum_conditions=[condition(3, "b1", 10), condition(5, "a1", 1)])
    scores = [score_sheet(tiny_sheet(), {"a1": "10", "b1": "9", "c1": "72", "c2": "0"})]
    result = aggregate(rulebook, tiny_sheet(), scores)
    assert result.score == 91
    assert result.stars is None and result.outcome is Outcome.NOT_CLASSIFIED
    assert [u.stars for u in result.classification.unmet] == [3]


def test_under_1048_an_unmet_3_star_condition_falls_to_2_stars():
    rulebook = bands_1048(minimum_conditions=[condition(3, "b1", 10)])
    scores = [score_sheet(tiny_sheet(), {"a1": "10", "b1": "9", "c1": "50", "c2": "0"})]
    assert aggregate(rulebook, tiny_sheet(), scores).stars == 2


def test_a_condition_on_a_section_sums_its_leaves():
    data = rulebook_data(R1048)
    data["minimum_conditions"] = [condition(3, "8", 5)]
    rulebook = parse_rulebook(data)
    food = load_sheet(R1048, FOOD)
    ok = aggregate(rulebook, food, [score_sheet(food, top_choices(food))])
    low = aggregate(rulebook, food, [score_sheet(food, top_choices(food, c8_2="2"))])
    assert ok.stars == 5
    assert low.stars == 2
    assert low.classification.unmet == (UnmetCondition(3, "8", D(5), D("4.00")),)


def test_a_condition_for_another_sheet_does_not_apply():
    rulebook = tiny_rulebook(minimum_conditions=[{**condition(4, "a1", 10), "sheets": ["x"]}])
    scores = [score_sheet(tiny_sheet(), {"a1": "0", "b1": "10", "c1": "70", "c2": "0"})]
    assert aggregate(rulebook, tiny_sheet(), scores).stars == 4


# --- knock-outs and stops on the real sheet --------------------------------------------------


@pytest.fixture(scope="module")
def food():
    return load_sheet(R1048, FOOD)


def test_a_knockout_on_any_sheet_excludes_the_product(food):
    scores = [score_sheet(food, top_choices(food)) for _ in range(3)]
    scores[1] = score_sheet(food, top_choices(food, c1_1="1"))
    result = aggregate(load_rulebook(R1048), food, scores)
    assert result.outcome is Outcome.EXCLUDED
    assert result.stars is None and not result.earns_certificate
    assert [(k.criterion, k.sheets) for k in result.classification.knockouts] == [("1.1", (1,))]
    assert result.score == 99 and result.classification.band.stars == 5


def test_a_dismissed_knockout_no_longer_excludes(food):
    scores = [score_sheet(food, top_choices(food)), score_sheet(food, top_choices(food, c1_1="1"))]
    result = aggregate(load_rulebook(R1048), food, scores, dismissed=["1.1"])
    assert result.outcome is Outcome.CLASSIFIED and result.stars == 5
    assert result.classification.knockouts == ()
    assert result.classification.dismissed == ("1.1",)


def test_a_stop_leaves_the_product_not_classified_with_the_reason(food):
    scores = [score_sheet(food, top_choices(food)), score_sheet(food, top_choices(food, c6_1="1"))]
    result = aggregate(load_rulebook(R1048), food, scores)
    assert result.outcome is Outcome.STOPPED and result.stars is None
    assert result.classification.stop.criterion == "6.1"
    assert result.classification.stop.sheets == (1,)
    assert result.totals == (100, 60) and result.needs_rescoring


def test_several_stops_are_reported_in_sheet_order(food):
    scores = [
        score_sheet(food, top_choices(food, c9="1")),
        score_sheet(food, top_choices(food, c6_1="1")),
    ]
    result = aggregate(load_rulebook(R1048), food, scores)
    assert [s.criterion for s in result.classification.stops] == ["6.1", "9"]
    assert result.classification.stop.criterion == "6.1"


def test_a_knockout_wins_over_a_stop(food):
    scores = [score_sheet(food, top_choices(food, c1_1="1", c6_1="1"))]
    result = aggregate(load_rulebook(R1048), food, scores)
    assert result.outcome is Outcome.EXCLUDED
    assert result.classification.stop.criterion == "6.1"


def test_a_dismissed_stop_lets_the_scores_stand(food):
    scores = [score_sheet(food, top_choices(food, c9="1"))]
    result = aggregate(load_rulebook(R1048), food, scores, dismissed=("9",))
    assert result.outcome is Outcome.CLASSIFIED and result.stars == 5 and result.score == 90


def test_a_knockout_can_decide_leave_one_out(food):
    scores = [score_sheet(food, top_choices(food)), score_sheet(food, top_choices(food, c1_1="1"))]
    result = aggregate(load_rulebook(R1048), food, scores)
    assert result.class_changing_sheets == (1,)


# --- refused inputs ---------------------------------------------------------------------------


def test_no_sheets_is_refused():
    with pytest.raises(ValueError, match="no sheet"):
        aggregate(tiny_rulebook(), tiny_sheet(), [])


def test_an_incomplete_sheet_is_refused():
    scores = [*tiny_scores("70"), score_sheet(tiny_sheet(), {"a1": "1"})]
    with pytest.raises(ValueError, match="sheet 1 is not complete"):
        aggregate(tiny_rulebook(), tiny_sheet(), scores)


def test_a_sheet_scored_on_another_sheet_is_refused(food):
    with pytest.raises(ValueError, match=f"sheet 0 was scored on tiny-sheet, not {FOOD}"):
        aggregate(load_rulebook(R1048), food, tiny_scores("70"))


# --- the verdict without statistics (the minutes' fast path) --------------------------------


@pytest.mark.parametrize("totals", [("70", "71", "73"), ("49", "50"), ("89.99", "90"), ("62",)])
def test_classify_sheets_gives_the_score_parts_and_class_aggregate_gives(totals):
    rulebook, sheet, scores = bands_1048(), tiny_sheet(), tiny_scores(*totals)
    verdict, full = classify_sheets(rulebook, sheet, scores), aggregate(rulebook, sheet, scores)
    assert verdict.score == full.score
    assert dict(verdict.part_scores) == dict(full.part_scores)
    assert verdict.classification == full.classification
