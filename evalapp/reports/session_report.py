"""The facts of a session's minutes and score table, as plain data (no ORM object reaches a
document template). Everything is read in a fixed handful of queries whatever the agenda's size:
the session with its agenda, dossiers, declarations, attendance and seats; the signed sheets of
the whole session at once; the current finalised results at once.

Only signed sheets of each dossier's final scoring round count, from members who were present
and declared no conflict (as the rules core aggregates them); a finalised result's figures are
the frozen ones, otherwise the figures are computed now and the conclusion is "not finalised".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import to_user_timezone
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from evalapp.common.i18n import format_number, format_score
from evalapp.councils.models import (
    AgendaItem,
    Council,
    CouncilMember,
    CouncilSession,
    Position,
)
from evalapp.councils.seats import chair_of
from evalapp.councils.services import quorum_for
from evalapp.councils.written import council_article
from evalapp.dossiers.models import Dossier
from evalapp.extensions import db
from evalapp.producers.models import Organisation
from evalapp.reports.formats import day_words, people_committee, short_name
from evalapp.results import freezing
from evalapp.results.live import live_verdict
from evalapp.results.models import FinalResult, ResultState
from evalapp.results.wording import class_label
from evalapp.rules import load_rulebook, quorum_met
from evalapp.scoring.models import ScoreSheet, SheetState

ABSENT, CONFLICTED, UNSIGNED, UNDECLARED = "absent", "conflicted", "unsigned", "undeclared"
MISSING_LABELS = {
    ABSENT: _l("vắng mặt"),
    CONFLICTED: _l("không chấm (xung đột lợi ích)"),
    UNSIGNED: _l("chưa ký phiếu"),
    UNDECLARED: _l("chưa khai báo xung đột lợi ích"),
}


@dataclass(frozen=True)
class Seat:
    number: int
    name: str
    position: str
    present: bool
    scores: bool


@dataclass(frozen=True)
class MemberScore:
    number: int
    name: str
    total: Decimal | None
    # Why there is no total: ABSENT, CONFLICTED, UNSIGNED, UNDECLARED ("" with a total).
    missing: str = ""

    @property
    def label(self) -> str:
        """ "Thành viên số 3", or the member's name when the minutes name members."""
        return self.name or _("Thành viên số %(n)d", n=self.number)

    @property
    def note(self) -> str:
        return str(MISSING_LABELS[self.missing]) if self.missing else ""


@dataclass(frozen=True)
class DossierFacts:
    position: int
    receipt_code: str
    product: str
    producer: str
    address: str
    scoring_round: int
    scores: tuple[MemberScore, ...]
    part_scores: dict[str, Decimal]
    average: Decimal | None
    class_label: str
    finalised: bool
    conclusion: str
    knockout_reason: str = ""
    quorum_met: bool = True
    unmet: tuple[str, ...] = ()
    # The written-opinion record (26/2026 Điều 7.6.d): who signed when, who asked for a meeting
    # and why, whether and when the chair convened one ("" lines outside the written mode).
    written_record: tuple[str, ...] = ()

    @property
    def counted(self) -> int:
        return sum(1 for score in self.scores if score.total is not None)


@dataclass(frozen=True)
class SessionFacts:
    issuing_body: str
    council: str
    council_decision_number: str
    council_decision_date: date
    place: str  # of the place-date line
    session_title: str
    day: date
    starts: str  # "08 giờ 00"
    ends: str
    venue: str
    closed: bool
    seats: tuple[Seat, ...]
    quorum_met: bool
    chair_name: str
    secretary_name: str
    parts: tuple[str, ...]
    dossiers: tuple[DossierFacts, ...] = field(default_factory=tuple)
    # Written mode: the form used, and whether the council met at all.
    written_line: str = ""
    met: bool = True

    @property
    def scoring_seats(self) -> tuple[Seat, ...]:
        return tuple(seat for seat in self.seats if seat.scores)

    @property
    def present_count(self) -> int:
        return sum(1 for seat in self.scoring_seats if seat.present)


def load_session(session_id: int) -> CouncilSession | None:
    """The session with everything its documents read, in a few selectin queries."""
    query = (
        select(CouncilSession)
        .where(CouncilSession.id == session_id)
        .options(
            selectinload(CouncilSession.attendance),
            selectinload(CouncilSession.council).selectinload(Council.round),
            selectinload(CouncilSession.council)
            .selectinload(Council.members)
            .selectinload(CouncilMember.user),
            selectinload(CouncilSession.agenda).selectinload(AgendaItem.declarations),
            selectinload(CouncilSession.agenda).selectinload(AgendaItem.meeting_requests),
            selectinload(CouncilSession.agenda)
            .selectinload(AgendaItem.dossier)
            .selectinload(Dossier.product),
            selectinload(CouncilSession.agenda)
            .selectinload(AgendaItem.dossier)
            .selectinload(Dossier.organisation)
            .selectinload(Organisation.commune),
        )
    )
    return db.session.scalars(query).one_or_none()


