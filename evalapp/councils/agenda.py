"""What the session page shows for each dossier on the agenda, depending on who looks."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _

from evalapp.common.time import local_today, utcnow
from evalapp.councils import seats
from evalapp.councils.models import (
    AgendaItem,
    ConflictDeclaration,
    CouncilSession,
    Position,
    SessionState,
)
from evalapp.councils.permissions import (
    can_ask_for_meeting,
    can_declare,
    can_manage_council,
    can_open_agenda_dossier,
    can_write_advisory_notes,
)
from evalapp.councils.services import Quorum, proposed_conflicts, quorum_for
from evalapp.dossiers.re_evaluation import clock_lines


@dataclass(frozen=True)
class AgendaRow:
    """One agenda dossier. `declaration`, `proposed` are the viewer's own; `quorum` and
    `conflicts` (a count, never names) are for the secretariat only."""

    item: AgendaItem
    declaration: ConflictDeclaration | None
    may_declare: bool
    may_open: bool
    proposed: list[str]
    quorum: Quorum | None
    conflicts: int | None
    may_score: bool = False
    may_see_result: bool = False
    may_advise: bool = False
    may_ask_meeting: bool = False
    # Điều 7.6.g, for the secretariat: ("Còn 12 ngày (hạn …)", css) of a re-evaluation dossier.
    clock: tuple[str, str] | None = None
    # Written mode, for the secretariat and the chair: the members' requests for a meeting.
    sees_requests: bool = False


def agenda_rows(session: CouncilSession, user) -> list[AgendaRow]:
    manages = can_manage_council(user, session.council)
    member = session.council.member_for(user)
    clocks = clock_lines([i.dossier for i in session.agenda], local_today()) if manages else {}
    return [
        row_for(item, user, member, manages, clocks.get(item.dossier_id)) for item in session.agenda
    ]


def row_for(item: AgendaItem, user, member, manages: bool, clock=None) -> AgendaRow:
    declaration = item.declaration_of(member) if member else None
    may_declare = declaration is None and can_declare(user, item)
    return AgendaRow(
        item=item,
        declaration=declaration,
        may_declare=may_declare,
        may_open=can_open_agenda_dossier(user, item),
        proposed=proposed_conflicts(item, member) if may_declare else [],
        quorum=quorum_for(item) if manages else None,
        conflicts=sum(d.has_conflict for d in item.declarations) if manages else None,
        may_score=bool(member and member.position.scores and item.session.accepts_scores(utcnow())),
        may_see_result=seats.sees_aggregate(user, item)
        and (manages or item.in_writing or item.session.state is not SessionState.PLANNED),
        may_advise=can_write_advisory_notes(user, item),
        may_ask_meeting=can_ask_for_meeting(user, item),
        clock=clock,
        sees_requests=manages or seats.is_chair(user, item.session.council),
    )


def written_line(item: AgendaItem) -> str:
    """What the secretariat reads instead of the quorum for a dossier decided in writing."""
    return _(
        "Lấy ý kiến bằng văn bản: không điểm danh; cần phiếu đã ký của %(n)d thành viên.",
        n=quorum_for(item).members,
    )


def quorum_line(quorum: Quorum) -> str:
    """ "Đủ điều kiện họp: 6/8 thành viên có mặt, có Chủ tịch" and its opposites."""
    counts = _(
        "%(present)d/%(members)d thành viên có mặt",
        present=quorum.present,
        members=quorum.members,
    )
    chair = _("có Chủ tịch") if quorum.chair_present else _("vắng Chủ tịch")
    if quorum.met:
        return _("Đủ điều kiện họp: %(counts)s, %(chair)s", counts=counts, chair=chair)
    return _("Chưa đủ điều kiện họp: %(counts)s, %(chair)s", counts=counts, chair=chair)


def acting_chair_line(quorum: Quorum) -> str:
    """Who chairs for this dossier when the chair declared a conflict ("" when the chair does)."""
    acting = quorum.acting_chair
    if acting is None or acting.position is Position.CHAIR:
        return ""
    return _(
        "Phó Chủ tịch %(name)s chủ trì thay Chủ tịch đối với hồ sơ này.", name=acting.user.full_name
    )
