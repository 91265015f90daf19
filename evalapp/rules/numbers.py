"""Rounding and number formatting shared by the rules.

Rounding is always ROUND_HALF_UP (away from zero on an exact half), computed on
exact values so no intermediate precision can tip a result: 69.995 → 70.00.
A mean of decimals is summed exactly in `Decimal` and divided in integers (no
`Fraction` per value: the aggregate of a 150-dossier session takes thousands).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal, Inexact
from fractions import Fraction
from math import floor

# Wide enough that adding finite decimals is always exact; `Inexact` is trapped all the same.
_EXACT = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN, traps=[Inexact])


def round_half_up(value: Decimal | Fraction | int, places: int = 2) -> Decimal:
    """`value` rounded half-up to `places` decimals, with exactly `places` decimals."""
    exact = Fraction(value) * 10**places
    magnitude = floor(abs(exact) + Fraction(1, 2))
    return Decimal(magnitude if exact >= 0 else -magnitude).scaleb(-places)


def exact_sum(values: Iterable[Decimal]) -> Decimal | None:
    """The exact sum of finite decimals (or ints); None when a value is anything else."""
    total = Decimal(0)
    for value in values:
        if type(value) is int:
            value = Decimal(value)
        elif type(value) is not Decimal or not value.is_finite():
            return None
        total = _EXACT.add(total, value)
    return total


def exact_difference(total: Decimal, value: Decimal) -> Decimal:
    """`total - value` exactly (both from `exact_sum`)."""
    return _EXACT.subtract(total, value)


def quotient_half_up(total: Decimal, count: int, places: int = 2) -> Decimal:
    """`total / count` rounded half-up to `places` decimals, as `round_half_up` rounds the exact
    quotient: floor(|q| + 1/2) computed as (2a + b) // 2b on integers. `total` is finite and
    `count` positive."""
    if places < 0:
        return round_half_up(Fraction(total) / count, places)
    numerator, denominator = total.as_integer_ratio()
    scaled, divisor = abs(numerator) * 10**places, denominator * count
    magnitude = (2 * scaled + divisor) // (2 * divisor)
    return Decimal(magnitude if numerator >= 0 else -magnitude).scaleb(-places)


def mean_half_up(values: Iterable[Decimal], places: int = 2) -> Decimal:
    """The arithmetic mean of `values`, rounded half-up to `places` decimals."""
    items = list(values)
    if not items:
        raise ValueError("mean of no values")
    total = exact_sum(items)
    if total is None:  # Fractions, floats: the exact rational path
        exact = [Fraction(value) for value in items]
        return round_half_up(sum(exact) / len(exact), places)
    return quotient_half_up(total, len(items), places)


def format_points(value: Decimal | int, lang: str = "vi") -> str:
    """Points without trailing zeros; decimal comma in Vietnamese: 38, 38,5 (en: 38.5)."""
    text = f"{Decimal(value).normalize():f}"
    return text.replace(".", ",") if lang == "vi" else text