def signed_sheets_of(session: CouncilSession) -> dict[tuple[int, int], list[ScoreSheet]]:
    """Every signed sheet of the session's agenda, by (item id, scoring round), in one query."""
    query = (
        select(ScoreSheet)
        .join(AgendaItem, AgendaItem.id == ScoreSheet.item_id)
        .where(AgendaItem.session_id == session.id, ScoreSheet.state == SheetState.SIGNED)
        .order_by(ScoreSheet.member_id)
    )
    sheets: dict[tuple[int, int], list[ScoreSheet]] = {}
    for sheet in db.session.scalars(query):
        sheets.setdefault((sheet.item_id, sheet.scoring_round), []).append(sheet)
    return sheets


def current_results_of(session: CouncilSession) -> dict[int, FinalResult]:
    query = (
        select(FinalResult)
        .join(AgendaItem, AgendaItem.id == FinalResult.item_id)
        .where(AgendaItem.session_id == session.id, FinalResult.state == ResultState.FINALISED)
    )
    return {result.item_id: result for result in db.session.scalars(query)}


def clock(moment) -> str:
    return "" if moment is None else to_user_timezone(moment).strftime("%H giờ %M")


def end_of(session: CouncilSession) -> str:
    """ "16 giờ 30 cùng ngày", or with its own date when the session closed on another day."""
    if session.closed_at is None:
        return ""
    closed_on = to_user_timezone(session.closed_at).date()
    if closed_on == to_user_timezone(session.starts_at).date():
        return _("%(time)s cùng ngày", time=clock(session.closed_at))
    return f"{clock(session.closed_at)}, {day_words(closed_on)}"


def full_address(organisation: Organisation) -> str:
    """The street address then the commune and the units above it (`Organisation.full_address`,
    the same on the certificate)."""
    return organisation.full_address()


def session_facts(session: CouncilSession, with_names: bool = False) -> SessionFacts:
    """Everything the minutes and the score table print about `session` (loaded with
    `load_session`); members are named only when `with_names`."""
    council, unit = session.council, session.council.round.unit
    rulebook = load_rulebook(council.round.rulebook_code)
    sheets, results = signed_sheets_of(session), current_results_of(session)
    holders = {m.position: m.user.full_name for m in council.members}
    seats = tuple(
        Seat(
            m.number,
            m.user.full_name if with_names else "",
            m.position.label,
            session.is_present(m),
            m.position.scores,
        )
        for m in council.members
    )
    scoring = [seat for seat in seats if seat.scores]
    chair = chair_of(council)
    chair_present = chair is not None and session.is_present(chair)
    return SessionFacts(
        issuing_body=people_committee(unit.name),
        council=council.name,
        council_decision_number=council.decision_number,
        council_decision_date=council.decision_date,
        place=short_name(unit.name),
        session_title=session.title,
        day=to_user_timezone(session.starts_at).date(),
        starts=clock(session.opened_at or session.starts_at),
        ends=end_of(session),
        venue=session.place if not session.is_online else _("Họp trực tuyến"),
        closed=session.closed_at is not None,
        seats=seats,
        quorum_met=quorum_met(
            rulebook.council, len(scoring), sum(s.present for s in scoring), chair_present
        ),
        chair_name=holders.get(Position.CHAIR, ""),
        secretary_name=holders.get(Position.SECRETARY, ""),
        parts=tuple(part.code for part in rulebook.parts),
        dossiers=tuple(
            dossier_facts(item, sheets, results.get(item.id), with_names) for item in session.agenda
        ),
        written_line=written_line(session),
        met=not session.is_written or bool(session.convened_items),
    )


def written_line(session: CouncilSession) -> str:
    if not session.is_written:
        return ""
    article = council_article(session.council)
    if session.convened_items:
        return _(
            "Hội đồng đánh giá theo hình thức lấy ý kiến bằng văn bản (%(a)s); Chủ tịch Hội "
            "đồng triệu tập họp trực tiếp đối với hồ sơ có ý kiến khác nhau hoặc cần thảo luận.",
            a=article,
        )
    return _(
        "Hội đồng đánh giá theo hình thức lấy ý kiến bằng văn bản (%(a)s); không tổ chức họp "
        "trực tiếp. Thành viên chấm và ký phiếu từ xa.",
        a=article,
    )


def moment_words(moment) -> str:
    return to_user_timezone(moment).strftime("%H:%M %d/%m/%Y")


