"""A provincial round of Ninh Bình with its council (chair, vice-chair, two members, secretary),
a session a fortnight ahead and an accepted dossier of Công ty TNHH Hiếu Lâm."""

from __future__ import annotations

import pytest

from evalapp.auth.models import Role
from evalapp.councils.models import AgendaItem, Position
from evalapp.extensions import db
from evalapp.units.models import UnitLevel
from tests.factories import (
    make_accepted_dossier,
    make_council,
    make_organisation,
    make_round,
    make_session,
    make_unit,
    make_user,
)


@pytest.fixture
def province(app):
    return make_unit("Tỉnh Ninh Bình", code="NB")


@pytest.fixture
def secretary(province):
    return make_user(Role.SECRETARY, unit=province, full_name="Thư ký Tỉnh")


@pytest.fixture
def round_(province):
    round_ = make_round(province, name="Đợt đánh giá OCOP tỉnh Ninh Bình")
    db.session.commit()
    return round_


@pytest.fixture
def organisation(province):
    commune = make_unit("Xã Thượng Kiệm", UnitLevel.COMMUNE, parent=province, code="NB-TK")
    organisation = make_organisation(commune=commune, name="Công ty TNHH Hiếu Lâm")
    db.session.commit()
    return organisation


@pytest.fixture
def council(round_):
    seats = [
        (make_user(Role.COUNCIL_CHAIR, unit=round_.unit, full_name="Trần Văn Chủ"), Position.CHAIR),
        (
            make_user(Role.COUNCIL_MEMBER, unit=round_.unit, full_name="Lê Thị Phó"),
            Position.VICE_CHAIR,
        ),
        (
            make_user(Role.COUNCIL_MEMBER, unit=round_.unit, full_name="Ngô Văn Một"),
            Position.MEMBER,
        ),
        (make_user(Role.COUNCIL_MEMBER, unit=round_.unit, full_name="Đỗ Thị Hai"), Position.MEMBER),
        (
            make_user(Role.ADVISORY_MEMBER, unit=round_.unit, full_name="Vũ Tư Vấn"),
            Position.ADVISORY,
        ),
    ]
    council = make_council(round_, seats)
    db.session.commit()
    return council


@pytest.fixture
def session(council):
    session = make_session(council, days_ahead=14, title="Phiên họp thứ nhất")
    db.session.commit()
    return session


@pytest.fixture
def dossier(round_, organisation):
    dossier = make_accepted_dossier(round_, organisation, name="Chiếu cói Kim Sơn")
    db.session.commit()
    return dossier


@pytest.fixture
def item(session, dossier):
    return put_on_agenda(session, dossier)


def put_on_agenda(session, dossier) -> AgendaItem:
    """Straight onto the agenda (the lead time and notifications are tested on their own)."""
    item = AgendaItem(dossier=dossier, position=len(session.agenda) + 1)
    session.agenda.append(item)
    db.session.commit()
    return item


def seat(council, position: Position, index: int = 0):
    """The `index`-th seat at `position`."""
    return [m for m in council.members if m.position is position][index]


@pytest.fixture
def as_secretary(auth, secretary):
    auth.login(secretary)
    return secretary
