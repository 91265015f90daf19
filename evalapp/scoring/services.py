"""Scoring verbs: a member's draft, signing, the result of a dossier, re-scoring rounds.

A sheet is written only while its session is open, by its own member, present, cleared of
conflicts, in the dossier's current scoring round. On PostgreSQL the session row is read FOR SHARE
while a sheet is saved and FOR UPDATE while the session closes, so a save is either counted or
refused, never half-applied; SQLite serialises writers, and database triggers refuse any change to
a signed sheet or to a sheet of a closed session. Services never commit.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from evalapp.auth.models import User
from evalapp.common import audit
from evalapp.common.refusals import Refusal
from evalapp.common.time import utcnow
from evalapp.councils.models import (
    AgendaItem,
    CouncilMember,
    Position,
    SessionState,
)
from evalapp.councils.services import lock_session, member_has_scored
from evalapp.extensions import db
from evalapp.rules import (
    CriteriaSheet,
    SheetScore,
    score_sheet,
)
from evalapp.scoring.models import AdvisoryNote, ScoreSheet, SheetState
from evalapp.sheets import library


class ScoringError(Refusal):
    """A save or a signature that cannot be taken; the message is for the member."""


class SheetChanged(ScoringError):
    """The sheet was saved elsewhere (another tab) since this copy was loaded."""

    def __init__(self, message: str, current: ScoreSheet) -> None:
        super().__init__(message)
        self.current = current


def criteria_sheet(item: AgendaItem) -> CriteriaSheet:
    dossier = item.dossier
    if not dossier.sheet_code:
        raise ScoringError(
            _("Nhóm sản phẩm của hồ sơ chưa có phiếu đánh giá trong quyết định áp dụng.")
        )
    return library.sheet_by_version_or_code(
        dossier.round.rulebook_code, dossier.sheet_code, dossier.sheet_version_id
    )


def expected_scorers(item: AgendaItem) -> list[CouncilMember]:
    """Present scoring members who declared no conflict for this dossier. For a dossier decided
    in writing (26/2026 Điều 7.6.d) every scoring member who declared no conflict — and every one
    who has not declared yet: a written opinion is awaited from each seat, none is absent."""
    session = item.session
    if item.in_writing:
        conflicted = {d.member_id for d in item.declarations if d.has_conflict}
        return [m for m in session.council.scoring_members() if m.id not in conflicted]
    cleared = {d.member_id for d in item.declarations if not d.has_conflict}
    return [
        m for m in session.council.scoring_members() if m.id in cleared and session.is_present(m)
    ]


def check_may_score(item: AgendaItem, member: CouncilMember) -> None:
    if not lock_session(item.session).accepts_scores(utcnow()):
        raise ScoringError(_("Phiên họp không mở chấm điểm; phiếu không được lưu."))
    declaration = item.declaration_of(member)
    if declaration is None or declaration.has_conflict:
        raise ScoringError(
            _("Bạn cần khai báo không có xung đột lợi ích trước khi chấm hồ sơ này.")
        )
    if not item.takes_part(member):
        raise ScoringError(_("Thư ký chưa ghi nhận bạn có mặt tại phiên họp."))


def sheet_of(
    item: AgendaItem, member: CouncilMember, scoring_round: int | None = None
) -> ScoreSheet | None:
    wanted = scoring_round or item.scoring_round
    return db.session.scalar(
        select(ScoreSheet).where(
            ScoreSheet.item_id == item.id,
            ScoreSheet.member_id == member.id,
            ScoreSheet.scoring_round == wanted,
        )
    )


def open_sheet(item: AgendaItem, member: CouncilMember, actor: User) -> ScoreSheet:
    """The member's sheet of the current round, created empty the first time."""
    sheet = sheet_of(item, member)
    if sheet is None:
        check_may_score(item, member)
        sheet = ScoreSheet(
            item=item,
            member=member,
            scoring_round=item.scoring_round,
            state=SheetState.DRAFT,
            choices={},
            comments={},
            updated_at=utcnow(),
        )
        db.session.add(sheet)
        db.session.flush()
        audit.record("sheet.opened", sheet, actor=actor, after={"round": sheet.scoring_round})
    return sheet


def check_writable(sheet: ScoreSheet, expected_version: int | None) -> None:
    check_may_score(sheet.item, sheet.member)
    if sheet.is_signed:
        raise ScoringError(_("Phiếu đã được ký; không thể sửa."))
    if sheet.scoring_round != sheet.item.scoring_round:
        raise ScoringError(_("Đã mở vòng chấm lại; phiếu này thuộc vòng trước."))
    if expected_version is not None and expected_version != sheet.version:
        raise SheetChanged(
            _(
                "Phiếu vừa được lưu ở nơi khác (một thẻ trình duyệt khác). "
                "Hãy xem lại các khác biệt trước khi lưu."
            ),
            sheet,
        )


def checked_score(item: AgendaItem, choices: dict[str, str]) -> SheetScore:
    score = score_sheet(
        criteria_sheet(item), {code: level for code, level in choices.items() if level}
    )
    if score.errors:
        raise ScoringError(_("Mức đã chọn không có trong phiếu đánh giá."))
    return score


def written_draft(
    choices: dict[str, str], comments: dict[str, str], overall: str
) -> tuple[dict[str, str], dict[str, str], str]:
    """What a save keeps: the chosen levels, the comments trimmed (1,000 characters each, empty
    ones dropped) and the overall comment trimmed (4,000 characters)."""
    return (
        {code: level for code, level in choices.items() if level},
        {code: text.strip()[:1000] for code, text in comments.items() if text.strip()},
        overall.strip()[:4000],
    )


