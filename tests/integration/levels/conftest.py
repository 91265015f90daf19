"""Ninh Bình's provincial council under 26/2026 has finalised five results — 4★ (Giỏ đay Hiếu
Lâm, 72,50), 3★, 2★, excluded and 91,00 points (5★ class) — and the ministry's central unit has an
open central round with its own council and OCOP office (secretary)."""

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from evalapp.auth.models import Role
from evalapp.common.time import utcnow
from evalapp.councils.models import AgendaItem, Position, SessionState
from evalapp.extensions import db
from evalapp.units.models import UnitLevel
from tests.factories import (
    make_council,
    make_final_result,
    make_producer,
    make_round,
    make_session,
    make_user,
)
from tests.integration.reports.conftest import build_session
from tests.integration.reports.test_decisions import add_item


@dataclass
class Levels:
    closed: object  # the provincial session (tests.integration.reports.conftest.Closed)
    province: object
    central: object
    central_round: object
    central_secretary: object
    producer: object
    commune_officer: object
    results: dict  # "4", "3", "2", "x" (excluded), "5"


@pytest.fixture
def levels(app) -> Levels:
    return build_levels()


def build_levels() -> Levels:
    closed = build_session(scored=False, level="province")
    closed.round.rulebook_code = "26-2026"
    province = closed.unit
    central = province.parent
    assert central.level is UnitLevel.CENTRAL
    results = {
        "4": make_final_result(closed.item, "72.50", 4),
        "3": make_final_result(add_item(closed, "Chiếu cói"), "61.00", 3),
        "2": make_final_result(add_item(closed, "Thảm bèo"), "45.00", 2),
        "x": make_final_result(add_item(closed, "Khay tre"), "38.00", None, outcome="excluded"),
        "5": make_final_result(add_item(closed, "Đèn cói"), "91.00", 5),
    }
    central_round = make_round(
        central, rulebook_code="26-2026", level_code="central", name="Đợt đánh giá 5 sao 2021"
    )
    central_secretary = make_user(Role.SECRETARY, unit=central, full_name="Thư ký Bộ")
    producer = make_producer(closed.item.dossier.organisation)
    commune = closed.item.dossier.organisation.commune
    commune_officer = make_user(Role.COMMUNE_OFFICER, unit=commune)
    db.session.commit()
    return Levels(
        closed,
        province,
        central,
        central_round,
        central_secretary,
        producer,
        commune_officer,
        results,
    )


def central_item(levels: Levels, dossier, score: str, stars: int | None):
    """The central council's closed session on the forwarded `dossier`, finalised at `score`."""
    from evalapp.dossiers.models import DossierState

    seats = [
        (make_user(Role.COUNCIL_CHAIR, unit=levels.central), Position.CHAIR),
        (make_user(Role.COUNCIL_MEMBER, unit=levels.central), Position.MEMBER),
        (levels.central_secretary, Position.SECRETARY),
    ]
    council = make_council(levels.central_round, seats, name="Hội đồng cấp trung ương")
    starts = datetime(2021, 11, 15, 1, 30, tzinfo=UTC)
    session = make_session(
        council, starts_at=starts, state=SessionState.CLOSED, opened_at=starts, closed_at=starts
    )
    dossier.state = DossierState.ACCEPTED
    item = AgendaItem(dossier=dossier, position=1, added_at=utcnow())
    session.agenda.append(item)
    db.session.flush()
    result = make_final_result(item, score, stars)
    db.session.commit()
    return result
