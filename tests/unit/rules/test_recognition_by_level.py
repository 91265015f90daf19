"""Who recognises which class under Decision 26/2026/QĐ-TTg: the province 3★ and 4★ (Điều 4.1.a,
7.3.đ–e), the ministry 5★ (Điều 4.1.b, 7.4.đ–e), nobody 1★ or 2★; the province proposes a
product from 90 points to the ministry (Điều 7.3.e). Older rulebooks list every class."""

from decimal import Decimal

from evalapp.rules import (
    class_recognised_at,
    five_star_proposal,
    load_rulebook,
    recognition_refusal,
)

RULES = load_rulebook("26-2026")


def test_the_province_recognises_3_and_4_stars_only():
    assert recognition_refusal(RULES, "province", 3) is None
    assert recognition_refusal(RULES, "province", 4) is None
    five = recognition_refusal(RULES, "province", 5)
    assert (five.reason, five.by_level, five.article) == (
        "other_level",
        "central",
        "Điều 4.1.b, Điều 7.4.đ–e",
    )
    two = recognition_refusal(RULES, "province", 2)
    assert (two.reason, two.article) == ("below_certificate", "Điều 4.1.a")
    assert recognition_refusal(RULES, "province", 1).reason == "below_certificate"
    assert recognition_refusal(RULES, "province", None).reason == "no_class"


def test_the_ministry_recognises_5_stars_only():
    assert recognition_refusal(RULES, "central", 5) is None
    four = recognition_refusal(RULES, "central", 4)
    assert (four.by_level, four.article) == ("province", "Điều 4.1.a, Điều 7.3.đ–e")


def test_older_rulebooks_decide_every_class():
    assert recognition_refusal(load_rulebook("1048-2019"), "province", 2) is None


def test_the_proposal_to_the_ministry_starts_at_90_points_inclusive():
    assert five_star_proposal(RULES, "province", Decimal("90.00"))
    assert not five_star_proposal(RULES, "province", Decimal("89.99"))
    assert not five_star_proposal(RULES, "central", Decimal("95.00"))
    assert not five_star_proposal(RULES, "commune", None)
    assert not five_star_proposal(load_rulebook("1048-2019"), "province", Decimal("95.00"))


def test_a_district_under_1048_recognises_no_class():
    """1048/QĐ-TTg, Phụ lục II: the district evaluates and proposes; the province recognises
    3★ and 4★, the central level 5★."""
    rules_1048 = load_rulebook("1048-2019")
    assert not class_recognised_at(rules_1048, "district")
    assert class_recognised_at(rules_1048, "province")
    assert class_recognised_at(rules_1048, "central")
    assert not class_recognised_at(RULES, "commune")