def written_record(item: AgendaItem, sheets: dict, with_names: bool) -> tuple[str, ...]:
    """The lines of Điều 7.6.d's record: each written opinion's signature (the written round
    is the first: a dossier decided in writing is never re-scored, it is convened), the
    requests for a meeting with their reasons, the meeting convened or the conclusion without."""
    if not item.session.is_written:
        return ()
    members = {m.id: m for m in item.session.council.members}

    def label(member_id: int) -> str:
        member = members[member_id]
        return member.user.full_name if with_names else _("Thành viên số %(n)d", n=member.number)

    lines = [
        _("%(who)s ký phiếu lúc %(at)s.", who=label(s.member_id), at=moment_words(s.signed_at))
        for s in sheets.get((item.id, 1), [])
    ]
    lines += [
        _(
            "%(who)s đề nghị họp trực tiếp lúc %(at)s, lý do: %(reason)s",
            who=label(r.member_id),
            at=moment_words(r.requested_at),
            reason=r.reason,
        )
        for r in item.meeting_requests
    ]
    if item.convened_at is not None:
        lines.append(
            _(
                "Chủ tịch Hội đồng triệu tập họp trực tiếp lúc %(at)s; họp lúc %(when)s tại "
                "%(place)s.",
                at=moment_words(item.convened_at),
                when=moment_words(item.session.starts_at),
                place=item.session.place,
            )
        )
    else:
        lines.append(_("Không tổ chức họp trực tiếp đối với hồ sơ này."))
    return tuple(lines)


def member_scores(
    item: AgendaItem, counted: dict[int, ScoreSheet], with_names: bool
) -> tuple[MemberScore, ...]:
    lines = []
    for member in item.session.council.scoring_members():
        declaration = item.declaration_of(member)
        sheet = counted.get(member.id)
        if declaration is not None and declaration.has_conflict:
            missing = CONFLICTED
        elif not item.takes_part(member):
            missing = ABSENT
        elif declaration is None:
            missing = UNDECLARED
        else:
            missing = "" if sheet is not None else UNSIGNED
        name = member.user.full_name if with_names else ""
        lines.append(MemberScore(member.number, name, None if missing else sheet.total, missing))
    return tuple(lines)


def dossier_facts(
    item: AgendaItem, sheets: dict, result: FinalResult | None, with_names: bool
) -> DossierFacts:
    scoring_round = result.scoring_round if result is not None else item.scoring_round
    signed = {sheet.member_id: sheet for sheet in sheets.get((item.id, scoring_round), [])}
    quorum = quorum_for(item)
    dossier = item.dossier
    scores = member_scores(item, signed, with_names)
    common = dict(
        position=item.position,
        receipt_code=dossier.receipt_code or "",
        product=dossier.product.name,
        producer=dossier.organisation.name,
        address=full_address(dossier.organisation),
        scoring_round=scoring_round,
        scores=scores,
        quorum_met=quorum.met,
        written_record=written_record(item, sheets, with_names),
    )
    if result is not None:
        return DossierFacts(
            **common,
            part_scores={code: Decimal(value) for code, value in result.part_scores.items()},
            average=result.score,
            class_label=class_label(result.outcome, result.stars),
            finalised=True,
            conclusion=result.conclusion or conclusion_of(result.outcome, result.stars),
            knockout_reason=result.knockout_reason,
            unmet=unmet_lines((result.classification or {}).get("unmet", [])),
        )
    computed = computed_result(item, signed)
    return DossierFacts(
        **common,
        part_scores=dict(computed.part_scores) if computed else {},
        average=computed.score if computed else None,
        class_label=class_label(computed.outcome, computed.stars)
        if computed
        else _("Chưa đủ phiếu chấm"),
        finalised=False,
        conclusion=_("Chưa chốt kết quả"),
        unmet=unmet_lines(computed.unmet) if computed else (),
    )


def unmet_lines(unmet) -> tuple[str, ...]:
    """ "1.4 Liên kết chuỗi: cần ≥ 2 điểm cho 4★ (trung bình 1,5)" for each requirement not met."""
    return tuple(
        _(
            "%(code)s %(name)s: cần ≥ %(required)s điểm cho %(n)d★ (trung bình %(actual)s)",
            code=u["criterion"],
            name=u["name"],
            required=format_number(Decimal(u["required"])),
            n=u["stars"],
            actual=format_score(Decimal(u["actual"])),
        )
        for u in unmet
    )


@dataclass(frozen=True)
class Proposal:
    """What the minutes print before finalisation: the average, part averages and class."""

    score: Decimal
    part_scores: dict[str, Decimal]
    outcome: str
    stars: int | None
    unmet: tuple[dict, ...] = ()


def computed_result(item: AgendaItem, signed: dict) -> Proposal | None:
    """What the rules give now, once there is a result (`results.live.live_verdict`: the same
    gate and arithmetic as every page, without the statistics and the leave-one-out check)."""
    found = live_verdict(item, signed.values())
    if found is None:
        return None
    criteria, verdict = found
    c = verdict.classification
    unmet = tuple(freezing.unmet_of(c, criteria))
    return Proposal(verdict.score, dict(verdict.part_scores), c.outcome, c.stars, unmet)


def conclusion_of(outcome: str, stars: int | None) -> str:
    if stars:
        return _("Hội đồng thống nhất đề xuất sản phẩm đạt %(n)d sao.", n=stars)
    return _("Hội đồng thống nhất: sản phẩm %(label)s.", label=class_label(outcome, stars).lower())
