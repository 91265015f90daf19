from dataclasses import dataclass

import pytest

from evalapp.common.time import utcnow
from evalapp.councils.models import (
    AgendaItem,
    Attendance,
    ConflictDeclaration,
    Position,
    SessionState,
)
from evalapp.extensions import db
from evalapp.units.models import UnitLevel
from tests.factories import (
    make_accepted_dossier,
    make_council,
    make_organisation,
    make_round,
    make_session,
    make_unit,
)
from tests.integration.dossiers.conftest import HIEU_LAM_CHOICES


@dataclass
class Meeting:
    council: object
    session: object
    item: object
    chair: object
    vice: object
    members: list  # every scoring member, chair first
    secretary: object


def open_meeting(round_, commune, organisation_name: str | None = None) -> Meeting:
    """An open session of a council of `round_` on Giỏ đay Hiếu Lâm: everyone present, no
    conflicts."""
    council = make_council(round_)
    session = make_session(council, state=SessionState.OPEN, opened_at=utcnow())
    names = {"name": organisation_name} if organisation_name else {}
    organisation = make_organisation(commune=commune, **names)
    dossier = make_accepted_dossier(round_, organisation, "Giỏ đay Hiếu Lâm")
    item = AgendaItem(dossier=dossier, position=1, added_at=utcnow())
    session.agenda.append(item)
    db.session.flush()
    for member in council.members:
        session.attendance.append(Attendance(member_id=member.id, present=True))
        if member.position.scores:
            item.declarations.append(ConflictDeclaration(member=member, has_conflict=False))
    db.session.commit()
    by_position = {m.position: m for m in council.members}
    return Meeting(
        council,
        session,
        item,
        by_position[Position.CHAIR],
        by_position[Position.VICE_CHAIR],
        council.scoring_members(),
        by_position[Position.SECRETARY],
    )


@pytest.fixture
def meeting(app):
    """An open session of a 1048 district council on Giỏ đay Hiếu Lâm."""
    province = make_unit("Tỉnh Ninh Bình", code="NB")
    district = make_unit("Huyện Kim Sơn", UnitLevel.DISTRICT, parent=province, code="NB-KS")
    commune = make_unit("Xã Thượng Kiệm", UnitLevel.COMMUNE, parent=district)
    return open_meeting(make_round(district, level_code="district"), commune)


@pytest.fixture
def meeting26(app):
    """An open session of a 26/2026 provincial council on Giỏ đay Hiếu Lâm, sheet 21."""
    province = make_unit("Tỉnh Ninh Bình", code="NB")
    commune = make_unit("Xã Kim Sơn", UnitLevel.COMMUNE, parent=province)
    round_ = make_round(province, rulebook_code="26-2026", level_code="province")
    return open_meeting(round_, commune, "Công ty TNHH Hiếu Lâm")


def with_changes(**changes) -> dict[str, str]:
    return {**HIEU_LAM_CHOICES, **changes}


def sheet_form(choices: dict[str, str], version, action: str = "save", **extra) -> dict:
    """What the sheet page posts: one radio group per criterion, the version, the button."""
    data = {f"c-{code}": level for code, level in choices.items()}
    return {**data, "version": "" if version is None else str(version), "action": action, **extra}


def own_sheet(meeting, member, scoring_round: int = 1):
    from sqlalchemy import select

    from evalapp.scoring.models import ScoreSheet

    db.session.expire_all()
    return db.session.scalar(
        select(ScoreSheet).where(
            ScoreSheet.item_id == meeting.item.id,
            ScoreSheet.member_id == member.id,
            ScoreSheet.scoring_round == scoring_round,
        )
    )


def autosave_url(meeting) -> str:
    return f"/scoring/items/{meeting.item.id}/autosave"


def opened(client, auth, meeting, member):
    """The member logs in and opens the item's sheet page (which creates the sheet)."""
    auth.login(member.user)
    client.get(f"/scoring/items/{meeting.item.id}")
    return own_sheet(meeting, member)


def add_dossiers(meeting, count: int) -> list:
    """More dossiers on the meeting's agenda, every member cleared for them."""
    from evalapp.councils.models import AgendaItem

    items = []
    organisation = meeting.item.dossier.organisation
    for _ in range(count):
        dossier = make_accepted_dossier(meeting.council.round, organisation, "Thảm cói Kim Sơn")
        item = AgendaItem(dossier=dossier, position=len(meeting.session.agenda) + 1)
        meeting.session.agenda.append(item)
        db.session.flush()
        for member in meeting.members:
            item.declarations.append(ConflictDeclaration(member=member, has_conflict=False))
        items.append(item)
    db.session.commit()
    return items


def signed_sheet(item, member, choices=None):
    from evalapp.scoring import services

    sheet = services.open_sheet(item, member, member.user)
    services.save_draft(sheet, choices or HIEU_LAM_CHOICES, {}, "", sheet.version, member.user)
    services.sign_sheet(sheet, sheet.version, member.user)
    db.session.commit()
    return sheet
