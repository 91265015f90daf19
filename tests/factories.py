"""Test data builders. Every builder flushes, so the object has an id; tests commit when they need to."""

from __future__ import annotations

import itertools

from evalapp.auth import services as accounts
from evalapp.auth.models import Role, User
from evalapp.extensions import db
from evalapp.units.models import AdministrativeUnit, Office, UnitLevel

_sequence = itertools.count(1)


def make_unit(
    name: str | None = None,
    level: UnitLevel = UnitLevel.PROVINCE,
    parent=None,
    code: str | None = None,
) -> AdministrativeUnit:
    number = next(_sequence)
    if parent is None and level is not UnitLevel.CENTRAL:
        parent = (
            make_unit("Trung ương", UnitLevel.CENTRAL)
            if level is UnitLevel.PROVINCE
            else (make_unit(level=UnitLevel.PROVINCE))
        )
    unit = AdministrativeUnit(
        code=code or f"U{number}", name=name or f"Đơn vị thử {number}", level=level, parent=parent
    )
    db.session.add(unit)
    db.session.flush()
    return unit


def make_office(unit: AdministrativeUnit, name: str | None = None) -> Office:
    office = Office(unit=unit, name=name or f"Văn phòng {unit.name}")
    db.session.add(office)
    db.session.flush()
    return office


def make_user(
    *roles: Role,
    email: str | None = None,
    full_name: str | None = None,
    unit: AdministrativeUnit | None = None,
    password: str | None = None,
    **fields,
) -> User:
    from tests.conftest import TEST_PASSWORD

    number = next(_sequence)
    if unit is None and set(roles) - {Role.PRODUCER, Role.ADMIN}:
        unit = make_unit()
    user = accounts.create_user(
        email or f"nguoidung{number}@vi-du.vn",
        full_name or f"Người dùng Thử {number}",
        password or TEST_PASSWORD,
        set(roles),
        unit=unit,
    )
    for name, value in fields.items():
        setattr(user, name, value)
    db.session.commit()
    return user


def make_organisation(commune: AdministrativeUnit | None = None, name: str | None = None, **fields):
    from evalapp.producers.models import LegalForm, Organisation, OrganisationState

    number = next(_sequence)
    if commune is None:
        province = make_unit(level=UnitLevel.PROVINCE)
        commune = make_unit(level=UnitLevel.COMMUNE, parent=province)
    province = next(unit for unit in commune.lineage() if unit.level is UnitLevel.PROVINCE)
    values = {
        "name": name or f"Hợp tác xã Thử {number}",
        "legal_form": LegalForm.COOPERATIVE,
        "tax_code": f"0{number:09d}",
        "address": "Xóm 3",
        "commune": commune,
        "province": province,
        "representative_name": "Nguyễn Thị Đại Diện",
        "phone": "0912345678",
        "email": f"htx{number}@vi-du.vn",
        "state": OrganisationState.VERIFIED,
        **fields,
    }
    organisation = Organisation(**values)
    db.session.add(organisation)
    db.session.flush()
    return organisation


def make_producer(organisation=None, **fields) -> User:
    from evalapp.common.time import utcnow

    organisation = organisation or make_organisation()
    user = make_user(Role.PRODUCER, email_verified_at=utcnow(), **fields)
    user.organisation = organisation
    db.session.commit()
    return user


def make_product(
    organisation,
    name: str = "Giỏ đay thử",
    rulebook_code: str = "1048-2019",
    subgroup_code: str = "5.01",
    group_code: str = "5",
):
    from evalapp.producers.models import Product

    product = Product(
        organisation=organisation,
        name=name,
        rulebook_code=rulebook_code,
        group_code=group_code,
        subgroup_code=subgroup_code,
        description="",
    )
    db.session.add(product)
    db.session.flush()
    return product


def make_round(
    unit: AdministrativeUnit,
    rulebook_code: str = "1048-2019",
    level_code: str = "province",
    **fields,
):
    from datetime import timedelta

    from evalapp.common.time import local_today
    from evalapp.rounds.models import EvaluationRound

    today = local_today()
    values = {
        "name": f"Đợt đánh giá thử {next(_sequence)}",
        "year": today.year,
        "rulebook_code": rulebook_code,
        "level_code": level_code,
        "submission_opens_on": today - timedelta(days=10),
        "submission_closes_on": today + timedelta(days=20),
        "scoring_starts_on": today + timedelta(days=30),
        "scoring_ends_on": today + timedelta(days=40),
        **fields,
    }
    round_ = EvaluationRound(unit=unit, **values)
    db.session.add(round_)
    db.session.flush()
    return round_


def make_council(round_, seats: list[tuple] | None = None, **fields):
    """A council of `round_`; `seats` are (user, Position) pairs (default: a chair, a vice-chair,
    two members and a secretary, all new users of the round's unit)."""
    from datetime import date

    from evalapp.councils.models import Council, CouncilMember, Position

    council = Council(
        round=round_,
        name=fields.pop("name", "Hội đồng đánh giá thử"),
        decision_number=fields.pop("decision_number", "123/QĐ-UBND"),
        decision_date=fields.pop("decision_date", date(2026, 1, 5)),
        **fields,
    )
    if seats is None:
        roles = [
            (Role.COUNCIL_CHAIR, Position.CHAIR),
            (Role.COUNCIL_MEMBER, Position.VICE_CHAIR),
            (Role.COUNCIL_MEMBER, Position.MEMBER),
            (Role.COUNCIL_MEMBER, Position.MEMBER),
            (Role.SECRETARY, Position.SECRETARY),
        ]
        seats = [(make_user(role, unit=round_.unit), position) for role, position in roles]
    council.members = [
        CouncilMember(user=user, position=position, number=number)
        for number, (user, position) in enumerate(seats, start=1)
    ]
    db.session.add(council)
    db.session.flush()
    return council


