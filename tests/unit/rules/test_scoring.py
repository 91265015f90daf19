"""One member's sheet: totals, missing answers, knock-outs, stops, conditions, cases."""

from decimal import Decimal

import pytest

from evalapp.rules import ChoiceErrorKind, load_sheet, score_sheet

from .support import DECOR, FOOD, R1048, tiny_sheet, top_choices

D = Decimal


@pytest.fixture(scope="module")
def food():
    return load_sheet(R1048, FOOD)


@pytest.fixture(scope="module")
def decor():
    return load_sheet(R1048, DECOR)


def test_best_levels_give_100_and_the_part_maxima(food):
    score = score_sheet(food, top_choices(food))
    assert score.total == 100
    assert dict(score.parts) == {"A": 35, "B": 25, "C": 40}
    assert score.is_complete and score.sheet == FOOD
    assert (score.missing, score.knockouts, score.stop, score.errors) == ((), (), None, ())
    assert score.points["4.1"] == 5 and len(score.points) == len(food.leaves)


def test_unanswered_leaves_are_missing_and_block_signing(food):
    choices = top_choices(food)
    del choices["6.3"], choices["1.1"]
    choices["2.1"] = ""
    choices["2.2"] = None
    score = score_sheet(food, choices)
    assert score.missing == ("1.1", "2.1", "2.2", "6.3")
    assert not score.is_complete
    assert score.total == 100 - 3 - 3 - 3 - 3
    assert score.points["6.3"] == 0


def test_empty_sheet_is_all_missing_except_conditional_leaves(food):
    score = score_sheet(food, {})
    assert score.total == 0
    assert score.skipped == ("5.2", "5.3")
    assert len(score.missing) == len(food.leaves) - 2


def test_unknown_criterion_section_and_level_are_errors(food):
    choices = top_choices(food, c6_2="9")
    choices.update({"99": "1", "6": "1"})
    score = score_sheet(food, choices)
    kinds = [(e.kind, e.criterion, e.level) for e in score.errors]
    assert kinds == [
        (ChoiceErrorKind.UNKNOWN_CRITERION, "99", "1"),
        (ChoiceErrorKind.UNKNOWN_CRITERION, "6", "1"),
        (ChoiceErrorKind.UNKNOWN_LEVEL, "6.2", "9"),
    ]
    assert score.errors[0].message_vi == "Tiêu chí 99 không có trong phiếu"
    assert score.errors[2].message_vi == "Tiêu chí 6.2: không có mức 9"
    assert score.errors[2].message_en == "Criterion 6.2: no level 9"
    assert not score.is_complete
    assert score.total == 98


def test_codes_are_compared_as_strings(food):
    choices = {code: int(level) for code, level in top_choices(food).items() if level.isdigit()}
    choices["3.2"] = "a2"
    assert score_sheet(food, choices).total == 100


def test_knockout_on_1_1_is_reported_and_scores_zero(food):
    score = score_sheet(food, top_choices(food, c1_1="1"))
    assert score.knockouts == ("1.1",)
    assert score.is_complete
    assert score.total == 97


def test_ip_knockout_on_handicraft_6_2(decor):
    score = score_sheet(decor, top_choices(decor, c6_2="1"))
    assert score.knockouts == ("6.2",) and score.total == 95


def test_stop_on_6_1_ends_the_sheet_there(food):
    choices = top_choices(food, c6_1="1")
    score = score_sheet(food, choices)
    assert score.stop == "6.1"
    assert score.after_stop == ("6.2", "6.3", "6.4", "6.5", "6.6", "7", "8.1", "8.2", "9", "10")
    assert score.ignored == score.after_stop
    assert score.is_complete
    assert dict(score.parts) == {"A": 35, "B": 25, "C": 0}
    assert score.total == 60


def test_after_a_stop_nothing_more_is_required(food):
    choices = top_choices(food, c6_1="1")
    for code in ("6.2", "7", "10"):
        del choices[code]
    score = score_sheet(food, choices)
    assert score.is_complete and score.missing == ()
    assert score.ignored == ("6.3", "6.4", "6.5", "6.6", "8.1", "8.2", "9")


def test_stop_on_9_without_a_valid_food_safety_certificate(food):
    score = score_sheet(food, top_choices(food, c9="1"))
    assert score.stop == "9" and score.after_stop == ("10",)
    assert score.parts["C"] == 40 - 5 - 5
    assert score.total == 90


def test_6_1_above_zero_does_not_stop(food):
    score = score_sheet(food, top_choices(food, c6_1="2"))
    assert score.stop is None and score.total == 98


def test_story_at_zero_skips_5_2_and_5_3(food):
    score = score_sheet(food, top_choices(food, c5_1="1"))
    assert score.skipped == ("5.2", "5.3")
    assert score.ignored == ("5.2", "5.3")
    assert score.points["5.2"] == 0 and score.points["5.3"] == 0
    assert score.parts["B"] == 15 and score.is_complete
    assert "5.2" not in score.choices


def test_skipped_leaves_are_not_required(food):
    choices = top_choices(food, c5_1="1")
    del choices["5.2"], choices["5.3"]
    score = score_sheet(food, choices)
    assert score.is_complete and score.ignored == () and score.total == 90


def test_story_above_zero_requires_and_scores_5_2_and_5_3(food):
    choices = top_choices(food, c5_1="2", c5_2="2", c5_3="1")
    score = score_sheet(food, choices)
    assert score.skipped == ()
    assert (score.points["5.1"], score.points["5.2"], score.points["5.3"]) == (1, 1, 1)
    del choices["5.3"]
    assert score_sheet(food, choices).missing == ("5.3",)


def test_unanswered_5_1_leaves_5_2_and_5_3_skipped_until_answered(food):
    choices = top_choices(food)
    del choices["5.1"]
    score = score_sheet(food, choices)
    assert score.missing == ("5.1",) and score.skipped == ("5.2", "5.3")


@pytest.mark.parametrize(("level", "points"), [("a1", 1), ("a2", 2), ("b1", 0), ("b2", 1)])
def test_3_2_takes_one_level_from_either_case(food, level, points):
    score = score_sheet(food, top_choices(food, c3_2=level))
    assert score.points["3.2"] == points
    assert score.choices["3.2"] == level
    assert score.parts["A"] == 33 + points


def test_3_2_rejects_a_level_code_outside_both_cases(food):
    score = score_sheet(food, top_choices(food, c3_2="c1"))
    assert [e.kind for e in score.errors] == [ChoiceErrorKind.UNKNOWN_LEVEL]


def test_decimal_points_add_exactly():
    score = score_sheet(tiny_sheet(), {"a1": "10", "b1": "0", "c1": "59", "c2": "0.995"})
    assert score.total == D("69.995")
    assert dict(score.parts) == {"A": 10, "B": 0, "C": D("59.995")}


def test_score_mappings_are_read_only(food):
    score = score_sheet(food, top_choices(food))
    with pytest.raises(TypeError):
        score.points["1.1"] = D(0)
