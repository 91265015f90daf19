"""Demo councils: Kim Sơn's 2021 council in session on Giỏ đay Hiếu Lâm (1048 has criteria sheets,
so this is where members can score: four of the seven have signed), and the province's current
council with a session planned next week on the accepted dossier of the open round."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from evalapp.auth.models import User
from evalapp.common.time import utcnow
from evalapp.councils import services as councils
from evalapp.councils.models import (
    AgendaItem,
    Attendance,
    ConflictDeclaration,
    Council,
    CouncilMember,
    CouncilSession,
    Position,
    SessionState,
)
from evalapp.demo.data import HIEU_LAM_SELF_ASSESSMENT
from evalapp.dossiers.models import Dossier, DossierState
from evalapp.extensions import db
from evalapp.scoring import services as scoring

# Four members' sheets, each a little away from the self-assessment (72): 74, 70, 72, 73.
SIGNED_2021 = ({"4.3": "4", "1.6": "2"}, {"6.5": "1"}, {}, {"2.3": "3"})

SEATS = (
    ("chutich.kimson", Position.CHAIR),
    ("thanhvien1.kimson", Position.VICE_CHAIR),
    ("thanhvien2.kimson", Position.MEMBER),
    ("thanhvien3.kimson", Position.MEMBER),
    ("thanhvien4.kimson", Position.MEMBER),
    ("thanhvien5.kimson", Position.MEMBER),
    ("thanhvien6.kimson", Position.MEMBER),
    ("tuvan.kimson", Position.ADVISORY),
)


def load_council_2021(users: dict[str, User], dossier: Dossier) -> Council:
    """The council met on 20/10/2021, everyone present, nobody declaring a conflict; the session
    is left open with four sheets signed, so the other members can try scoring."""
    seats = [*SEATS, ("thuky.kimson", Position.SECRETARY)]
    council = Council(
        round=dossier.round,
        is_demo=True,
        decision_number="1520/QĐ-UBND (mẫu)",
        decision_date=date(2021, 10, 4),
        name="Hội đồng đánh giá, phân hạng sản phẩm OCOP huyện Kim Sơn năm 2021",
    )
    council.members = [
        CouncilMember(user=users[login], position=position, number=number)
        for number, (login, position) in enumerate(seats, start=1)
    ]
    meeting = datetime(2021, 10, 20, 1, 30, tzinfo=UTC)
    session = CouncilSession(
        council=council,
        title="Phiên họp đánh giá sản phẩm OCOP năm 2021 (mẫu)",
        starts_at=meeting,
        place="Hội trường UBND huyện Kim Sơn",
        state=SessionState.OPEN,
        opened_at=meeting,
    )
    item = AgendaItem(dossier=dossier, position=1, added_at=meeting - timedelta(days=5))
    session.agenda = [item]
    db.session.add(session)
    db.session.flush()
    for member in council.members:
        session.attendance.append(
            Attendance(member_id=member.id, present=True, recorded_at=meeting)
        )
        if member.position.scores:
            item.declarations.append(
                ConflictDeclaration(member=member, has_conflict=False, declared_at=meeting)
            )
    db.session.flush()
    for member, changes in zip(council.scoring_members(), SIGNED_2021, strict=False):
        sheet = scoring.open_sheet(item, member, member.user)
        choices = {**HIEU_LAM_SELF_ASSESSMENT, **changes}
        scoring.save_draft(sheet, choices, {}, "", sheet.version, member.user)
        scoring.sign_sheet(sheet, sheet.version, member.user)
    return council


def load_council_2026(users: dict[str, User], round_dossiers: list[Dossier]) -> CouncilSession:
    """Composed and scheduled through the services, as a secretary would."""
    secretary = users["thuky.ninhbinh"]
    round_ = round_dossiers[0].round
    council = councils.create_council(
        round_,
        secretary,
        name=f"Hội đồng đánh giá, phân hạng sản phẩm OCOP tỉnh Ninh Bình năm {round_.year}",
        decision_number="2211/QĐ-UBND (mẫu)",
        decision_date=round_.submission_opens_on,
    )
    council.is_demo = True
    for login, position in [*SEATS, ("thuky.ninhbinh", Position.SECRETARY)]:
        councils.add_member(council, users[login], position, secretary)
    session = councils.schedule_session(
        council,
        secretary,
        title="Phiên họp thứ nhất",
        starts_at=utcnow() + timedelta(days=7),
        place="Hội trường Sở Nông nghiệp và Môi trường tỉnh Ninh Bình",
        is_online=False,
    )
    for dossier in round_dossiers:
        if dossier.state is DossierState.ACCEPTED:
            councils.add_to_agenda(session, dossier, secretary)
    return session