def make_session(council, days_ahead: int = 7, **fields):
    from datetime import timedelta

    from evalapp.common.time import utcnow
    from evalapp.councils.models import CouncilSession, SessionState

    values = {
        "title": "Phiên họp thử",
        "starts_at": utcnow() + timedelta(days=days_ahead),
        "place": "Hội trường UBND",
        "is_online": False,
        "state": SessionState.PLANNED,
        **fields,
    }
    session = CouncilSession(council=council, **values)
    db.session.add(session)
    db.session.flush()
    return session


# The handicraft class and its sheet per rulebook: (group, class, sheet).
HANDICRAFT = {
    "1048-2019": ("5", "5.01", "tcmn-trang-tri"),
    "26-2026": ("IV", "IV.1", "21-thu-cong-my-nghe-gia-dung-trang-tri"),
}


def make_accepted_dossier(round_, organisation, name: str = "Sản phẩm thử"):
    """A handicraft dossier already through intake (its history is not the point of the test
    using it), on the rulebook's handicraft sheet when the rulebook has one."""
    from evalapp.dossiers.models import Dossier, DossierState, RegistrationType
    from evalapp.sheets import library

    group, class_code, sheet_code = HANDICRAFT.get(round_.rulebook_code, ("5", "5.01", None))
    product = make_product(organisation, name, round_.rulebook_code, class_code, group)
    dossier = Dossier(
        product=product,
        organisation=organisation,
        round=round_,
        registration_type=RegistrationType.FIRST_TIME,
        state=DossierState.ACCEPTED,
        group_code=product.group_code,
        class_code=product.subgroup_code,
        sheet_code=sheet_code,
        sheet_version_id=library.pinned_version_id(round_.rulebook_code, sheet_code),
        current_unit=round_.unit,
        receipt_code=f"T-{next(_sequence):06d}",
    )
    db.session.add(dossier)
    db.session.flush()
    return dossier


def make_final_result(item, score: str = "72.00", stars: int | None = 4, **fields):
    """A finalised result written directly (the finalising service is tested on its own), with
    the dossier moved to EVALUATED as finalising does."""
    from decimal import Decimal

    from evalapp.dossiers.models import DossierState
    from evalapp.results.models import FinalResult

    dossier = item.dossier
    values = dict(
        item=item,
        dossier=dossier,
        round=dossier.round,
        rulebook_code=dossier.round.rulebook_code,
        sheet_code=dossier.sheet_code or "tcmn-trang-tri",
        level_code=dossier.round.level_code,
        scoring_round=item.scoring_round,
        member_count=7,
        score=Decimal(score),
        part_scores={"A": "27.00", "B": "15.00", "C": "30.00"},
        outcome="classified" if stars else "not_classified",
        stars=stars,
        earns_certificate=(stars or 0) >= 3,
        classification={},
        statistics={"spread": "6.00", "median": score, "stdev": "2.10", "criteria": []},
        sheets=[],
        conclusion="",
    )
    values.update(fields)
    result = FinalResult(**values)
    dossier.state = DossierState.EVALUATED
    db.session.add(result)
    db.session.flush()
    return result


def make_decision(
    round_, results=(), number: str | None = "123/QĐ-UBND", issued: bool = True, **fields
):
    """A result decision of `round_` approving `results`; issued (results published) by default."""
    from datetime import date

    from evalapp.common.time import utcnow
    from evalapp.dossiers.models import DossierState
    from evalapp.results.models import DecisionState, ResultDecision

    values = dict(
        round=round_,
        unit=round_.unit,
        state=DecisionState.ISSUED if issued else DecisionState.DRAFT,
        number=number,
        signed_on=date(2021, 12, 20) if issued else None,
        issuing_body=f"ỦY BAN NHÂN DÂN {round_.unit.name.upper()}",
        place=round_.unit.name.split(" ", 1)[-1],
        signer_name="Nguyễn Văn Ký",
        signer_title="Phó Chủ tịch",
    )
    values.update(fields)
    decision = ResultDecision(**values)
    db.session.add(decision)
    for result in results:
        result.decision = decision
        if issued:
            result.published_at = utcnow()
            result.dossier.state = DossierState.PUBLISHED
    db.session.flush()
    return decision


def hand_over_samples(dossier, officer) -> None:
    """The product samples the dossier's rulebook asks for (26/2026: 5, none for community
    tourism), recorded at the commune as its officer receives them; nothing under older rules."""
    from evalapp.common.time import local_today
    from evalapp.samples.rules import expected_samples
    from evalapp.samples.services import receive_samples

    expected = expected_samples(dossier)
    if expected is not None and expected.count:
        receive_samples(
            dossier, expected.count, "Hộp giấy (mẫu)", local_today(), officer.full_name, officer
        )
        db.session.commit()
