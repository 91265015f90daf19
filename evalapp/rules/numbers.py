"""Rounding and number formatting shared by the rules.

Rounding is always ROUND_HALF_UP (away from zero on an exact half), computed on
exact fractions so no intermediate precision can tip a result: 69.995 → 70.00.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from math import floor


def round_half_up(value: Decimal | Fraction | int, places: int = 2) -> Decimal:
    """`value` rounded half-up to `places` decimals, with exactly `places` decimals."""
    exact = Fraction(value) * 10**places
    magnitude = floor(abs(exact) + Fraction(1, 2))
    return Decimal(magnitude if exact >= 0 else -magnitude).scaleb(-places)


def mean_half_up(values: Iterable[Decimal], places: int = 2) -> Decimal:
    """The arithmetic mean of `values`, rounded half-up to `places` decimals."""
    items = [Fraction(value) for value in values]
    if not items:
        raise ValueError("mean of no values")
    return round_half_up(sum(items) / len(items), places)


def format_points(value: Decimal | int, lang: str = "vi") -> str:
    """Points without trailing zeros; decimal comma in Vietnamese: 38, 38,5 (en: 38.5)."""
    text = f"{Decimal(value).normalize():f}"
    return text.replace(".", ",") if lang == "vi" else text
