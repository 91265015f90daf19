"""A provincial round of Ninh Bình under 1048 whose issued decision approves four results:
4★ (Giỏ đay Hiếu Lâm), 3★, 5★ (recognised centrally) and 2★ (none)."""

from dataclasses import dataclass

import pytest

from evalapp.auth.models import Role
from evalapp.common.time import utcnow
from evalapp.councils.models import AgendaItem, Position
from evalapp.extensions import db
from evalapp.units.models import UnitLevel
from tests.factories import (
    make_accepted_dossier,
    make_council,
    make_decision,
    make_final_result,
    make_organisation,
    make_producer,
    make_round,
    make_session,
    make_unit,
    make_user,
)


@dataclass
class Issuing:
    province: object
    round: object
    council: object
    session: object
    organisation: object
    producer: object
    secretary: object
    chair: object
    results: dict  # by stars: 4, 3, 5, 2
    decision: object


def agenda_result(session, organisation, name, stars, position, score="72.00"):
    dossier = make_accepted_dossier(session.council.round, organisation, name)
    item = AgendaItem(dossier=dossier, position=position, added_at=utcnow())
    session.agenda.append(item)
    db.session.flush()
    return make_final_result(item, score, stars)


def make_issuing(number="123/QĐ-UBND", code="NB", name="Tỉnh Ninh Bình", **decision_fields):
    province = make_unit(name, code=code)
    district = make_unit("Huyện Kim Sơn", UnitLevel.DISTRICT, parent=province, code=f"{code}-KS")
    commune = make_unit("Xã Thượng Kiệm", UnitLevel.COMMUNE, parent=district)
    organisation = make_organisation(commune=commune, name="Công ty TNHH Hiếu Lâm", address="Xóm 3")
    producer = make_producer(organisation, full_name="Phạm Thị Hiếu")
    secretary = make_user(Role.SECRETARY, unit=province, full_name="Trần Thị Thư Ký")
    chair = make_user(Role.COUNCIL_CHAIR, unit=province, full_name="Lê Văn Chủ Tịch")
    round_ = make_round(province, level_code="province", year=2021)
    council = make_council(round_, [(chair, Position.CHAIR), (secretary, Position.SECRETARY)])
    session = make_session(council)
    results = {
        4: agenda_result(session, organisation, "Giỏ đay Hiếu Lâm", 4, 1, "78.50"),
        3: agenda_result(session, organisation, "Cơm cháy Cung Đình", 3, 2, "62.00"),
        5: agenda_result(session, organisation, "Chiếu cói Kim Sơn", 5, 3, "92.00"),
        2: agenda_result(session, organisation, "Thảm bèo bồng", 2, 4, "45.00"),
    }
    decision = make_decision(round_, list(results.values()), number, **decision_fields)
    db.session.commit()
    return Issuing(
        province,
        round_,
        council,
        session,
        organisation,
        producer,
        secretary,
        chair,
        results,
        decision,
    )


@pytest.fixture
def issuing(app):
    return make_issuing()


@pytest.fixture
def issued(issuing):
    """The decision's certificates issued (4★ first, then 3★)."""
    from evalapp.certificates import services

    services.issue_certificates(issuing.decision, issuing.secretary)
    db.session.commit()
    return issuing


def certificate_of(issuing, stars):
    from sqlalchemy import select

    from evalapp.certificates.models import Certificate

    return db.session.scalar(
        select(Certificate).where(Certificate.result_id == issuing.results[stars].id)
    )
