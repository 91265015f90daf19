"""A closed district session of Kim Sơn on "Giỏ đay Hiếu Lâm" with six scoring members: member 5
declared a conflict for it, member 6 was absent, the other four signed 72, 73, 71 and 74 points
(average 72,50)."""

from dataclasses import dataclass
from datetime import UTC, date, datetime
from io import BytesIO

import pytest

from evalapp.auth.models import Role
from evalapp.common.time import utcnow
from evalapp.councils.models import (
    AgendaItem,
    Attendance,
    ConflictDeclaration,
    Position,
    SessionState,
)
from evalapp.councils.services import close_session
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
from tests.integration.scoring.conftest import signed_sheet, with_changes

NAMES = [
    ("Phạm Văn Chủ", Role.COUNCIL_CHAIR, Position.CHAIR),
    ("Trần Thị Phó", Role.COUNCIL_MEMBER, Position.VICE_CHAIR),
    ("Lê Văn Ba", Role.COUNCIL_MEMBER, Position.MEMBER),
    ("Đỗ Thị Bốn", Role.COUNCIL_MEMBER, Position.MEMBER),
    ("Hoàng Văn Năm", Role.COUNCIL_MEMBER, Position.MEMBER),
    ("Vũ Thị Sáu", Role.COUNCIL_MEMBER, Position.MEMBER),
    ("Ngô Thị Thư Ký", Role.SECRETARY, Position.SECRETARY),
]
# Members 1–4 (by number) sign these; 5 is conflicted, 6 absent.
CHOICES = [
    with_changes(),
    with_changes(**{"1.2": "3"}),
    with_changes(**{"1.2": "1"}),
    with_changes(**{"1.5": "4"}),
]


@dataclass
class Closed:
    unit: object
    round: object
    council: object
    session: object
    item: object
    members: list  # the seven seats by number
    secretary: object  # the secretariat's user (also the council's secretary)
    chair: object


def build_session(scored: bool = True, level: str = "district") -> Closed:
    """The Kim Sơn session (`level="province"`: the same at Ninh Bình's provincial council)."""
    province = make_unit("Tỉnh Ninh Bình", code=f"NB{datetime.now().microsecond}")
    district = make_unit("Huyện Kim Sơn", UnitLevel.DISTRICT, parent=province)
    commune = make_unit("Xã Thượng Kiệm", UnitLevel.COMMUNE, parent=district)
    if level == "province":
        district = province  # the council's unit
    round_ = make_round(district, level_code=level, year=2021)
    seats = [(make_user(role, unit=district, full_name=name), pos) for name, role, pos in NAMES]
    council = make_council(
        round_,
        seats,
        name="Hội đồng đánh giá, phân hạng sản phẩm OCOP",
        decision_number="45/QĐ-UBND",
        decision_date=date(2021, 8, 2),
    )
    starts = datetime(2021, 9, 15, 1, 30, tzinfo=UTC)  # 08:30 in Vietnam
    session = make_session(
        council,
        title="Phiên họp đánh giá sản phẩm OCOP năm 2021",
        starts_at=starts,
        place="Hội trường UBND huyện Kim Sơn",
        state=SessionState.OPEN,
        opened_at=starts,
    )
    organisation = make_organisation(commune=commune, name="Công ty TNHH Hiếu Lâm", address="Xóm 3")
    dossier = make_accepted_dossier(round_, organisation, "Giỏ đay Hiếu Lâm")
    item = AgendaItem(dossier=dossier, position=1, added_at=utcnow())
    session.agenda.append(item)
    db.session.flush()
    members = list(council.members)
    for member in members:
        present = member.number != 6
        session.attendance.append(Attendance(member_id=member.id, present=present))
        if member.position.scores:
            conflict = member.number == 5
            item.declarations.append(
                ConflictDeclaration(
                    member=member, has_conflict=conflict, reason="Người thân" if conflict else ""
                )
            )
    db.session.commit()
    if scored:
        for member, choices in zip(members[:4], CHOICES, strict=True):
            signed_sheet(item, member, choices)
    secretary = members[6].user
    close_session(session, secretary)
    db.session.commit()
    return Closed(district, round_, council, session, item, members, secretary, members[0].user)


@pytest.fixture
def closed(app) -> Closed:
    return build_session()


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


def flat(text: str) -> str:
    """Text extracted from a PDF with its line breaks as spaces."""
    return " ".join(text.split())
