"""How many samples a dossier goes with, by the rulebook of its round.

26/2026 Điều 6.2.d: the commune sends the province the dossier with "05 sản phẩm mẫu" supplied by
the producer, "trừ nhóm sản phẩm Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch";
Điều 7.2.b: the commune sends the dossier of Điều 6.2 to the province. The exempt group is the
one the rulebook data already exempts from the samples' checklist item (`anh_san_pham`,
`exempt_groups`: group VI, whose one product set is sheet 26). The earlier rulebooks name no
number of samples: no count is checked for their dossiers, and none is recorded here.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, select

from evalapp.common.i18n import localised
from evalapp.dossiers.intake import samples_missing
from evalapp.dossiers.models import Dossier
from evalapp.dossiers.rules import rulebook_of
from evalapp.extensions import db
from evalapp.samples.models import Sample


@dataclass(frozen=True)
class SampleRule:
    count: int
    # The checklist item whose `exempt_groups` are the groups that send no sample.
    exempt_item: str
    article: str


SAMPLE_RULES = {
    "26-2026": SampleRule(count=5, exempt_item="anh_san_pham", article="Điều 6.2.d, 7.2.b"),
}


@dataclass(frozen=True)
class Expectation:
    """What a dossier's rulebook asks: `count` samples (0 for an exempt group), and where."""

    count: int
    reference: str  # "Điều 6.2.d, 7.2.b Quyết định 26/2026/QĐ-TTg"
    exempt_group: str | None = None  # the exempt group's name, when exempt

    @property
    def exempt(self) -> bool:
        return self.exempt_group is not None


def expected_samples(dossier: Dossier) -> Expectation | None:
    """The samples this dossier must go with; None when its rulebook names no number."""
    rulebook = rulebook_of(dossier)
    rule = SAMPLE_RULES.get(rulebook.code)
    if rule is None:
        return None
    reference = _(
        "%(article)s Quyết định %(reference)s", article=rule.article, reference=rulebook.reference
    )
    if dossier.group_code in exempt_groups(rulebook, rule):
        group = next(g for g in rulebook.groups if g.code == dossier.group_code)
        return Expectation(0, reference, localised(group.name))
    return Expectation(rule.count, reference)


def exempt_groups(rulebook, rule: SampleRule) -> frozenset[str]:
    items = (item for checklist in rulebook.checklists for item in checklist.items)
    return frozenset(
        group for item in items if item.code == rule.exempt_item for group in item.exempt_groups
    )


def recorded_count(dossier: Dossier) -> int:
    return db.session.scalar(select(func.count(Sample.id)).where(Sample.dossier_id == dossier.id))


@samples_missing.answer
def missing_samples(dossier: Dossier) -> str | None:
    """Why the commune cannot forward `dossier` yet for want of samples, or None."""
    expected = expected_samples(dossier)
    if expected is None:
        return None
    recorded = recorded_count(dossier)
    if recorded == expected.count:
        return None
    return _(
        "Chưa thể chuyển hồ sơ lên cấp tỉnh: hồ sơ phải kèm %(expected)d sản phẩm mẫu "
        "(%(reference)s), hiện đã ghi nhận %(recorded)d. Hãy ghi nhận sản phẩm mẫu trước.",
        expected=expected.count,
        reference=expected.reference,
        recorded=recorded,
    )