def holds_draft(sheet: ScoreSheet, draft: tuple, actor: User) -> bool:
    """The sheet already holds exactly `draft` as `actor` would leave it (a member's save also
    takes back a paper sheet awaiting them, so that one is not yet theirs)."""
    taken_back = sheet.entered_by_id is None or actor.id != sheet.member.user_id
    held = (sheet.choices or {}, sheet.comments or {}, sheet.overall_comment or "")
    return taken_back and held == draft


def save_draft(
    sheet: ScoreSheet,
    choices: dict[str, str],
    comments: dict[str, str],
    overall: str,
    expected_version: int | None,
    actor: User,
) -> SheetScore:
    """Write the member's draft over the sheet at `expected_version`. The same draft sent again
    on that version — a save whose answer was lost after it was committed — is taken as saved,
    with nothing written; a different draft on an old version raises `SheetChanged`."""
    draft = written_draft(choices, comments, overall)
    try:
        check_writable(sheet, expected_version)
    except SheetChanged:
        if not holds_draft(sheet, draft, actor):
            raise
        return checked_score(sheet.item, sheet.choices)
    score = checked_score(sheet.item, choices)
    before = {"choices": dict(sheet.choices), "overall": sheet.overall_comment}
    sheet.choices, sheet.comments, sheet.overall_comment = draft
    sheet.updated_at = utcnow()
    if actor.id == sheet.member.user_id:
        sheet.entered_by_id = None  # the member edits: the sheet is theirs again, not the paper
    db.session.flush()
    audit.record(
        "sheet.saved",
        sheet,
        actor=actor,
        before=before,
        after={"choices": dict(sheet.choices), "overall": sheet.overall_comment},
    )
    return score


def sign_sheet(sheet: ScoreSheet, expected_version: int | None, actor: User) -> SheetScore:
    """Only the member signs their sheet: no other account, the secretary's included (issue 13)."""
    if actor.id != sheet.member.user_id:
        raise ScoringError(_("Chỉ thành viên hội đồng mới ký được phiếu của mình."))
    check_writable(sheet, expected_version)
    score = checked_score(sheet.item, sheet.choices)
    if not score.is_complete:
        raise ScoringError(
            _("Còn %(n)d tiêu chí chưa chọn mức; chưa thể ký phiếu.", n=len(score.missing))
        )
    sheet.state, sheet.total, sheet.signed_at = SheetState.SIGNED, score.total, utcnow()
    db.session.flush()
    audit.record("sheet.signed", sheet, actor=actor, after={"total": str(score.total)})
    return score


def signed_sheets(item: AgendaItem) -> list[ScoreSheet]:
    return list(
        db.session.scalars(
            select(ScoreSheet)
            .where(
                ScoreSheet.item_id == item.id,
                ScoreSheet.scoring_round == item.scoring_round,
                ScoreSheet.state == SheetState.SIGNED,
            )
            .order_by(ScoreSheet.member_id)
        )
    )


ADVISORY_STATES = frozenset({SessionState.PLANNED, SessionState.OPEN})
NOTE_LENGTH = 2000


def save_advisory_notes(
    item: AgendaItem, member: CouncilMember, notes: dict[str, str], actor: User
) -> None:
    """An advisory group member's notes on the dossier, one per criterion code, before or during
    the session. Empty text deletes the member's note on that criterion; codes not on the
    dossier's criteria sheet are refused (nothing is saved)."""
    if member.position is not Position.ADVISORY or member.council_id != item.session.council_id:
        raise ScoringError(_("Chỉ thành viên tổ tư vấn của hội đồng mới ghi chú hồ sơ này."))
    if item.session.state not in ADVISORY_STATES:
        raise ScoringError(_("Phiên họp đã kết thúc; không thể ghi chú thêm."))
    known = {leaf.code for leaf in criteria_sheet(item).leaves}
    if set(notes) - known:
        raise ScoringError(_("Tiêu chí không có trong phiếu đánh giá của hồ sơ."))
    existing = {n.criterion_code: n for n in advisory_notes_of(item, member)}
    before = {code: n.note for code, n in existing.items()}
    for code, text in notes.items():
        write_note(item, member, existing.get(code), code, text.strip()[:NOTE_LENGTH])
    db.session.flush()
    after = {n.criterion_code: n.note for n in advisory_notes_of(item, member)}
    audit.record("advisory.notes_saved", item.session, actor=actor, before=before, after=after)


def write_note(item, member, note: AdvisoryNote | None, code: str, text: str) -> None:
    if note is not None and not text:
        db.session.delete(note)
    elif note is not None and text != note.note:
        note.note, note.written_at = text, utcnow()
    elif note is None and text:
        db.session.add(
            AdvisoryNote(
                item_id=item.id,
                member_id=member.id,
                criterion_code=code,
                note=text,
                written_at=utcnow(),
            )
        )


def advisory_notes_of(item: AgendaItem, member: CouncilMember) -> list[AdvisoryNote]:
    """The notes one advisory member wrote on one dossier."""
    return list(
        db.session.scalars(
            select(AdvisoryNote).where(
                AdvisoryNote.item_id == item.id, AdvisoryNote.member_id == member.id
            )
        )
    )


@member_has_scored.answer
def member_has_scored_answer(member: CouncilMember) -> bool:
    return any(
        db.session.scalar(select(model.id).where(model.member_id == member.id).limit(1))
        for model in (ScoreSheet, AdvisoryNote)
    )
