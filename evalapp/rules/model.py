"""The rules as plain values: rulebooks, and (re-exported) the criteria sheets and their parts.

Everything here is a frozen dataclass built by `loader.py` from the shipped JSON files (or from
an administrator's import). Points are `Decimal`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from .sheet import (
    ANY_LEAF_ZERO,
    EXCLUSION_CODE,
    EXCLUSION_LEVEL,
    Case,
    Condition,
    CriteriaSheet,
    Criterion,
    Level,
    MinimumCondition,
    NoteRule,
    SheetPart,
)
from .values import RegistrationType, Text

__all__ = [
    "ANY_LEAF_ZERO",
    "EXCLUSION_CODE",
    "EXCLUSION_LEVEL",
    "Case",
    "Condition",
    "CriteriaSheet",
    "Criterion",
    "Level",
    "MinimumCondition",
    "NoteRule",
    "RegistrationType",
    "SheetPart",
    "Text",
]


@dataclass(frozen=True)
class PartSpec:
    code: str
    name: Text
    maximum: Decimal


@dataclass(frozen=True)
class StarBand:
    """Half-open band `[minimum, maximum)` of the rounded average score; no maximum = no top."""

    stars: int
    minimum: Decimal
    maximum: Decimal | None = None

    def contains(self, score: Decimal) -> bool:
        return self.minimum <= score and (self.maximum is None or score < self.maximum)


@dataclass(frozen=True)
class PreReviewItem:
    code: str
    name: Text


@dataclass(frozen=True)
class RoundCutOffRule:
    """One round of a level's yearly calendar (26/2026 Điều 5): proposals made before
    `proposals_before` (month, day) are decided before `decided_before`, in the next year when
    `next_year` (the ministry's round 2). Both days are excluded ("trước ngày")."""

    number: int
    proposals_before: tuple[int, int]
    decided_before: tuple[int, int]
    next_year: bool = False


@dataclass(frozen=True)
class EvaluationLevel:
    """A level of the procedure (commune, district, province, central).

    A product reaching `forward_min` goes on to `forward_to`; with `forward_to`
    set and no `forward_min`, every complete dossier is forwarded (1489 commune).

    `pre_review_working_days`: the working days the pre-reviewing level has from the day it
    receives a dossier to forward it (26/2026 Điều 7.2: 15), or None where the text sets none.
    `pre_review_report`: the report the pre-review is written up as ("mau-03": 26/2026 Phụ lục
    III Mẫu số 03, a written assessment of each content plus the proposal letter), or None for a
    met / not met check (1489/2025).
    `rounds`: the level's yearly round calendar with its `rounds_article` (26/2026 Điều 5), empty
    where the rulebook sets none.
    """

    code: str
    name: Text
    recognises: tuple[int, ...] = ()
    scores: bool = True
    forward_to: str | None = None
    forward_min: Decimal | None = None
    pre_review: tuple[PreReviewItem, ...] = ()
    pre_review_working_days: int | None = None
    pre_review_report: str | None = None
    rounds: tuple[RoundCutOffRule, ...] = ()
    rounds_article: str = ""


@dataclass(frozen=True)
class CouncilRules:
    """Spread limit before re-scoring, quorum, rounding (half-up to `decimals`), dossier lead time.

    `members_see_result`: whether members may see the finalised aggregate of a dossier they
    scored (no rulebook found says so, hence off by default; the chair and secretariat always see it).
    """

    max_spread: Decimal = Decimal(10)
    quorum: Fraction = Fraction(3, 4)
    chair_required: bool = True
    decimals: int = 2
    dossier_lead_working_days: int = 1
    members_see_result: bool = False
    # 26/2026 Điều 7.6.d, 7.6.đ(e): the council evaluates a re-evaluation dossier by written
    # opinions and meets only when opinions differ or a matter needs discussion; Điều 7.6.g: the
    # re-evaluation takes at most `re_evaluation_days` days from the complete dossier's receipt.
    re_evaluation_in_writing: bool = False
    re_evaluation_days: int | None = None


@dataclass(frozen=True)
class RevocationGround:
    """A case in which a certificate is revoked (26/2026 Điều 8.1): `code` is the letter of the
    point ("a" … "e", "dd" for đ), `point` its citation ("Điều 8.1.đ"), `text` the decision's words.
    `commune_confirmation`: the conclusion it rests on is the commune's confirmation (Điều 8.4:
    "xác nhận của UBND cấp xã về chủ thể OCOP không còn sản xuất sản phẩm OCOP")."""

    code: str
    point: str
    text: Text
    commune_confirmation: bool = False


@dataclass(frozen=True)
class RevocationAuthority:
    """Who decides a revocation for the classes a level recognises (26/2026 Điều 8.2)."""

    level: str
    point: str
    title: Text


@dataclass(frozen=True)
class RevocationRules:
    """Revocation by a rulebook that regulates it (26/2026 Điều 8): one of `grounds`, decided by
    the level that recognised the class (`by_level`, Điều 8.2), within `days` calendar days from
    the conclusion it rests on (Điều 8.4: "15 ngày kể từ ngày có kết luận …")."""

    reference: str
    grounds: tuple[RevocationGround, ...]
    authorities: tuple[RevocationAuthority, ...]
    days: int
    grounds_article: str
    level_article: str
    deadline_article: str

    def ground(self, code: str) -> RevocationGround | None:
        return next((g for g in self.grounds if g.code == code), None)

    def authority(self, level: str) -> RevocationAuthority | None:
        return next((a for a in self.authorities if a.level == level), None)


@dataclass(frozen=True)
class CertificateRules:
    """`recognised_only`: the result decision lists only the classes its level recognises
    (26/2026 Điều 4.1.a: no decision for 1★ or 2★; the province does not recognise 5★).
    `revocation`: None where the rulebook does not regulate revocation (a free-text reason)."""

    min_stars: int = 3
    validity_months: int = 36
    reminder_days: int = 30
    recognised_only: bool = False
    revocation: RevocationRules | None = None
    # 26/2026 Điều 7.6.a: a re-evaluation dossier is filed not earlier than `refile_from_days`
    # and not later than `refile_until_days` days before the expiry day (None: no window, as
    # under the earlier rulebooks). Điều 12.3: a late filing keeps the certificate valid until
    # the result, at most `late_filing_extension_days` days past the expiry day.
    refile_from_days: int | None = None
    refile_until_days: int | None = None
    late_filing_extension_days: int | None = None


@dataclass(frozen=True)
class DossierItem:
    """A document of the dossier; `exempt_groups` lists product groups that need not supply it."""

    code: str
    name: Text
    required: bool
    formats: tuple[str, ...]
    max_size_mb: int
    exempt_groups: tuple[str, ...] = ()


@dataclass(frozen=True)
class Checklist:
    registration_type: RegistrationType
    items: tuple[DossierItem, ...]


@dataclass(frozen=True)
class Family:
    """A product group (nhóm) between the sector and the product set (26/2026 Phụ lục I)."""

    code: str
    name: Text


@dataclass(frozen=True)
class Subgroup:
    """What a product is filed under (26/2026: a "bộ sản phẩm" with its lead ministry)."""

    code: str
    name: Text
    sheet: str | None = None
    family: Family | None = None
    lead_ministry: Text | None = None

    @property
    def full_name(self) -> Text:
        """The name with its group's when the group has several product sets ("Thực phẩm chế
        biến — Đồ ăn nhanh"), as a product form lists them."""
        family = self.family
        if family is None or family.name.vi == self.name.vi:
            return self.name
        english = f"{family.name.en} — {self.name.en}" if family.name.en and self.name.en else ""
        return Text(f"{family.name.vi} — {self.name.vi}", english)


@dataclass(frozen=True)
class ProductGroup:
    code: str
    name: Text
    subgroups: tuple[Subgroup, ...] = ()


class StarMinimaRule(StrEnum):
    """How a starred option is judged across the council's members (the decision is silent).

    AVERAGE: the members' average points on the criterion, rounded like the score, reach the
    points of the option marked for that class."""

    AVERAGE = "average"


@dataclass(frozen=True)
class StarMinima:
    rule: StarMinimaRule
    note: Text


@dataclass(frozen=True)
class Transition:
    """How a rulebook takes over from the one it replaces (26/2026 Điều 11.2 and 12.2): the
    replaced one ceases `replaced_after_days` days after this one takes effect; dossiers
    filed before `filed_before` finish under the replaced rules within `finish_within_days`
    days (per registration type) of this one taking effect."""

    replaced_after_days: int
    note: Text
    filed_before: date
    finish_within_days: Mapping[str, int]


@dataclass(frozen=True)
class Correction:
    """The app scores option `option` (0-based) of the criterion at `points`, not the printed
    `printed_points`: a misprint the irregularity explains, applied openly by the loader."""

    option: int
    printed_points: Decimal
    points: Decimal


@dataclass(frozen=True)
class Irregularity:
    """A place where the official text does not add up or is ambiguous, and what the app does."""

    sheet: str
    criterion: str | None
    kind: str
    text_says: Text
    app_does: Text
    correction: Correction | None = None


@dataclass(frozen=True)
class Rulebook:
    """The rules in force for an evaluation round (see DESIGN.md §2)."""

    code: str
    reference: str
    title: Text
    issued: date
    applies_from: date
    applies_until: date | None
    replaces: str | None
    parts: tuple[PartSpec, ...]
    star_bands: tuple[StarBand, ...]
    minimum_conditions: tuple[MinimumCondition, ...] = ()
    levels: tuple[EvaluationLevel, ...] = ()
    council: CouncilRules = field(default_factory=CouncilRules)
    certificate: CertificateRules = field(default_factory=CertificateRules)
    checklists: tuple[Checklist, ...] = ()
    groups: tuple[ProductGroup, ...] = ()
    star_minima: StarMinima | None = None
    transition: Transition | None = None
    irregularities: tuple[Irregularity, ...] = ()

    def part(self, code: str) -> PartSpec | None:
        return next((part for part in self.parts if part.code == code), None)

    def band_for(self, score: Decimal) -> StarBand | None:
        """The band containing `score` (already rounded), or None below the lowest band."""
        return next((band for band in self.star_bands if band.contains(score)), None)

    def band(self, stars: int) -> StarBand | None:
        return next((band for band in self.star_bands if band.stars == stars), None)

    def conditions_for(self, stars: int, sheet_code: str) -> tuple[MinimumCondition, ...]:
        """Conditions of `stars` and of every lower band (781: 4★ = the 3★ requirements + …)."""
        return tuple(
            c for c in self.minimum_conditions if c.stars <= stars and c.applies_to(sheet_code)
        )

    def requirements_for(self, stars: int, sheet: CriteriaSheet) -> tuple[MinimumCondition, ...]:
        """Everything `stars` needs on `sheet`: the rulebook's minimum conditions and, when the
        rulebook reads star markers, the sheet's starred options, of `stars` and every lower class."""
        starred = sheet.star_minima if self.star_minima is not None else ()
        return self.conditions_for(stars, sheet.code) + tuple(
            c for c in starred if c.stars <= stars
        )

    def irregularities_of(self, sheet_code: str) -> tuple[Irregularity, ...]:
        return tuple(i for i in self.irregularities if i.sheet == sheet_code)

    def level(self, code: str) -> EvaluationLevel | None:
        return next((level for level in self.levels if level.code == code), None)

    def checklist(self, registration_type: str) -> Checklist | None:
        wanted = RegistrationType(registration_type)
        return next((c for c in self.checklists if c.registration_type == wanted), None)

    def subgroup(self, code: str) -> Subgroup | None:
        subgroups = (s for g in self.groups for s in g.subgroups)
        return next((s for s in subgroups if s.code == code), None)

    def classes(self) -> tuple[tuple[ProductGroup, Subgroup | None], ...]:
        """What a product can be filed under: each subgroup, or the group itself when the
        rulebook lists no subgroups for it (148's groups 2–6 as far as they are sourced)."""
        return tuple(
            (group, subgroup) for group in self.groups for subgroup in (group.subgroups or (None,))
        )

    def product_class(self, code: str) -> tuple[ProductGroup, Subgroup | None] | None:
        """The (group, subgroup) a classification code names, or None."""
        return next(((g, s) for g, s in self.classes() if (s.code if s else g.code) == code), None)

    def applies_on(self, day: date) -> bool:
        return self.applies_from <= day and (
            self.applies_until is None or day <= self.applies_until
        )
