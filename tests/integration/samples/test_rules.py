"""The count of samples comes from 26/2026 Điều 6.2.d; the group it exempts is the one the
rulebook data exempts from the samples' checklist item: community tourism (group VI, sheet 26)."""

from evalapp.rules import load_rulebook
from evalapp.samples.rules import SAMPLE_RULES, exempt_groups


def test_only_community_tourism_is_exempt_under_26_2026():
    rulebook = load_rulebook("26-2026")
    rule = SAMPLE_RULES["26-2026"]
    assert rule.count == 5 and rule.article == "Điều 6.2.d, 7.2.b"
    assert exempt_groups(rulebook, rule) == {"VI"}
    [group] = [g for g in rulebook.groups if g.code == "VI"]
    assert group.name.vi.casefold().endswith(
        "dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch"
    )
    assert [s.sheet for s in group.subgroups] == ["26-dich-vu-du-lich-cong-dong-du-lich"]
