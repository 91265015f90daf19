"""The codes of 26/2026 on a dossier: the product code of the criteria sheet's header
(Phụ lục II, `(T)-(X)-(STT)-năm`) and the number of the registration form (Phụ lục III Mẫu 01,
`……-……/PĐK-(Mã tỉnh)-(Mã xã)-(Năm)`), which the commune gives when it receives the dossier and
the province's OCOP office again when its intake does.

T and X are the official codes of the producer's province and commune (QĐ 19/2025/QĐ-TTg), STT
the commune's own running number of the products it lists in the year. The form's number has
two blanks before "/PĐK": the first is the receiving body's running number of the forms it
received in the year, the second the product's STT, so the form points at the product code
(e.g. "0007-003/PĐK-37-14464-2026"). Numbers are taken under a row lock and never reused. No code
is made up for a unit without an official code: the dossier then has none, and its page says why.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.exc import IntegrityError

from evalapp.dossiers.models import Dossier, DossierNumberCounter
from evalapp.extensions import db
from evalapp.units.models import AdministrativeUnit, UnitLevel

# The rulebooks whose sheets and forms carry these codes (26/2026 Phụ lục II, Phụ lục III).
CODED_RULEBOOKS = frozenset({"26-2026"})
PRODUCT, REGISTRATION = "product", "registration"


def is_coded(dossier: Dossier) -> bool:
    return dossier.round.rulebook_code in CODED_RULEBOOKS


def next_number(unit: AdministrativeUnit, year: int, series: str) -> int:
    """The next number of the unit's yearly series, under a row lock on its counter (the year's
    first counter is inserted in a savepoint: of two first inserts, the second fails on the key
    and then waits for the row the first one committed), as certificate numbers are taken."""
    key = (unit.id, year, series)
    counter = db.session.get(DossierNumberCounter, key, with_for_update=True)
    if counter is None:
        try:
            with db.session.begin_nested():
                db.session.add(DossierNumberCounter(unit_id=unit.id, year=year, series=series))
        except IntegrityError:
            pass
        counter = db.session.get(
            DossierNumberCounter, key, with_for_update=True, populate_existing=True
        )
    counter.last = (counter.last or 0) + 1
    db.session.flush()
    return counter.last


def coded_units(dossier: Dossier) -> tuple[AdministrativeUnit, AdministrativeUnit | None]:
    """The producer's commune and its province (either may lack an official code)."""
    commune = dossier.organisation.commune
    return commune, commune.province()


def missing_official_code(dossier: Dossier) -> AdministrativeUnit | None:
    """The unit whose missing official code keeps a 26/2026 dossier without its codes."""
    if not is_coded(dossier):
        return None
    commune, province = coded_units(dossier)
    if province is None:
        return commune
    return next((u for u in (province, commune) if not u.official_code), None)


def number_at_commune(dossier: Dossier, day: date) -> None:
    """Filed with the commune: the product code (once per dossier) and the commune's number."""
    if not is_coded(dossier) or dossier.product_code or missing_official_code(dossier):
        return
    commune, province = coded_units(dossier)
    t, x = province.official_code, commune.official_code
    stt = next_number(commune, day.year, PRODUCT)
    dossier.product_code = f"{t}-{x}-{stt:03d}-{day.year}"
    sequence = next_number(commune, day.year, REGISTRATION)
    dossier.commune_registration_number = f"{sequence:04d}-{stt:03d}/PĐK-{t}-{x}-{day.year}"
    dossier.commune_registration_on = day


def number_at_province(dossier: Dossier, intake: AdministrativeUnit, day: date) -> None:
    """Received by a province's intake (`intake`, the round's unit): its own number, once, for
    a dossier that has its product code (the codes in it are the ones the form carries)."""
    if (
        dossier.product_code is None
        or dossier.province_registration_number
        or intake.level is not UnitLevel.PROVINCE
    ):
        return
    t, x, stt, _year = dossier.product_code.split("-")
    sequence = next_number(intake, day.year, REGISTRATION)
    dossier.province_registration_number = f"{sequence:04d}-{stt}/PĐK-{t}-{x}-{day.year}"
    dossier.province_registration_on = day


def codes_of(dossier: Dossier) -> dict[str, str]:
    """The codes the dossier has, for its timeline's details."""
    names = ("product_code", "commune_registration_number", "province_registration_number")
    return {name: getattr(dossier, name) for name in names if getattr(dossier, name)}
