"""Procedure rules of a rulebook: forwarding, recognition, quorum, certificate dates."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from .model import CertificateRules, CouncilRules, EvaluationLevel, Rulebook
from .working_days import is_working_day


@dataclass(frozen=True)
class Forwarding:
    """Whether a product goes on from `level` to `to` (None: the last level)."""

    level: str
    to: str | None
    minimum: Decimal | None
    forwarded: bool


def _level(rulebook: Rulebook, code: str) -> EvaluationLevel:
    level = rulebook.level(code)
    if level is None:
        raise LookupError(f"no evaluation level {code!r} in rulebook {rulebook.code!r}")
    return level


def forwarding(
    rulebook: Rulebook, level_code: str, score: Decimal | None, *, excluded: bool = False
) -> Forwarding:
    """Whether the rounded `score` reaches the forwarding score of `level_code` (≥, inclusive).

    A level with a next level but no forwarding score (1489 commune) forwards every
    complete dossier, with or without a score. An `excluded` product (knock-out or
    stop) is never forwarded.
    """
    level = _level(rulebook, level_code)
    if level.forward_to is None or excluded:
        reaches = False
    elif level.forward_min is None:
        reaches = True
    else:
        reaches = score is not None and score >= level.forward_min
    return Forwarding(level.code, level.forward_to, level.forward_min, reaches)


def recognising_level(rulebook: Rulebook, stars: int) -> EvaluationLevel | None:
    """The level whose People's Committee (or ministry) recognises `stars`."""
    return next((level for level in rulebook.levels if stars in level.recognises), None)


@dataclass(frozen=True)
class RecognitionRefusal:
    """Why a decision at one level may not recognise a class, with the article that says so.

    `reason`: "no_class" (excluded or below every band), "below_certificate" (1★, 2★: no
    decision, no certificate), "other_level" (the class is recognised by `by_level`)."""

    reason: str
    stars: int | None
    by_level: str | None
    article: str


# Quyết định 26/2026/QĐ-TTg: Điều 4.1.a (the province decides and certifies 3★ and 4★ only, and
# nothing for 1★ or 2★), Điều 4.1.b (the ministry decides 5★), Điều 7.3.đ–e (the province's
# decision; a product from 90 points is approved and proposed to the ministry), Điều 7.4.đ–e
# (the ministry's decision).
LEVEL_ARTICLES = {"province": "Điều 4.1.a, Điều 7.3.đ–e", "central": "Điều 4.1.b, Điều 7.4.đ–e"}


def recognition_refusal(
    rulebook: Rulebook, level_code: str, stars: int | None
) -> RecognitionRefusal | None:
    """None when a decision at `level_code` may recognise a result of `stars` (always, under a
    rulebook without `certificate.recognised_only`, where the decision lists every class); else
    why not. A 5★ class at the province is refused here even when its score is the province's
    forwarding score (26/2026 Điều 7.3.e: the chair approves the result and the province proposes
    it to the ministry, see `five_star_proposal`)."""
    if not rulebook.certificate.recognised_only:
        return None
    level = _level(rulebook, level_code)
    if not stars:
        return RecognitionRefusal("no_class", None, None, "Điều 4.1.a")
    if stars in level.recognises:
        return None
    if stars < rulebook.certificate.min_stars:
        return RecognitionRefusal("below_certificate", stars, None, "Điều 4.1.a")
    by = recognising_level(rulebook, stars)
    by_code = by.code if by is not None else None
    return RecognitionRefusal(
        "other_level", stars, by_code, LEVEL_ARTICLES.get(by_code or "", "Điều 4.1")
    )


def class_recognised_at(rulebook: Rulebook, level_code: str) -> bool:
    """Whether a decision at `level_code` may state a star class at all.

    Quyết định 1048/QĐ-TTg (amended by 781/QĐ-TTg), Phụ lục II, the evaluation procedure: the
    district council evaluates the products and proposes those from 50 points to the province;
    the province recognises 3★ and 4★, the central level 5★. A district decision under 1048
    approves scores and proposals, never a class (its level's `recognises` is empty); the same
    holds for the commune under 1489 and 26/2026, which only check and propose."""
    return bool(_level(rulebook, level_code).recognises)


def five_star_proposal(rulebook: Rulebook, level_code: str, score: Decimal | None) -> bool:
    """Whether a result at `level_code` goes to the next level through an approval decision and
    a proposal letter (26/2026 Điều 7.3.e, second paragraph; the bundle of Điều 6.3): under a
    rulebook that decides only what each level recognises, a score from the level's forwarding
    score (≥ 90 at the province, inclusive) at a level that itself recognises classes."""
    if not rulebook.certificate.recognised_only:
        return False
    level = _level(rulebook, level_code)
    return bool(level.recognises) and forwarding(rulebook, level_code, score).forwarded


def quorum_met(rules: CouncilRules, members: int, present: int, chair_present: bool) -> bool:
    """At least `rules.quorum` of the (non-conflicted) members present, with the chair if required."""
    if members <= 0 or (rules.chair_required and not chair_present):
        return False
    return Fraction(present, members) >= rules.quorum


def add_months(day: date, months: int) -> date:
    """`day` plus `months` calendar months, clamped to the month's last day (31/01 + 1 → 28/02)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def certificate_expiry(issued: date, rules: CertificateRules) -> date:
    """The last day of validity of a certificate issued on `issued`: the corresponding day of the
    month `validity_months` later, or that month's last day when it has no such day.

    Quyết định 26/2026/QĐ-TTg, Điều 4.3 (1048/QĐ-TTg and 148/QĐ-TTg say the same 36 months):
    "Giấy chứng nhận cho sản phẩm OCOP đạt từ 3 sao trở lên có giá trị trong thời hạn 36 tháng kể
    từ ngày cơ quan có thẩm quyền ban hành." The period is counted by Bộ luật Dân sự 2015:
    Điều 147.1, the day of issue is not counted, the period starts the next day; Điều 148.1.c, a
    period in months ends at the end of the corresponding day of its last month, or at the end of
    that month's last day when it has no corresponding day. So 20/12/2021 → 20/12/2024,
    29/02/2024 → 28/02/2027, and 31/01 + 1 month → 28/02 (29/02 in a leap year); the certificate
    is valid through that whole day.
    """
    return add_months(issued, rules.validity_months)


def reminder_date(expiry: date, rules: CertificateRules) -> date:
    """The day by which the issuer notifies the producer (`reminder_days` before expiry)."""
    return expiry - timedelta(days=rules.reminder_days)


def revocation_deadline(conclusion_on: date, days: int) -> date:
    """The last day on which a certificate may be revoked on a conclusion of `conclusion_on`.

    Quyết định 26/2026/QĐ-TTg, Điều 8.4: "Thời gian thu hồi giấy chứng nhận là 15 ngày kể từ
    ngày có kết luận của cơ quan có thẩm quyền … hoặc xác nhận của UBND cấp xã …" — calendar days
    (the text does not say working days), counted by Bộ luật Dân sự 2015: Điều 147.1, the day of
    the conclusion is not counted; Điều 148.4, a period whose last day is a weekend day or a
    public holiday ends at the end of the next working day. So a conclusion of 02/03/2026 (Monday)
    gives 17/03/2026 (Tuesday); one of 06/03/2026 gives Saturday 21/03 → Monday 23/03/2026.
    """
    last = conclusion_on + timedelta(days=days)
    while not is_working_day(last):
        last += timedelta(days=1)
    return last
